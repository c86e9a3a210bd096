export { ValkeyConnectCard } from './ValkeyConnectCard';
