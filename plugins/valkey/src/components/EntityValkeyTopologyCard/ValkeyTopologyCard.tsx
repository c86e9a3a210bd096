import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { TopologyView } from '../topology/TopologyView';

/** Live topology of the entity's Valkey instance: cluster, Sentinel, replication or standalone. */
export const ValkeyTopologyCard = (props: ValkeyCardProps) => (
  <ValkeyCard
    title="Valkey topology"
    refreshIntervalMs={props.refreshIntervalMs}
  >
    {status => <TopologyView status={status} />}
  </ValkeyCard>
);
