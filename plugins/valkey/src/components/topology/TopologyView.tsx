import { Box, Typography } from '@material-ui/core';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { dataNodes } from '../shared/dataNodes';
import { SectionProblems } from '../shared/SectionProblems';
import { ClusterView } from './ClusterView';
import { ReplicationView } from './ReplicationView';
import { RuntimeFigures } from './RuntimeFigures';
import { SentinelView } from './SentinelView';

/** The topology part of a status document, with the problems that affect it. */
export const TopologyView = ({ status }: { status: InstanceStatus }) => {
  const topology = status.topology;
  return (
    <Box>
      <SectionProblems
        problems={status.problems}
        sections={[
          'connection',
          'topology',
          'cluster',
          'sentinel',
          'replication',
        ]}
      />
      {!topology && (
        <Typography variant="body2">
          No topology could be read for this instance.
        </Typography>
      )}
      {topology?.kind === 'cluster' && <ClusterView topology={topology} />}
      {topology?.kind === 'sentinel' && <SentinelView topology={topology} />}
      {(topology?.kind === 'standalone' ||
        topology?.kind === 'replication') && (
        <ReplicationView topology={topology} />
      )}
      {topology && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h4">
            Memory, traffic and clients
          </Typography>
          <RuntimeFigures nodes={dataNodes(topology)} totals={status.runtime} />
        </Box>
      )}
    </Box>
  );
};
