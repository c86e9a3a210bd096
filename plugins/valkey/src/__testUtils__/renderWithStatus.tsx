import { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import {
  FailoverRequest,
  OperationKind,
  OperationResult,
  FleetResponse,
  InstanceEnvironments,
  InstanceStatus,
  InstanceStatusAnswer,
  StoredInstanceSpecResponse,
  TimelineResponse,
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { ValkeyApi, valkeyApiRef } from '../api';

export function valkeyEntity(
  name = 'demo-cluster',
  environments = 'local',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [VALKEY_INSTANCE_ANNOTATION]: name,
        [VALKEY_ENVIRONMENTS_ANNOTATION]: environments,
      },
    },
    spec: { type: 'valkey', owner: 'team-orders' },
  };
}

/** A ValkeyApi answering from status documents, recording every call. */
export class RecordedValkeyApi implements ValkeyApi {
  readonly statusCalls: string[] = [];
  constructor(
    private readonly statuses: Record<
      string,
      InstanceStatusAnswer | Error | Promise<never>
    >,
    private readonly environments?: InstanceEnvironments['environments'],
  ) {}

  async getEnvironments(ref: {
    kind: string;
    namespace: string;
    name: string;
  }) {
    return {
      entityRef: `${ref.kind.toLocaleLowerCase()}:${ref.namespace}/${ref.name}`,
      environments:
        this.environments ??
        Object.keys(this.statuses).map(name => ({ name, configured: true })),
    };
  }

  async getStatus(
    _ref: unknown,
    environment: string,
  ): Promise<InstanceStatusAnswer> {
    this.statusCalls.push(environment);
    const answer = this.statuses[environment];
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** The fleet answer (set with `fleet`); a card test never asks for it. */
  fleetAnswer?: FleetResponse | Error;

  async getFleet(): Promise<FleetResponse> {
    const answer = this.fleetAnswer;
    if (!answer) throw new Error('no fleet answer recorded for this test');
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** The timeline answers per environment (set with `timelines`). */
  timelines: Record<string, TimelineResponse | Error> = {};
  readonly timelineCalls: string[] = [];

  async getTimeline(_ref: unknown, environment: string) {
    this.timelineCalls.push(environment);
    const answer = this.timelines[environment];
    if (!answer) throw new Error(`no timeline recorded for ${environment}`);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  readonly operations: Array<{
    operation: OperationKind;
    request: FailoverRequest;
  }> = [];
  /** What the next operation answers (set per test). */
  operationAnswer: OperationResult | Error = new Error(
    'no operation answer recorded for this test',
  );

  async runOperation(
    _ref: unknown,
    operation: OperationKind,
    request: FailoverRequest,
  ): Promise<OperationResult> {
    this.operations.push({ operation, request });
    if (this.operationAnswer instanceof Error) throw this.operationAnswer;
    return this.operationAnswer;
  }

  /** The stored spec answer (set with `storedSpecAnswer`); status tests never ask for it. */
  storedSpecAnswer?: StoredInstanceSpecResponse | Error;

  async getStoredSpec(): Promise<StoredInstanceSpecResponse> {
    const answer = this.storedSpecAnswer;
    if (!answer)
      throw new Error('no stored spec answer recorded for this test');
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** Replaces what an environment answers from now on. */
  set(environment: string, answer: InstanceStatus | Error) {
    this.statuses[environment] = answer;
  }
}

export async function renderWithStatus(
  element: ReactElement,
  api: ValkeyApi,
  entity: Entity = valkeyEntity(),
) {
  return renderInTestApp(
    <TestApiProvider apis={[[valkeyApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
