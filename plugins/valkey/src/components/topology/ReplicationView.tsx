import { Box, Typography } from '@material-ui/core';
import { ReplicationTopology } from '@valkey-backstage/plugin-valkey-common';
import { NodeTable } from './NodeTable';

/** A standalone server, or a primary with its read replicas. */
export const ReplicationView = ({
  topology,
}: {
  topology: ReplicationTopology;
}) => {
  const nodes = [
    ...(topology.primary ? [topology.primary] : []),
    ...topology.replicas,
  ];
  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        {topology.kind === 'standalone'
          ? 'Standalone server'
          : `Primary with ${topology.replicas.length} ${
              topology.replicas.length === 1 ? 'replica' : 'replicas'
            }`}
      </Typography>
      {nodes.length ? (
        <NodeTable
          nodes={nodes}
          withoutReplication={topology.kind === 'standalone'}
          aria-label="Nodes"
        />
      ) : (
        <Typography variant="body2">No node answered.</Typography>
      )}
    </Box>
  );
};
