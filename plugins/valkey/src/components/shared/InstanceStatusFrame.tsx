import { ReactNode } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { InstanceStatusState } from '../../hooks/useInstanceStatus';
import { HealthStatus } from './HealthStatus';
import { LastUpdated } from './LastUpdated';
import { errorMessage } from './errorMessage';

/**
 * The states every Valkey card shares: loading, errors, no environment, and
 * around the data the overall health, the summary and the time of the update.
 */
export const InstanceStatusFrame = (props: {
  state: InstanceStatusState;
  intervalMs: number;
  children(status: InstanceStatus, state: InstanceStatusState): ReactNode;
}) => {
  const { state } = props;
  if (state.environmentsError) {
    return (
      <ResponseErrorPanel
        title={`Could not load the environments of this instance: ${errorMessage(
          state.environmentsError,
        )}`}
        error={state.environmentsError}
      />
    );
  }
  if (state.environments && state.environments.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="Not deployed to any environment"
        description="Its catalog entry does not say which environments it runs in. The team that owns it can add them, or create it again with the New Valkey instance form."
      />
    );
  }
  if (state.unavailable) {
    // Not polled: a new instance appears when Argo CD syncs it, so the user
    // may ask again; an environment without status settings never changes.
    return (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="valkey-status-unavailable"
        >
          {state.unavailable.message}
        </Typography>
        {state.unavailable.unavailable === 'not-deployed' && (
          <Button size="small" onClick={() => state.refresh()}>
            Check again
          </Button>
        )}
      </Box>
    );
  }
  if (!state.status) {
    if (state.error) {
      return (
        <ResponseErrorPanel
          title={`Could not load the live status: ${errorMessage(state.error)}`}
          error={state.error}
        />
      );
    }
    return <Progress />;
  }
  const status = state.status;
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 16 }}
      >
        <HealthStatus
          health={status.health}
          label={`${status.health}: ${status.summary}`}
        />
        <Box flexGrow={1} />
        <LastUpdated
          status={status}
          polling={state.polling}
          intervalMs={props.intervalMs}
          loading={state.loading}
        />
      </Box>
      {state.error && (
        <Box mb={1}>
          <Alert severity="warning">
            The last refresh failed ({errorMessage(state.error)}); showing the
            status probed at {new Date(status.probedAt).toLocaleTimeString()}.
          </Alert>
        </Box>
      )}
      {props.children(status, state)}
      <Typography variant="caption" color="textSecondary" component="p">
        Environment {status.environment}, probed at{' '}
        {new Date(status.probedAt).toLocaleTimeString()} in{' '}
        {status.probeDurationMs} ms
        {state.updatedAt &&
          `, received ${state.updatedAt.toLocaleTimeString()}`}
      </Typography>
    </Box>
  );
};
