import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { TimelineView } from '../timeline/TimelineView';

/** The topology timeline: failovers, failed nodes, quorum, slot moves, failed backups. */
export const ValkeyTimelineCard = (props: ValkeyCardProps) => {
  const { entity } = useEntity();
  return (
    <ValkeyCard
      title="Valkey history"
      refreshIntervalMs={props.refreshIntervalMs}
    >
      {status => (
        <TimelineView
          entityRef={getCompoundEntityRef(entity)}
          environment={status.environment}
          refreshIntervalMs={props.refreshIntervalMs}
        />
      )}
    </ValkeyCard>
  );
};
