export { ValkeyTimelineCard } from './ValkeyTimelineCard';
