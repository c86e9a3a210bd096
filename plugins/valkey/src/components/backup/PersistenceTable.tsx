import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import { ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { formatDuration } from '../shared/format';

const OkOrErr = ({ value, what }: { value?: 'ok' | 'err'; what: string }) => {
  if (value === 'ok') return <StatusOK>{what} ok</StatusOK>;
  if (value === 'err') return <StatusError>{what} failed</StatusError>;
  return <>-</>;
};

/** Each data node's RDB and AOF state from `INFO persistence`. */
export const PersistenceTable = (props: { nodes: ValkeyNode[]; now: Date }) => (
  <Table size="small" aria-label="Persistence per node">
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
        const lastSave = p?.rdbLastSaveTime;
        return (
          <TableRow key={node.id} data-testid={`persistence-${node.address}`}>
            <TableCell>
              <code>{node.address}</code> ({node.role})
            </TableCell>
            <TableCell>
              {!p && 'not reported'}
              {p && lastSave !== undefined && lastSave > 0
                ? `${formatDuration(props.now.getTime() / 1000 - lastSave)} ago`
                : p && 'never'}
            </TableCell>
            <TableCell>
              {p?.rdbBgsaveInProgress ? (
                <StatusRunning>bgsave running</StatusRunning>
              ) : (
                <OkOrErr value={p?.rdbLastBgsaveStatus} what="bgsave" />
              )}
              {p?.loading && ' (loading data)'}
            </TableCell>
            <TableCell align="right">
              {p?.rdbChangesSinceLastSave ?? '-'}
            </TableCell>
            <TableCell>
              {p?.aofEnabled === undefined && '-'}
              {p?.aofEnabled === false && 'off'}
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
  </Table>
);
