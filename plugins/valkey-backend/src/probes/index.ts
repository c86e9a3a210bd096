export { standaloneProbe } from './standaloneProbe';
export { sentinelProbe } from './sentinelProbe';
export { clusterProbe } from './clusterProbe';
export { probeInstance } from './probeInstance';
export type { ProbeTarget, ProbeResult } from './types';
