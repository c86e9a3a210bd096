import { ValkeyMode } from '@valkey-backstage/plugin-valkey-common';
import { infoNumber, parseInfo } from '../parsers';
import { clusterProbe } from './clusterProbe';
import {
  answerProblem,
  failureOf,
  queryNode,
  withoutRepeatedConnectionProblems,
} from './nodeQuery';
import { sentinelProbe } from './sentinelProbe';
import { standaloneProbe } from './standaloneProbe';
import { ProbeResult, ProbeTarget } from './types';

/**
 * Probes an instance in the given mode; without a mode, asks the data endpoint
 * (`INFO server replication`) whether it is a cluster node, a primary with
 * replicas or a standalone server. Sentinel mode is never guessed from the
 * data node: it needs a Sentinel endpoint in config.
 */
export async function probeInstance(
  target: ProbeTarget,
  mode: ValkeyMode | undefined,
): Promise<ProbeResult> {
  const result = await probeIn(target, mode);
  return {
    ...result,
    problems: withoutRepeatedConnectionProblems(result.problems),
  };
}

async function probeIn(
  target: ProbeTarget,
  mode: ValkeyMode | undefined,
): Promise<ProbeResult> {
  let chosen = mode;
  if (!chosen) {
    const detected = await detectMode(target);
    if ('failed' in detected) {
      // The endpoint does not answer: probe as the last good probe found it,
      // which asks the other nodes it knows.
      const knownMode = target.fallbacks?.knownMode;
      if (!knownMode) return detected.failed;
      chosen = knownMode;
    } else {
      chosen = detected.mode;
    }
  }
  switch (chosen) {
    case 'cluster':
      return clusterProbe(target);
    case 'sentinel':
      return sentinelProbe(target);
    case 'replication':
      return standaloneProbe(target, 'replication');
    default:
      return standaloneProbe(target, 'standalone');
  }
}

async function detectMode(
  target: ProbeTarget,
): Promise<{ mode: ValkeyMode } | { failed: ProbeResult }> {
  if (target.sentinel) return { mode: 'sentinel' };
  const address = `${target.host}:${target.port}`;
  const answer = await queryNode(target, address, [
    ['INFO', 'server', 'replication'],
  ]);
  const outcome = answer.results[0];
  if (failureOf(answer, 0) || !outcome?.ok) {
    const problem = answerProblem(answer, 0, 'topology');
    return {
      failed: { mode: 'standalone', problems: problem ? [problem] : [] },
    };
  }
  const info = parseInfo(String(outcome.value));
  if (info.server_mode === 'cluster') return { mode: 'cluster' };
  return {
    mode:
      (infoNumber(info, 'connected_slaves') ?? 0) > 0
        ? 'replication'
        : 'standalone',
  };
}
