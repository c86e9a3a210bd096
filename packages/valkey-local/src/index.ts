/**
 * Real Valkey processes on loopback: single servers, replication groups, Sentinel
 * groups and clusters, for the local demo of `npm start` and for tests.
 *
 * @packageDocumentation
 */
export { startValkeyServer } from './server';
export type { ValkeyServer, ValkeyServerOptions } from './server';
export {
  startReplicationGroup,
  startSentinelGroup,
  startCluster,
  waitForClusterOk,
  waitForReplicasOnline,
} from './topologies';
export type {
  Topology,
  TopologyOptions,
  SentinelGroupOptions,
  ClusterOptions,
} from './topologies';
export { valkeyCli } from './cli';
export { parseInfo } from '@valkey-backstage/plugin-valkey-common';
export type { CliAuth, CliTls } from './cli';
export { freePort, freePorts, isPortFree, waitUntil } from './ports';
export {
  DEMO_PORTS,
  DEMO_ENVIRONMENT,
  DEMO_SENTINEL_PRIMARY_NAME,
  startDemo,
  busyDemoPorts,
  demoPortList,
  demoStatusConfig,
} from './demo';
export type { DemoPorts, ValkeyDemo } from './demo';
