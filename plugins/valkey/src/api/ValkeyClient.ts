import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
import { ValkeyApi } from './ValkeyApi';

/**
 * How long one status answer serves every card that asks for the same
 * instance and environment. The cards of a page poll on their own timers,
 * started together; within this window they share one request and show the
 * same document, so two cards never disagree about the same moment.
 */
export const SHARED_STATUS_WINDOW_MS = 1000;

/**
 * The {@link ValkeyApi} over the valkey backend's HTTP routes, through the
 * app's fetch API so requests carry the user's Backstage token.
 *
 * @public
 */
export class ValkeyClient implements ValkeyApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly now: () => number;
  private readonly recentStatus = new Map<
    string,
    { at: number; status: Promise<InstanceStatusAnswer> }
  >();

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Clock for the shared window, for tests. */
    now?: () => number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.now = options.now ?? Date.now;
  }

  getEnvironments(entity: CompoundEntityRef): Promise<InstanceEnvironments> {
    return this.get(`${entityPath(entity)}/environments`);
  }

  getStatus(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<InstanceStatusAnswer> {
    const query = new URLSearchParams({ environment });
    const path = `${entityPath(entity)}/status?${query}`;
    const now = this.now();
    const recent = this.recentStatus.get(path);
    if (recent && now - recent.at < SHARED_STATUS_WINDOW_MS) {
      return recent.status;
    }
    for (const [key, entry] of this.recentStatus) {
      if (now - entry.at >= SHARED_STATUS_WINDOW_MS)
        this.recentStatus.delete(key);
    }
    const status = this.get<InstanceStatusAnswer>(path);
    this.recentStatus.set(path, { at: now, status });
    // A failed request is not shared: the next card asks again.
    status.catch(() => {
      if (this.recentStatus.get(path)?.status === status) {
        this.recentStatus.delete(path);
      }
    });
    return status;
  }

  getStoredSpec(
    entity: CompoundEntityRef,
  ): Promise<StoredInstanceSpecResponse> {
    return this.get(`${entityPath(entity)}/stored-spec`);
  }

  getFleet(options: { environment?: string } = {}): Promise<FleetResponse> {
    const query = options.environment
      ? `?${new URLSearchParams({ environment: options.environment })}`
      : '';
    return this.get(`/fleet${query}`);
  }

  getTimeline(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<TimelineResponse> {
    const query = new URLSearchParams({ environment });
    return this.get(`${entityPath(entity)}/timeline?${query}`);
  }

  async runOperation(
    entity: CompoundEntityRef,
    operation: OperationKind,
    request: FailoverRequest,
  ): Promise<OperationResult> {
    const baseUrl = await this.discoveryApi.getBaseUrl('valkey');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${entityPath(entity)}/operations/${operation}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // The next status read must not come from the shared window.
    this.recentStatus.clear();
    return (await response.json()) as OperationResult;
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
