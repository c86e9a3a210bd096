import { InfoCard, EmptyState } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import { isValkeyAvailable } from '../../isValkeyAvailable';

/** Live topology card. Until the status backend serves data it says so plainly. */
export const ValkeyTopologyCard = () => {
  const { entity } = useEntity();
  if (!isValkeyAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={VALKEY_INSTANCE_ANNOTATION} />
    );
  }
  const instance = entity.metadata.annotations![VALKEY_INSTANCE_ANNOTATION];
  return (
    <InfoCard title="Valkey topology" subheader={`Instance ${instance}`}>
      <EmptyState
        missing="data"
        title="No status yet"
        description="Live topology for this instance is not available yet: the status service has not reported on it."
      />
    </InfoCard>
  );
};
