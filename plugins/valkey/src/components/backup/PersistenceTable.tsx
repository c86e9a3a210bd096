import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import { ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { formatDuration } from '../shared/format';
import { CompactTable } from '../shared/CompactTable';

const OkOrErr = ({ value, what }: { value?: 'ok' | 'err'; what: string }) => {
  if (value === 'ok') return <StatusOK>{what} ok</StatusOK>;
  if (value === 'err') return <StatusError>{what} failed</StatusError>;
  return <>-</>;
};

/** No RDB save since the node started (`rdb_saves:0`). */
export const neverSaved = (node: ValkeyNode) =>
  node.persistence?.rdbSaves === 0;

function lastSaveText(node: ValkeyNode, now: Date): string {
  const p = node.persistence;
  if (!p) return 'not reported';
  // With no save yet, rdb_last_save_time is the start time, not a save.
  if (neverSaved(node)) return 'no save since start';
  const lastSave = p.rdbLastSaveTime;
  if (lastSave === undefined || lastSave <= 0) return 'never';
  return `${formatDuration(now.getTime() / 1000 - lastSave)} ago`;
}

const BgsaveState = ({ node }: { node: ValkeyNode }) => {
  const p = node.persistence;
  if (p?.rdbBgsaveInProgress) {
    return <StatusRunning>bgsave running</StatusRunning>;
  }
  // A server that never saved still says "ok": that is no save, not a good one.
  if (neverSaved(node) && p?.rdbLastBgsaveStatus !== 'err') {
    return <>none since start</>;
  }
  return <OkOrErr value={p?.rdbLastBgsaveStatus} what="bgsave" />;
};

/** Each data node's RDB and AOF state from `INFO persistence`. */
export const PersistenceTable = (props: { nodes: ValkeyNode[]; now: Date }) => (
  <CompactTable aria-label="Persistence per node">
    <TableHead>
      <TableRow>
        <TableCell>Node</TableCell>
        <TableCell>Last RDB save</TableCell>
        <TableCell>Last bgsave</TableCell>
        <TableCell align="right">Changes since save</TableCell>
        <TableCell>AOF</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.nodes.map(node => {
        const p = node.persistence;
        return (
          <TableRow key={node.id} data-testid={`persistence-${node.address}`}>
            <TableCell>
              <code>{node.address}</code> ({node.role})
            </TableCell>
            <TableCell>{lastSaveText(node, props.now)}</TableCell>
            <TableCell>
              <BgsaveState node={node} />
              {p?.loading && ' (loading data)'}
            </TableCell>
            <TableCell align="right">
              {p?.rdbChangesSinceLastSave ?? '-'}
            </TableCell>
            <TableCell>
              {p?.aofEnabled === undefined && '-'}
              {p?.aofEnabled === false && 'AOF off'}
              {p?.aofEnabled && (
                <>
                  <OkOrErr value={p.aofLastWriteStatus} what="write" />{' '}
                  <OkOrErr value={p.aofLastBgrewriteStatus} what="rewrite" />
                </>
              )}
            </TableCell>
          </TableRow>
        );
      })}
    </TableBody>
  </CompactTable>
);
