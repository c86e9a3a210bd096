/**
 * Live topology, health, persistence and backup status of Valkey instances.
 *
 * @packageDocumentation
 */
export { valkeyPlugin as default } from './plugin';
