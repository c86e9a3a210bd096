import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import {
  BackupRun,
  BackupStatus,
  InstanceStatus,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import { SectionProblems } from '../shared/SectionProblems';
import { formatDuration, formatTime } from '../shared/format';
import { dataNodes } from '../shared/dataNodes';
import { neverSaved, PersistenceTable } from './PersistenceTable';
import { CompactTable } from '../shared/CompactTable';

/**
 * In words, when data lives only in memory: nodes with no RDB save since
 * they started and AOF off. Whether saving is configured at all is not
 * visible to the monitoring user, so this says what happened, not why.
 */
export function memoryOnlyText(nodes: ValkeyNode[]): string | undefined {
  const reported = nodes.filter(n => n.persistence && !n.stale);
  const memoryOnly = reported.filter(
    n => neverSaved(n) && n.persistence?.aofEnabled === false,
  );
  if (memoryOnly.length === 0) return undefined;
  if (memoryOnly.length < reported.length) {
    return `${memoryOnly.length} of ${reported.length} nodes have not saved to disk since they started and have append-only logging (AOF) off: their data is only in memory.`;
  }
  if (reported.length === 1) {
    return 'The node has not saved to disk since it started and append-only logging (AOF) is off: its data is only in memory.';
  }
  return `No node has saved to disk since it started and append-only logging (AOF) is off on all ${reported.length}: the data is only in memory.`;
}

const RunResult = ({ run }: { run: BackupRun }) => {
  if (run.result === 'succeeded') return <StatusOK>succeeded</StatusOK>;
  if (run.result === 'running') return <StatusRunning>running</StatusRunning>;
  return <StatusError>failed</StatusError>;
};

function nextRunText(backup: BackupStatus): string {
  if (backup.suspended) return 'none, the schedule is suspended';
  return backup.nextRunTime ? formatTime(backup.nextRunTime) : '-';
}

function destinationText(backup: BackupStatus): string {
  const d = backup.destination;
  if (!d) return '-';
  return d.type === 's3'
    ? `bucket ${d.location}`
    : `volume ${d.location.replace(/^pvc\//, '')} in the cluster`;
}

const Fact = (props: { label: string; children: React.ReactNode }) => (
  <Box mr={4} mb={1}>
    <Typography variant="caption" color="textSecondary" component="div">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.children}
    </Typography>
  </Box>
);

/** Backup freshness and history, next to the engine's own RDB/AOF state. */
export const BackupView = (props: { status: InstanceStatus; now?: Date }) => {
  const { status } = props;
  const now = props.now ?? new Date(status.probedAt);
  const backup = status.backup;
  const nodes = dataNodes(status.topology);
  const memoryOnly = memoryOnlyText(nodes);
  return (
    <Box>
      <SectionProblems problems={status.problems} sections={['backup']} />
      {!backup && (
        <Typography variant="body2">
          No backup status for this environment: the status backend reads
          backups from Kubernetes.
        </Typography>
      )}
      {backup && !backup.configured && (
        <Alert severity="info">
          No backup is configured for this instance: no backup CronJob was
          found.
        </Alert>
      )}
      {backup?.configured && (
        <>
          {backup.stale && (
            <Alert severity="warning">
              Backups are stale:{' '}
              {backup.lastSuccessAgeSeconds !== undefined
                ? `the last success was ${formatDuration(
                    backup.lastSuccessAgeSeconds,
                  )} ago, more than two schedule intervals.`
                : 'no backup has succeeded yet.'}
            </Alert>
          )}
          <Box display="flex" flexWrap="wrap" mt={1}>
            <Fact label="Last success">
              {backup.lastSuccessTime ? (
                <>
                  {formatTime(backup.lastSuccessTime)}
                  {backup.lastSuccessAgeSeconds !== undefined &&
                    ` (${formatDuration(backup.lastSuccessAgeSeconds)} ago)`}
                </>
              ) : (
                'never'
              )}
            </Fact>
            <Fact label="Last run">
              {backup.lastRun ? (
                <>
                  <RunResult run={backup.lastRun} /> {backup.lastRun.name}
                  {backup.lastRun.message && ` - ${backup.lastRun.message}`}
                </>
              ) : (
                'none yet'
              )}
            </Fact>
            <Fact label="Schedule">
              <code>{backup.schedule ?? '-'}</code>
              {backup.suspended && ' (suspended)'}
              {backup.cronJobName && ` CronJob ${backup.cronJobName}`}
            </Fact>
            <Fact label="Next run">{nextRunText(backup)}</Fact>
            <Fact label="Retention">
              {backup.retention !== undefined
                ? `${backup.retention} backups`
                : '-'}
            </Fact>
            <Fact label="Stored in">{destinationText(backup)}</Fact>
          </Box>
          {backup.history.length > 0 && (
            <CompactTable aria-label="Recent backups">
              <TableHead>
                <TableRow>
                  <TableCell>Job</TableCell>
                  <TableCell>Started</TableCell>
                  <TableCell>Finished</TableCell>
                  <TableCell>Result</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {backup.history.map(run => (
                  <TableRow key={run.name}>
                    <TableCell>{run.name}</TableCell>
                    <TableCell>
                      {run.startTime ? formatTime(run.startTime) : '-'}
                    </TableCell>
                    <TableCell>
                      {run.completionTime
                        ? formatTime(run.completionTime)
                        : '-'}
                    </TableCell>
                    <TableCell>
                      <RunResult run={run} />
                      {run.message && ` ${run.message}`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </CompactTable>
          )}
        </>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h4">
          Persistence per node (RDB / AOF)
        </Typography>
        <SectionProblems
          problems={status.problems}
          sections={['persistence']}
        />
        {memoryOnly && (
          <Box mb={1}>
            <Alert severity="warning">{memoryOnly}</Alert>
          </Box>
        )}
        {nodes.length ? (
          <PersistenceTable nodes={nodes} now={now} />
        ) : (
          <Typography variant="body2">
            No node reported its persistence state.
          </Typography>
        )}
      </Box>
    </Box>
  );
};
