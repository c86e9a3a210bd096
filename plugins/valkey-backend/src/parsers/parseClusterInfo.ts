import { infoNumber, parseInfo } from './parseInfo';

export interface ClusterInfo {
  state: 'ok' | 'fail' | 'unknown';
  slotsAssigned: number;
  slotsOk: number;
  slotsPfail: number;
  slotsFail: number;
  knownNodes: number;
  size: number;
  currentEpoch?: number;
}

/** `CLUSTER INFO` text. */
export function parseClusterInfo(text: string): ClusterInfo {
  const f = parseInfo(text);
  const state = f.cluster_state;
  return {
    state: state === 'ok' || state === 'fail' ? state : 'unknown',
    slotsAssigned: infoNumber(f, 'cluster_slots_assigned') ?? 0,
    slotsOk: infoNumber(f, 'cluster_slots_ok') ?? 0,
    slotsPfail: infoNumber(f, 'cluster_slots_pfail') ?? 0,
    slotsFail: infoNumber(f, 'cluster_slots_fail') ?? 0,
    knownNodes: infoNumber(f, 'cluster_known_nodes') ?? 0,
    size: infoNumber(f, 'cluster_size') ?? 0,
    currentEpoch: infoNumber(f, 'cluster_current_epoch'),
  };
}
