/**
 * Entity cards and a tab with the live topology and backup status of Valkey instances.
 *
 * @packageDocumentation
 */
export {
  valkeyPlugin,
  EntityValkeyTopologyCard,
  EntityValkeyBackupCard,
  EntityValkeyContent,
} from './plugin';
export { isValkeyAvailable } from './isValkeyAvailable';
export { valkeyApiRef, ValkeyClient } from './api';
export type { ValkeyApi } from './api';
export type { ValkeyCardProps } from './components/shared/ValkeyCard';
