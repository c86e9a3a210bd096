import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  InstanceEnvironments,
  InstanceStatus,
} from '@valkey-backstage/plugin-valkey-common';

/**
 * Reads the live status of Valkey instance entities from the valkey backend.
 *
 * @public
 */
export interface ValkeyApi {
  getEnvironments(entity: CompoundEntityRef): Promise<InstanceEnvironments>;
  getStatus(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<InstanceStatus>;
}

/** @public */
export const valkeyApiRef = createApiRef<ValkeyApi>({
  id: 'plugin.valkey.api',
});
