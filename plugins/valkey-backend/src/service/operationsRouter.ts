import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  OperationKind,
  OperationResult,
} from '@valkey-backstage/plugin-valkey-common';
import express from 'express';
import Router from 'express-promise-router';
import { OperationRunnerDeps, runOperation } from '../operations/runOperation';

const OPERATIONS: Record<string, OperationKind> = {
  backup: 'backup',
  failover: 'failover',
};

/**
 * `POST /entities/:namespace/:kind/:name/operations/backup|failover` with
 * body `{ environment, replica? }`: runs one operation as the caller (see
 * runOperation for the permission check and the audit event).
 */
export async function createOperationsRouter(
  options: OperationRunnerDeps & { httpAuth: HttpAuthService },
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '4kb' }));
  router.post(
    '/entities/:namespace/:kind/:name/operations/:operation',
    async (req, res) => {
      const operation = OPERATIONS[req.params.operation];
      if (!operation) {
        throw new InputError(
          `unknown operation "${req.params.operation}"; use backup or failover`,
        );
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body.environment !== 'string' || body.environment === '') {
        throw new InputError(
          'body field environment is required, e.g. {"environment": "prod"}',
        );
      }
      if (body.replica !== undefined && typeof body.replica !== 'string') {
        throw new InputError('body field replica must be a node address');
      }
      if (operation === 'backup' && body.replica !== undefined) {
        throw new InputError('backup takes no replica');
      }
      const { namespace, kind, name } = req.params;
      const result: OperationResult = await runOperation(options, {
        operation,
        entityRef: stringifyEntityRef({ kind, namespace, name }),
        environment: body.environment,
        ...(body.replica !== undefined ? { replica: body.replica } : {}),
        credentials: await options.httpAuth.credentials(req),
        request: req,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.status(202).json(result);
    },
  );
  return router;
}
