/**
 * Entity cards and a tab with the live topology and backup status of Valkey
 * instances, and a fleet page with all of them.
 *
 * @packageDocumentation
 */
export {
  valkeyPlugin,
  EntityValkeyTopologyCard,
  EntityValkeyBackupCard,
  EntityValkeyConnectCard,
  EntityValkeyTimelineCard,
  EntityValkeyConsumersCard,
  EntityValkeyOperationsCard,
  EntityValkeyContent,
  ValkeyFleetPage,
  ValkeyInstanceNameFieldExtension,
  ValkeyEnvironmentPickerFieldExtension,
  ValkeyPolicyCheckFieldExtension,
  ValkeyChangePreviewFieldExtension,
} from './plugin';
export { valkeyFleetRouteRef } from './routes';
export type { ValkeyFleetPageProps } from './components/ValkeyFleetPage';
export { isValkeyAvailable } from './isValkeyAvailable';
export { useValkeyContextMenuItems } from './dayTwo';
export { valkeyApiRef, ValkeyClient } from './api';
export type { ValkeyApi } from './api';
export type { ValkeyCardProps } from './components/shared/ValkeyCard';
