/**
 * Entity cards and a tab with the live topology and backup status of Valkey instances.
 *
 * @packageDocumentation
 */
export { valkeyPlugin, EntityValkeyTopologyCard } from './plugin';
export { isValkeyAvailable } from './isValkeyAvailable';
