export { ValkeyContent } from './ValkeyContent';
