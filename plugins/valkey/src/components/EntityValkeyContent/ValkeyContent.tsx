import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { TopologyView } from '../topology/TopologyView';
import { BackupView } from '../backup/BackupView';
import { TimelineView } from '../timeline/TimelineView';
import { ValkeyConnectCard } from '../EntityValkeyConnectCard';

/**
 * The Valkey tab: topology, backups and history from one status document, one
 * environment switcher; then how to connect.
 */
export const ValkeyContent = (props: ValkeyCardProps) => {
  const { entity } = useEntity();
  return (
    <>
      <ValkeyCard title="Valkey" refreshIntervalMs={props.refreshIntervalMs}>
        {status => (
          <>
            <Typography variant="h6" component="h3">
              Topology
            </Typography>
            <TopologyView status={status} />
            <Box mt={3}>
              <Typography variant="h6" component="h3">
                Backups
              </Typography>
              <BackupView status={status} />
            </Box>
            <Box mt={3}>
              <Typography variant="h6" component="h3">
                History
              </Typography>
              <TimelineView
                entityRef={getCompoundEntityRef(entity)}
                environment={status.environment}
                refreshIntervalMs={props.refreshIntervalMs}
              />
            </Box>
          </>
        )}
      </ValkeyCard>
      <Box mt={3}>
        <ValkeyConnectCard />
      </Box>
    </>
  );
};
