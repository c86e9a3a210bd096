export { ValkeyTopologyCard } from './ValkeyTopologyCard';
