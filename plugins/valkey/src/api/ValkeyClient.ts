import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  FleetResponse,
  InstanceEnvironments,
  InstanceStatus,
} from '@valkey-backstage/plugin-valkey-common';
import { ValkeyApi } from './ValkeyApi';

/**
 * The {@link ValkeyApi} over the valkey backend's HTTP routes, through the
 * app's fetch API so requests carry the user's Backstage token.
 *
 * @public
 */
export class ValkeyClient implements ValkeyApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getEnvironments(entity: CompoundEntityRef): Promise<InstanceEnvironments> {
    return this.get(`${entityPath(entity)}/environments`);
  }

  getStatus(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<InstanceStatus> {
    const query = new URLSearchParams({ environment });
    return this.get(`${entityPath(entity)}/status?${query}`);
  }

  getFleet(options: { environment?: string } = {}): Promise<FleetResponse> {
    const query = options.environment
      ? `?${new URLSearchParams({ environment: options.environment })}`
      : '';
    return this.get(`/fleet${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('valkey');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  const parts = [entity.namespace, entity.kind, entity.name].map(
    encodeURIComponent,
  );
  return `/entities/${parts.join('/')}`;
}
