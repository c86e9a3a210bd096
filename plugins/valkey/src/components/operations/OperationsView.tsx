import { useState } from 'react';
import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  InstanceStatus,
  OperationKind,
  valkeyInstanceOperatePermission,
  VALKEY_INSTANCE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { valkeyApiRef } from '../../api';
import { InstanceStatusState } from '../../hooks/useInstanceStatus';
import { errorMessage } from '../shared/errorMessage';
import { ConfirmOperationDialog } from './ConfirmOperationDialog';
import { backupText, clusterReplicas, failoverText } from './operationTexts';

type Outcome = { severity: 'success' | 'error'; text: string };

/**
 * Back up now and fail over for the shown environment, each behind a
 * confirmation. Offered only to callers the permission policy lets operate
 * this entity, and only where the platform team set operations up.
 */
export const OperationsView = (props: {
  entity: Entity;
  status: InstanceStatus;
  state: InstanceStatusState;
}) => {
  const { entity, status, state } = props;
  const api = useApi(valkeyApiRef);
  const instance =
    entity.metadata.annotations?.[VALKEY_INSTANCE_ANNOTATION] ??
    entity.metadata.name;
  const permission = usePermission({
    permission: valkeyInstanceOperatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [open, setOpen] = useState<OperationKind>();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const replicas = clusterReplicas(status);
  const [replica, setReplica] = useState<string>('');
  const chosen = replicas.find(r => r.address === replica);

  if (permission.loading) return null;
  if (!permission.allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        Only the team that owns {instance} can back it up or fail it over from
        here.
      </Typography>
    );
  }
  const configured = state.environments?.find(
    e => e.name === status.environment,
  )?.operations;
  if (!configured) {
    return (
      <Typography variant="body2" color="textSecondary">
        Operations are not set up for the {status.environment} environment. The
        platform team can turn them on.
      </Typography>
    );
  }

  const mode = status.topology?.kind ?? status.mode;
  const canFailOver = mode === 'sentinel' || mode === 'cluster';
  const canBackUp = status.backup?.configured === true;

  const run = async (operation: OperationKind) => {
    setRunning(true);
    try {
      const result = await api.runOperation(
        getCompoundEntityRef(entity),
        operation,
        {
          environment: status.environment,
          ...(operation === 'failover' && mode === 'cluster'
            ? { replica }
            : {}),
        },
      );
      setOutcome({ severity: 'success', text: `${result.message}.` });
    } catch (e) {
      setOutcome({
        severity: 'error',
        text: `Nothing was changed: ${errorMessage(e as Error)}`,
      });
    } finally {
      setRunning(false);
      setOpen(undefined);
      state.refresh();
    }
  };

  return (
    <Box data-testid="valkey-operations">
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          color="primary"
          disabled={!canBackUp}
          onClick={() => setOpen('backup')}
        >
          Back up now
        </Button>
        <Button
          variant="outlined"
          color="secondary"
          disabled={!canFailOver}
          onClick={() => {
            setReplica(replicas.find(r => !r.notInSync)?.address ?? '');
            setOpen('failover');
          }}
        >
          Fail over
        </Button>
      </Box>
      {!canBackUp && (
        <Typography variant="caption" color="textSecondary" component="p">
          Back up now needs a backup schedule; this instance has none in{' '}
          {status.environment}.
        </Typography>
      )}
      {!canFailOver && (
        <Typography variant="caption" color="textSecondary" component="p">
          Fail over needs Sentinel or cluster mode; this instance runs in {mode}{' '}
          mode.
        </Typography>
      )}
      {outcome && (
        <Box mt={1}>
          <Alert
            severity={outcome.severity}
            onClose={() => setOutcome(undefined)}
          >
            {outcome.text}
          </Alert>
        </Box>
      )}
      <ConfirmOperationDialog
        open={open === 'backup'}
        title={`Back up ${instance} now?`}
        text={backupText(status, instance)}
        confirmLabel="Back up now"
        running={running}
        onConfirm={() => run('backup')}
        onClose={() => setOpen(undefined)}
      />
      <ConfirmOperationDialog
        open={open === 'failover'}
        title={`Fail over ${instance} in ${status.environment}?`}
        text={failoverText(status, instance, chosen)}
        confirmLabel="Fail over"
        running={running}
        onConfirm={() => run('failover')}
        onClose={() => setOpen(undefined)}
      >
        {mode === 'cluster' && (
          <Box mt={2}>
            <TextField
              select
              fullWidth
              variant="outlined"
              label="Replica that takes over its shard"
              value={replica}
              onChange={e => setReplica(e.target.value as string)}
            >
              {replicas.map(r => (
                <MenuItem
                  key={r.address}
                  value={r.address}
                  disabled={!!r.notInSync}
                >
                  {r.address} (replica of {r.primary}, {r.slots})
                  {r.notInSync ? ` — not in sync: ${r.notInSync}` : ''}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
      </ConfirmOperationDialog>
    </Box>
  );
};
