import { Box, Typography } from '@material-ui/core';
import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { TopologyView } from '../topology/TopologyView';
import { BackupView } from '../backup/BackupView';
import { ValkeyConnectCard } from '../EntityValkeyConnectCard';

/** The Valkey tab: topology and backups from one status document, one environment switcher; then how to connect. */
export const ValkeyContent = (props: ValkeyCardProps) => (
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
        </>
      )}
    </ValkeyCard>
    <Box mt={3}>
      <ValkeyConnectCard />
    </Box>
  </>
);
