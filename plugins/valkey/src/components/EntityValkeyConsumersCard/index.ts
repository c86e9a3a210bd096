export { ValkeyConsumersCard } from './ValkeyConsumersCard';
