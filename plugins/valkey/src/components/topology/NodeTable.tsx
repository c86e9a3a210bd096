import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatBytes, formatDuration } from '../shared/format';
import { CompactTable } from '../shared/CompactTable';

const roleLabels: Record<ValkeyNode['role'], string> = {
  primary: 'primary',
  replica: 'replica',
  sentinel: 'Sentinel',
  unknown: 'unknown role',
};

const LinkState = ({ node }: { node: ValkeyNode }) => {
  const link = node.replication;
  if (!link) return <>-</>;
  if (link.linkStatus === 'up') {
    return <StatusOK>link up{link.syncInProgress ? ', syncing' : ''}</StatusOK>;
  }
  if (link.linkStatus === 'down') {
    const since =
      link.linkDownSinceSeconds !== undefined
        ? ` for ${formatDuration(link.linkDownSinceSeconds)}`
        : '';
    return (
      <StatusError>
        link down{since}
        {link.syncInProgress ? ', syncing' : ''}
      </StatusError>
    );
  }
  return <StatusPending>link unknown</StatusPending>;
};

/** Health in words, with why when the status backend could not ask the node itself. */
function healthLabel(node: ValkeyNode): string | undefined {
  const parts: string[] = [node.health];
  if (node.unreachable) parts.push('not answering');
  if (node.stale) parts.push('stale entry');
  return parts.length > 1 ? parts.join(', ') : undefined;
}

/**
 * Nodes as rows: role, address, health, and for replicas byte lag, seconds
 * since the last I/O with the primary and the link state; zone and raw flags.
 */
export const NodeTable = (props: {
  nodes: ValkeyNode[];
  /** Hide the replication columns (for Sentinels). */
  withoutReplication?: boolean;
  'aria-label': string;
}) => (
  <CompactTable aria-label={props['aria-label']}>
    <TableHead>
      <TableRow>
        <TableCell>Role</TableCell>
        <TableCell>Address</TableCell>
        <TableCell>Health</TableCell>
        {!props.withoutReplication && (
          <>
            <TableCell>Link</TableCell>
            <TableCell align="right">Lag</TableCell>
            <TableCell align="right">Last I/O</TableCell>
          </>
        )}
        <TableCell>Zone</TableCell>
        <TableCell>Flags</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.nodes.map(node => (
        <TableRow key={node.id} data-testid={`node-${node.address}`}>
          <TableCell>{roleLabels[node.role]}</TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>
            <code>{node.address}</code>
          </TableCell>
          <TableCell>
            <HealthStatus health={node.health} label={healthLabel(node)} />
          </TableCell>
          {!props.withoutReplication && (
            <>
              <TableCell>
                <LinkState node={node} />
              </TableCell>
              <TableCell align="right">
                {node.replication?.lagBytes !== undefined
                  ? formatBytes(node.replication.lagBytes)
                  : '-'}
              </TableCell>
              <TableCell align="right">
                {node.replication?.lastIoSecondsAgo !== undefined
                  ? `${formatDuration(node.replication.lastIoSecondsAgo)} ago`
                  : '-'}
              </TableCell>
            </>
          )}
          <TableCell>{node.availabilityZone || '-'}</TableCell>
          <TableCell>{node.flags.join(', ') || '-'}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </CompactTable>
);
