import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  NodeRuntime,
  RuntimeTotals,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import { formatBytes, formatDuration } from '../shared/format';
import { CompactTable } from '../shared/CompactTable';

const count = (n: number | undefined) =>
  n === undefined ? '-' : n.toLocaleString('en-US');

/** `12 MiB of 64 MiB (19%), evicts allkeys-lru` or `12 MiB, no limit`. */
export function memoryText(
  used: number | undefined,
  max: number | undefined,
  policy?: string,
): string {
  if (used === undefined) return '-';
  if (!max) return `${formatBytes(used)}, no limit`;
  const share = Math.round((used / max) * 100);
  let when = '';
  if (policy === 'noeviction') when = ', refuses writes when full';
  else if (policy) when = `, evicts ${policy} when full`;
  return `${formatBytes(used)} of ${formatBytes(max)} (${share}%)${when}`;
}

/** `97.5% of 1,200 lookups` or `no lookups yet`. */
export function hitRatioText(
  hits: number | undefined,
  misses: number | undefined,
): string {
  const lookups = (hits ?? 0) + (misses ?? 0);
  if (hits === undefined && misses === undefined) return '-';
  if (lookups === 0) return 'no lookups yet';
  const ratio = ((hits ?? 0) / lookups) * 100;
  return `${
    ratio >= 99.95 || ratio === 0 ? ratio.toFixed(0) : ratio.toFixed(1)
  }% of ${count(lookups)} lookups`;
}

function clientsText(
  r: Pick<
    NodeRuntime,
    'connectedClients' | 'blockedClients' | 'rejectedConnections'
  >,
): string {
  const parts = [`${count(r.connectedClients)} connected`];
  if (r.blockedClients) parts.push(`${count(r.blockedClients)} blocked`);
  if (r.rejectedConnections)
    parts.push(`${count(r.rejectedConnections)} refused since start`);
  return parts.join(', ');
}

const Row = (props: {
  label: React.ReactNode;
  testId: string;
  memory: string;
  ops?: number;
  hits: string;
  evicted?: number;
  expired?: number;
  clients: string;
  version?: string;
  uptime?: number;
}) => (
  <TableRow data-testid={props.testId}>
    <TableCell>{props.label}</TableCell>
    <TableCell>{props.memory}</TableCell>
    <TableCell align="right">{count(props.ops)}</TableCell>
    <TableCell>{props.hits}</TableCell>
    <TableCell align="right">{count(props.evicted)}</TableCell>
    <TableCell align="right">{count(props.expired)}</TableCell>
    <TableCell>{props.clients}</TableCell>
    <TableCell>{props.version ?? '-'}</TableCell>
    <TableCell>
      {props.uptime === undefined ? '-' : formatDuration(props.uptime)}
    </TableCell>
  </TableRow>
);

/**
 * Each data node's load as its own INFO says it, and the instance in total:
 * memory against its limit, operations per second, cache hits, keys evicted
 * for lack of memory and keys expired, clients, version and uptime.
 */
export const RuntimeFigures = (props: {
  nodes: ValkeyNode[];
  totals?: RuntimeTotals;
}) => {
  const reporting = props.nodes.filter(n => n.runtime);
  if (reporting.length === 0) {
    return (
      <Typography variant="body2">
        No node reported its memory, traffic and clients.
      </Typography>
    );
  }
  const { totals } = props;
  return (
    <CompactTable aria-label="Runtime figures">
      <TableHead>
        <TableRow>
          <TableCell>Node</TableCell>
          <TableCell>Memory used</TableCell>
          <TableCell align="right">Ops/s</TableCell>
          <TableCell>Cache hits</TableCell>
          <TableCell align="right">Evicted keys</TableCell>
          <TableCell align="right">Expired keys</TableCell>
          <TableCell>Clients</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Up for</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reporting.map(node => {
          const r = node.runtime!;
          return (
            <Row
              key={node.id}
              testId={`runtime-${node.address}`}
              label={
                <>
                  <code>{node.address}</code> ({node.role})
                </>
              }
              memory={memoryText(
                r.usedMemoryBytes,
                r.maxMemoryBytes,
                r.maxMemoryPolicy,
              )}
              ops={r.opsPerSecond}
              hits={hitRatioText(r.keyspaceHits, r.keyspaceMisses)}
              evicted={r.evictedKeys}
              expired={r.expiredKeys}
              clients={clientsText(r)}
              version={node.version}
              uptime={node.uptimeSeconds}
            />
          );
        })}
        {totals && totals.nodes > 1 && (
          <Row
            testId="runtime-total"
            label={<strong>All {totals.nodes} nodes</strong>}
            memory={memoryText(totals.usedMemoryBytes, totals.maxMemoryBytes)}
            ops={totals.opsPerSecond}
            hits={hitRatioText(totals.keyspaceHits, totals.keyspaceMisses)}
            evicted={totals.evictedKeys}
            expired={totals.expiredKeys}
            clients={clientsText(totals)}
          />
        )}
      </TableBody>
    </CompactTable>
  );
};
