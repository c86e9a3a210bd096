export { ValkeyFleetPage } from './ValkeyFleetPage';
export { ValkeyFleetContent } from './ValkeyFleetContent';
export type { ValkeyFleetPageProps } from './ValkeyFleetContent';
