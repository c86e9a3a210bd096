import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Progress } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useTimeline } from '../../hooks/useTimeline';
import { CompactTable } from '../shared/CompactTable';
import { errorMessage } from '../shared/errorMessage';
import { HealthStatus } from '../shared/HealthStatus';
import { EVENT_WORDING } from './eventWording';

/** The timeline polls at most this often; the observer looks less often anyway. */
const TIMELINE_REFRESH_MS = 10_000;

/** The topology changes recorded for one environment, newest first. */
export const TimelineView = (props: {
  entityRef: CompoundEntityRef;
  environment: string;
  refreshIntervalMs?: number;
}) => {
  const { timeline, error } = useTimeline(
    props.entityRef,
    props.environment,
    Math.max(props.refreshIntervalMs ?? 0, TIMELINE_REFRESH_MS),
  );
  if (!timeline) {
    return error ? (
      <Alert severity="error">
        Could not load the history: {errorMessage(error)}
      </Alert>
    ) : (
      <Progress />
    );
  }
  const { events, observedAt, intervalSeconds, retentionDays } = timeline;
  return (
    <>
      {error && (
        <Alert severity="warning">
          The last refresh of the history failed ({errorMessage(error)}).
        </Alert>
      )}
      {events.length === 0 ? (
        <Typography variant="body2" paragraph>
          {observedAt
            ? `No changes seen in ${props.environment} so far.`
            : `Nothing recorded yet: the portal looks at ${props.environment} every ${intervalSeconds} s and records what changes from one look to the next.`}
        </Typography>
      ) : (
        <CompactTable aria-label="Topology changes">
          <TableHead>
            <TableRow>
              <TableCell>Seen</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>What happened</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event, i) => (
              <TableRow key={`${event.at}-${i}`} data-testid="timeline-event">
                <TableCell
                  title={`between ${new Date(
                    event.previousAt,
                  ).toLocaleString()} and ${new Date(
                    event.at,
                  ).toLocaleString()}`}
                >
                  {new Date(event.at).toLocaleString()}
                </TableCell>
                <TableCell>
                  <HealthStatus
                    health={EVENT_WORDING[event.kind]?.health ?? 'unknown'}
                    label={EVENT_WORDING[event.kind]?.label ?? event.kind}
                  />
                </TableCell>
                <TableCell style={{ whiteSpace: 'normal' }}>
                  {event.summary}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </CompactTable>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Checked every {intervalSeconds} s
        {observedAt && `, last at ${new Date(observedAt).toLocaleTimeString()}`}
        ; changes are kept for {retentionDays} days.
      </Typography>
    </>
  );
};
