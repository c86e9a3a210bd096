import { Box, Grid, Typography } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { ClusterTopology } from '@valkey-backstage/plugin-valkey-common';
import { ShardBox } from './ShardBox';
import { SlotCoverageBar } from './SlotCoverageBar';

const ClusterState = ({ state }: { state: ClusterTopology['state'] }) => {
  if (state === 'ok') return <StatusOK>cluster state ok</StatusOK>;
  if (state === 'fail') return <StatusError>cluster state fail</StatusError>;
  return <StatusPending>cluster state unknown</StatusPending>;
};

/**
 * Whose view the card shows, in words: only primaries' views count (a
 * replica's picture is not a vote), so "3 of 6 nodes" never reads as a
 * disagreement when all 3 primaries agree.
 */
export function agreementText(quorum: ClusterTopology['quorum']): string {
  const nodes = `${quorum.answered} of ${quorum.asked} nodes answered`;
  const primaries = quorum.primariesAnswering;
  if (!primaries) {
    return `No primary answered; shown as ${quorum.agreeing} of the answering replicas see it (${nodes})`;
  }
  if (quorum.primariesAgreeing === primaries) {
    return primaries === 1
      ? `Slot map from the only primary that answered (${nodes})`
      : `All ${primaries} primaries that answered agree on the slot map (${nodes})`;
  }
  return `Only ${quorum.primariesAgreeing} of ${primaries} answering primaries agree on the slot map; the others see it differently (${nodes})`;
}

/** Slot coverage bar, then one box per shard with its primary and replicas. */
export const ClusterView = ({ topology }: { topology: ClusterTopology }) => {
  // Shards without slots (a failed old primary) go last.
  const shards = [...topology.shards].sort(
    (a, b) => (a.slots[0]?.start ?? Infinity) - (b.slots[0]?.start ?? Infinity),
  );
  const shardIds = shards.map(s => s.id);
  return (
    <Box>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={1}
        style={{ gap: 24 }}
      >
        <ClusterState state={topology.state} />
        <Typography variant="body2">
          {topology.slotsOk}/{topology.slotsAssigned} assigned slots ok
          {topology.slotsPfail ? `, ${topology.slotsPfail} PFAIL` : ''}
          {topology.slotsFail ? `, ${topology.slotsFail} FAIL` : ''}
        </Typography>
        <Typography variant="body2">
          {topology.size} shards with slots, {topology.knownNodes} known nodes
        </Typography>
        {topology.currentEpoch !== undefined && (
          <Typography variant="body2">epoch {topology.currentEpoch}</Typography>
        )}
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="cluster-agreement"
        >
          {agreementText(topology.quorum)}
        </Typography>
      </Box>
      <SlotCoverageBar coverage={topology.coverage} shardIds={shardIds} />
      <Grid container spacing={2} style={{ marginTop: 8 }}>
        {shards.map((shard, index) => (
          <Grid item xs={12} xl={6} key={shard.id}>
            <ShardBox shard={shard} index={index} />
          </Grid>
        ))}
      </Grid>
    </Box>
  );
};
