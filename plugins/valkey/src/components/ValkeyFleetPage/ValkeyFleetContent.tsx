import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { FleetRow, Health } from '@valkey-backstage/plugin-valkey-common';
import { FleetState, useFleet } from '../../hooks/useFleet';
import { errorMessage } from '../shared/errorMessage';
import { FleetTable } from './FleetTable';

/** @public */
export interface ValkeyFleetPageProps {
  /** How often the page asks again, ms; default the backend's refresh interval (at least 5 s). */
  refreshIntervalMs?: number;
}

const ORDER: Health[] = ['down', 'degraded', 'unknown', 'healthy'];

/** "2 instances, 3 deployments: 1 down, 2 healthy." (a deployment is an instance in one environment) */
export function countLine(rows: FleetRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = row.error ? 'without status' : row.health;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const parts = [...ORDER, 'without status']
    .filter(h => counts.get(h))
    .map(h => `${counts.get(h)} ${h}`);
  const instances = new Set(rows.map(r => r.entityRef)).size;
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(instances, 'instance')}, ${plural(
    rows.length,
    'deployment',
  )}: ${parts.join(', ')}.`;
}

/** When this page last got an answer; each row says when its instance was probed. */
const FleetUpdated = (props: { state: FleetState }) => {
  const { updatedAt, polling, intervalMs, loading } = props.state;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      data-testid="fleet-updated"
    >
      {updatedAt
        ? `Updated ${updatedAt.toLocaleTimeString()}`
        : 'Not updated yet'}
      {polling
        ? `, refreshes every ${Math.round(intervalMs / 1000)} s`
        : ', refresh paused while this tab is hidden'}
      {loading && updatedAt ? ' (refreshing)' : ''}
    </Typography>
  );
};

/** The fleet table with its loading, empty and error states, without a page header. */
export const ValkeyFleetContent = (props: ValkeyFleetPageProps) => {
  const state = useFleet(props.refreshIntervalMs);
  const { fleet, error } = state;
  let body;
  if (!fleet && error) {
    body = (
      <ResponseErrorPanel
        title={`Could not load the Valkey fleet: ${errorMessage(error)}`}
        error={error}
      />
    );
  } else if (!fleet) {
    body = <Progress />;
  } else if (fleet.rows.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No Valkey instances to show"
        description="The fleet lists the catalog's Valkey instances (kind Resource, spec.type valkey) whose live status you are allowed to see. Ask your platform team if you expected some here."
      />
    );
  } else {
    body = (
      <>
        <Box mb={1}>
          <Typography variant="body1" data-testid="fleet-counts">
            {countLine(fleet.rows)}
          </Typography>
          <FleetUpdated state={state} />
        </Box>
        {error ? (
          <Box mb={1}>
            <Alert severity="warning">
              Could not refresh ({errorMessage(error)}); these rows are from the
              last answer.
            </Alert>
          </Box>
        ) : null}
        <FleetTable rows={fleet.rows} />
      </>
    );
  }
  return (
    <Content>
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary">
          Every Valkey instance in every environment it runs in, with the same
          live status its own page shows. Worst health comes first; select a
          column heading to sort by it, and an instance to see its topology and
          backups.
        </Typography>
      </Box>
      {body}
    </Content>
  );
};
