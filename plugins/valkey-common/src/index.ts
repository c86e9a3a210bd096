/**
 * Shared contracts of the Valkey plugins: annotation names, permissions and
 * (in later modules) the instance spec and status types.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './dnsLabel';
export * from './infoText';
export * from './slots';
export * from './versions';
export * from './permissions';
export * from './operations';
export * from './status';
export * from './fleet';
export * from './timeline';
export * from './spec';
export * from './connection';
export * from './change';
export * from './formCheck';
