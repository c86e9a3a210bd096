import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  FailoverRequest,
  FleetResponse,
  InstanceEnvironments,
  InstanceStatusAnswer,
  TimelineResponse,
  OperationKind,
  OperationResult,
  StoredInstanceSpecResponse,
} from '@valkey-backstage/plugin-valkey-common';

/**
 * Reads the live status of Valkey instance entities from the valkey backend.
 *
 * @public
 */
export interface ValkeyApi {
  getEnvironments(entity: CompoundEntityRef): Promise<InstanceEnvironments>;
  /**
   * The live status of one environment, or (`unavailable`) why there is none,
   * e.g. the portal has no status settings for it.
   */
  getStatus(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<InstanceStatusAnswer>;
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
  /**
   * Runs an operation (back up now, fail over) as the signed-in user; a
   * refusal rejects with the backend's reason.
   */
  runOperation(
    entity: CompoundEntityRef,
    operation: OperationKind,
    request: FailoverRequest,
  ): Promise<OperationResult>;
  /** The instance's stored spec (its instance.yaml), which "Change this instance" starts from. */
  getStoredSpec(entity: CompoundEntityRef): Promise<StoredInstanceSpecResponse>;
}

/** @public */
export const valkeyApiRef = createApiRef<ValkeyApi>({
  id: 'plugin.valkey.api',
});
