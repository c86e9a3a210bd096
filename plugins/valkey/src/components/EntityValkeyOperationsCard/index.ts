export { ValkeyOperationsCard } from './ValkeyOperationsCard';
