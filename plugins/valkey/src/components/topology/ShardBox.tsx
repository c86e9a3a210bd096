import { Box, Paper, Typography } from '@material-ui/core';
import {
  ClusterShard,
  slotCount,
} from '@valkey-backstage/plugin-valkey-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatSlotRange } from '../shared/format';
import { NodeTable } from './NodeTable';
import { shardColour, shardLabel } from './shardPalette';

/** One shard: its slot ranges, moves in progress, its primary and replicas. */
export const ShardBox = (props: { shard: ClusterShard; index: number }) => {
  const { shard, index } = props;
  const label = shardLabel(index);
  const slots = shard.slots.length
    ? `slots ${shard.slots.map(formatSlotRange).join(', ')} (${slotCount(
        shard.slots,
      )})`
    : 'no slots';
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={label}
      data-testid="shard"
      style={{ borderLeft: `6px solid ${shardColour(index)}` }}
    >
      <Box p={1.5}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Typography variant="subtitle1" component="h4">
            <strong>{label}</strong>
          </Typography>
          <HealthStatus health={shard.health} />
          <Typography variant="body2" data-testid="shard-slots">
            {slots}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            id {shard.id}
          </Typography>
        </Box>
        {shard.migrating.map(m => (
          <Typography key={`${m.slot}-${m.direction}`} variant="body2">
            Slot {m.slot} {m.direction}{' '}
            {m.direction === 'migrating' ? 'to' : 'from'} node{' '}
            <code>{m.peerNodeId.slice(0, 12)}</code>
          </Typography>
        ))}
        <NodeTable nodes={shard.nodes} aria-label={`${label} nodes`} />
      </Box>
    </Paper>
  );
};
