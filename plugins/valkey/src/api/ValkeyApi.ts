import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  FleetResponse,
  InstanceEnvironments,
  InstanceStatus,
  TimelineResponse,
  StoredInstanceSpecResponse,
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
  /**
   * Every Valkey entity the user may see, once per environment, each row from
   * the backend's cached status (the fleet page). `environment` keeps one.
   */
  getFleet(options?: { environment?: string }): Promise<FleetResponse>;
  /** The topology changes the backend's observer recorded, newest first. */
  getTimeline(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<TimelineResponse>;
  /** The instance's stored spec (its instance.yaml), which "Change this instance" starts from. */
  getStoredSpec(entity: CompoundEntityRef): Promise<StoredInstanceSpecResponse>;
}

/** @public */
export const valkeyApiRef = createApiRef<ValkeyApi>({
  id: 'plugin.valkey.api',
});
