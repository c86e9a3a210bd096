import { useEntity } from '@backstage/plugin-catalog-react';
import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { OperationsView } from '../operations/OperationsView';

/** Back up now and fail over, per environment, for the instance's owners. */
export const ValkeyOperationsCard = (props: ValkeyCardProps) => {
  const { entity } = useEntity();
  return (
    <ValkeyCard
      title="Valkey operations"
      refreshIntervalMs={props.refreshIntervalMs}
    >
      {(status, state) => (
        <OperationsView entity={entity} status={status} state={state} />
      )}
    </ValkeyCard>
  );
};
