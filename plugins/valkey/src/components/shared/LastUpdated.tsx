import { Typography } from '@material-ui/core';
import { StatusWarning } from '@backstage/core-components';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { formatDuration } from './format';

/**
 * True when the data is older than two refresh intervals: the backend's
 * (every viewer shares one probe per interval) or the card's, the longer one.
 */
export function isStale(
  status: Pick<InstanceStatus, 'probedAt' | 'refreshIntervalSeconds'>,
  cardIntervalMs: number,
  now: Date,
): boolean {
  const intervalMs = Math.max(
    (status.refreshIntervalSeconds ?? 0) * 1000,
    cardIntervalMs,
  );
  return now.getTime() - new Date(status.probedAt).getTime() > 2 * intervalMs;
}

/**
 * When the shown data was probed (not when this browser fetched it), marked
 * stale past two refresh intervals, and whether refreshing is paused.
 */
export const LastUpdated = (props: {
  status: InstanceStatus;
  polling: boolean;
  intervalMs: number;
  loading: boolean;
  now?: Date;
}) => {
  const now = props.now ?? new Date();
  const probed = new Date(props.status.probedAt);
  const age = Math.max(0, (now.getTime() - probed.getTime()) / 1000);
  const when = `${probed.toLocaleTimeString()} (${formatDuration(age)} ago)`;
  const refresh = props.polling
    ? `, refreshes every ${Math.round(props.intervalMs / 1000)} s`
    : ', refresh paused while this tab is hidden';
  const text = `${when}${refresh}${props.loading ? ' (refreshing)' : ''}`;
  if (isStale(props.status, props.intervalMs, now)) {
    return (
      <Typography variant="caption" data-testid="last-updated">
        <StatusWarning>
          Out of date: probed {text}. Newer data has not arrived for more than
          two refresh intervals.
        </StatusWarning>
      </Typography>
    );
  }
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      data-testid="last-updated"
    >
      Probed {text}
    </Typography>
  );
};
