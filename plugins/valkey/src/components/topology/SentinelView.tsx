import { Box, Chip, Typography } from '@material-ui/core';
import SyncIcon from '@material-ui/icons/Sync';
import WarningIcon from '@material-ui/icons/Warning';
import { SentinelTopology } from '@valkey-backstage/plugin-valkey-common';
import { NodeTable } from './NodeTable';
import { QuorumBadge } from './QuorumBadge';

/** The monitored primary, its replicas, and the Sentinels watching them. */
export const SentinelView = ({ topology }: { topology: SentinelTopology }) => {
  const dataNodes = [
    ...(topology.primary ? [topology.primary] : []),
    ...topology.replicas,
  ];
  const staleCount = [...topology.replicas, ...topology.sentinels].filter(
    n => n.stale,
  ).length;
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 16 }}
      >
        <Typography variant="body1">
          Primary <strong>{topology.primaryName}</strong>
          {topology.primary ? (
            <>
              {' '}
              at <code>{topology.primary.address}</code>
            </>
          ) : (
            ': no primary known to the Sentinels'
          )}
        </Typography>
        <QuorumBadge quorum={topology.quorum} />
        {topology.failoverInProgress && (
          <Chip
            icon={<SyncIcon />}
            label={`Failover in progress${
              topology.failoverState ? ` (${topology.failoverState})` : ''
            }`}
            variant="outlined"
          />
        )}
        {topology.tilt && (
          <Chip
            icon={<WarningIcon />}
            label="Sentinel in TILT mode"
            variant="outlined"
          />
        )}
        {staleCount > 0 && (
          <Typography variant="body2">
            {staleCount} stale {staleCount === 1 ? 'entry' : 'entries'} still
            remembered by the Sentinels
          </Typography>
        )}
      </Box>
      <Typography variant="subtitle2" component="h4">
        Data nodes
      </Typography>
      <NodeTable nodes={dataNodes} aria-label="Data nodes" />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h4">
          Sentinels ({topology.sentinels.length})
        </Typography>
        <NodeTable
          nodes={topology.sentinels}
          withoutReplication
          aria-label="Sentinels"
        />
      </Box>
    </Box>
  );
};
