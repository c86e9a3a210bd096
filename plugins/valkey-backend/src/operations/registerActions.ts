import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { valkeyStatusReadPermission } from '@valkey-backstage/plugin-valkey-common';
import { StatusService } from '../status/StatusService';
import { isDnsLabel } from '../targets/dnsLabel';
import { readInstanceAnnotations } from '../targets/instanceAnnotations';
import {
  checkedEntityRef,
  OperationRunnerDeps,
  runOperation,
} from './runOperation';

const ENTITY_REF_HELP =
  'The instance entity, e.g. resource:default/orders-cache';
const ENVIRONMENT_HELP = "One of the instance's environments, e.g. prod";

/**
 * The status read and the two operations as actions of Backstage's actions
 * registry (for MCP clients and template steps), with the same permission
 * checks and audit events as the HTTP routes.
 */
export function registerValkeyActions(
  actions: ActionsRegistryService,
  deps: OperationRunnerDeps & { status: StatusService },
) {
  actions.register({
    name: 'get-instance-status',
    title: 'Get Valkey instance status',
    description:
      'Live health, topology (primaries, replicas, lag, Sentinel quorum, cluster slots), persistence and backup state of a Valkey instance in one environment.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          environment: z.string().describe(ENVIRONMENT_HELP),
        }),
      output: z =>
        z.object({
          health: z.string().describe('healthy, degraded, down or unknown'),
          summary: z.string(),
          mode: z.string(),
          status: z
            .record(z.string(), z.unknown())
            .describe('The full status document'),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = checkedEntityRef(input.entityRef);
      if (!isDnsLabel(input.environment)) {
        throw new InputError(
          `environment "${input.environment}" is not a DNS label`,
        );
      }
      const [decision] = await deps.permissions.authorize(
        [{ permission: valkeyStatusReadPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `you are not allowed to read the Valkey status of ${entityRef}`,
        );
      }
      const entity = await deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!entity) throw new NotFoundError(`entity ${entityRef} not found`);
      const { instance, environments, mode } = readInstanceAnnotations(entity);
      if (!environments.includes(input.environment)) {
        throw new InputError(
          `${
            input.environment
          } is not one of the environments of ${entityRef} (${
            environments.join(', ') || 'none'
          })`,
        );
      }
      const status = await deps.status.status(
        entityRef,
        instance,
        input.environment,
        mode,
      );
      return {
        output: {
          health: status.health,
          summary: status.summary,
          mode: status.mode,
          status: status as unknown as Record<string, unknown>,
        },
      };
    },
  });

  const operationOutput = (z: typeof import('zod/v3').z) =>
    z.object({
      message: z.string().describe('What was started'),
      environment: z.string(),
      startedAt: z.string(),
      jobName: z.string().optional(),
      previousPrimary: z.string().optional(),
      replica: z.string().optional(),
    });

  actions.register({
    name: 'backup-now',
    title: 'Back up a Valkey instance now',
    description:
      "Starts a backup run now from the instance's backup schedule in one environment (a Kubernetes Job from the backup CronJob). Needs the valkey.instance.operate permission.",
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          environment: z.string().describe(ENVIRONMENT_HELP),
        }),
      output: operationOutput,
    },
    action: async ({ input, credentials }) => {
      const result = await runOperation(deps, {
        operation: 'backup',
        entityRef: input.entityRef,
        environment: input.environment,
        credentials,
      });
      return { output: outputOf(result) };
    },
  });

  actions.register({
    name: 'failover',
    title: 'Fail over a Valkey instance',
    description:
      'Moves the primary role to a replica that is in sync: Sentinel mode asks Sentinel to fail over; cluster mode sends CLUSTER FAILOVER to the given replica of a shard. Refused when no replica is in sync or a failover is running. Needs the valkey.instance.operate permission.',
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          environment: z.string().describe(ENVIRONMENT_HELP),
          replica: z
            .string()
            .optional()
            .describe(
              'Cluster mode only: host:port of the replica that takes over its shard, as the status lists it',
            ),
        }),
      output: operationOutput,
    },
    action: async ({ input, credentials }) => {
      const result = await runOperation(deps, {
        operation: 'failover',
        entityRef: input.entityRef,
        environment: input.environment,
        ...(input.replica !== undefined ? { replica: input.replica } : {}),
        credentials,
      });
      return { output: outputOf(result) };
    },
  });
}

function outputOf(result: {
  message: string;
  environment: string;
  startedAt: string;
  jobName?: string;
  previousPrimary?: string;
  replica?: string;
}) {
  const { message, environment, startedAt, jobName, previousPrimary, replica } =
    result;
  return {
    message,
    environment,
    startedAt,
    ...(jobName ? { jobName } : {}),
    ...(previousPrimary ? { previousPrimary } : {}),
    ...(replica ? { replica } : {}),
  };
}
