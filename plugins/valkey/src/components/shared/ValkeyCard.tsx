import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  InstanceStatus,
  VALKEY_INSTANCE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { isValkeyAvailable } from '../../isValkeyAvailable';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  InstanceStatusState,
  useInstanceStatus,
} from '../../hooks/useInstanceStatus';
import { EnvironmentSwitcher } from './EnvironmentSwitcher';
import { InstanceStatusFrame } from './InstanceStatusFrame';

/** Props every Valkey card takes. */
export interface ValkeyCardProps {
  /** How often to refresh while the tab is visible, default 5000 ms. */
  refreshIntervalMs?: number;
}

const ValkeyCardWithStatus = (props: {
  title: string;
  refreshIntervalMs?: number;
  children(status: InstanceStatus, state: InstanceStatusState): ReactNode;
}) => {
  const { entity } = useEntity();
  const intervalMs = props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  const state = useInstanceStatus(getCompoundEntityRef(entity), intervalMs);
  const instance = entity.metadata.annotations![VALKEY_INSTANCE_ANNOTATION];
  return (
    <div data-testid={`valkey-card-${props.title}`} style={{ height: '100%' }}>
      <InfoCard
        title={props.title}
        subheader={`Instance ${instance}${
          state.environment ? ` in ${state.environment}` : ''
        }`}
        action={
          state.environments && state.environment ? (
            <EnvironmentSwitcher
              environments={state.environments}
              value={state.environment}
              onChange={state.setEnvironment}
            />
          ) : undefined
        }
      >
        <InstanceStatusFrame state={state} intervalMs={intervalMs}>
          {props.children}
        </InstanceStatusFrame>
      </InfoCard>
    </div>
  );
};

/** An InfoCard for the current entity's Valkey instance with the shared states and switcher. */
export const ValkeyCard = (props: {
  title: string;
  refreshIntervalMs?: number;
  children(status: InstanceStatus, state: InstanceStatusState): ReactNode;
}) => {
  const { entity } = useEntity();
  if (!isValkeyAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={VALKEY_INSTANCE_ANNOTATION} />
    );
  }
  return <ValkeyCardWithStatus {...props} />;
};
