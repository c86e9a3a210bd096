import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OperationKind,
  OperationResult,
  valkeyInstanceOperatePermission,
} from '@valkey-backstage/plugin-valkey-common';
import { Request } from 'express';
import { isDnsLabel } from '../targets/dnsLabel';
import { readInstanceAnnotations } from '../targets/instanceAnnotations';
import { OperationsService, OperationTarget } from './OperationsService';

export interface OperationRequest {
  operation: OperationKind;
  /** Entity ref as given by the caller, e.g. `resource:default/orders-cache`. */
  entityRef: string;
  environment: string;
  replica?: string;
  credentials: BackstageCredentials;
  /** The HTTP request, when the operation came through the plugin's own route. */
  request?: Request;
}

export interface OperationRunnerDeps {
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  operations: OperationsService;
}

/** Who asked, for the audit event: the user's entity ref or the calling service. */
function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p?.userEntityRef) return p.userEntityRef;
  if (p?.subject) return p.subject;
  return p?.type ?? 'unknown';
}

/**
 * One operation from the entity page or the actions registry: an audit event
 * around everything (denials and refusals included), the caller's
 * `valkey.instance.operate` decision for this entity, the entity as the
 * caller may see it, and only then the operation itself.
 */
export async function runOperation(
  deps: OperationRunnerDeps,
  req: OperationRequest,
): Promise<OperationResult> {
  const event = await deps.auditor.createEvent({
    eventId: 'instance-operation',
    severityLevel: 'medium',
    ...(req.request ? { request: req.request } : {}),
    meta: {
      operation: req.operation,
      entityRef: req.entityRef,
      environment: req.environment,
      actor: actorOf(req.credentials),
      ...(req.replica ? { replica: req.replica } : {}),
    },
  });
  try {
    const result = await authorizedOperation(deps, req);
    await event.success({
      meta: {
        result: result.message,
        ...(result.jobName ? { jobName: result.jobName } : {}),
        ...(result.previousPrimary
          ? { previousPrimary: result.previousPrimary }
          : {}),
      },
    });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

/** The caller's entity ref in its canonical form; InputError when it is none. */
export function checkedEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    throw new InputError(
      `"${ref}" is not an entity reference like resource:default/orders-cache`,
    );
  }
}

async function authorizedOperation(
  deps: OperationRunnerDeps,
  req: OperationRequest,
): Promise<OperationResult> {
  if (!isDnsLabel(req.environment)) {
    throw new InputError(
      `environment "${req.environment}" is not a DNS label (lowercase letters, digits and '-')`,
    );
  }
  if (
    req.replica !== undefined &&
    !/^[A-Za-z0-9.:[\]-]{1,300}$/.test(req.replica)
  ) {
    throw new InputError(
      `replica "${req.replica}" is not a node address (host:port as the status shows it)`,
    );
  }
  const entityRef = checkedEntityRef(req.entityRef);
  const { credentials } = req;
  const [decision] = await deps.permissions.authorize(
    [{ permission: valkeyInstanceOperatePermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `you are not allowed to run operations on ${entityRef}`,
    );
  }
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) throw new NotFoundError(`entity ${entityRef} not found`);
  const { instance, environments, mode } = readInstanceAnnotations(entity);
  if (!environments.includes(req.environment)) {
    throw new InputError(
      `${req.environment} is not one of the environments of ${entityRef} (${
        environments.join(', ') || 'none'
      })`,
    );
  }
  const target: OperationTarget = {
    entityRef,
    instance,
    environment: req.environment,
    mode,
  };
  return req.operation === 'backup'
    ? deps.operations.backupNow(target)
    : deps.operations.failover(target, req.replica);
}
