import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { VALKEY_ENTITY_KIND } from '@valkey-backstage/plugin-valkey-common';
import { setTimeout as sleep } from 'timers/promises';
import {
  isLocationConfigured,
  localCatalogLocation,
} from './localCatalogLocation';
import { readLocalPublisherInput } from './localPublisherInput';

export const REGISTER_LOCAL_ACTION_ID = 'valkey:catalog:register-local';

const WAIT_MS = 60_000;
const POLL_MS = 1_000;

/**
 * `valkey:catalog:register-local`: after `valkey:gitops:commit-local`, makes the
 * new instance show up in the catalog at once. The catalog reads the local
 * repository through a configured `file` location (see localCatalogLocation.ts);
 * this action refreshes that location with the initiator's credentials and waits
 * for the entity. Nothing here comes from form input except the validated name.
 */
export function createRegisterLocalAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: REGISTER_LOCAL_ACTION_ID,
    description:
      'Refreshes the catalog location over the local GitOps repository (valkey.gitops.localRepository) and waits until the committed Valkey instance is in the catalog.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Show orders-cache in the catalog after the local commit',
        example:
          'steps:\n  - id: register\n    action: valkey:catalog:register-local\n    input:\n      name: orders-cache\n',
      },
    ],
    schema: {
      input: {
        name: z =>
          z.string().describe('The instance name the render step used'),
      },
      output: {
        entityRef: z => z.string(),
        locationRef: z => z.string(),
        registered: z =>
          z.boolean().describe('Whether the entity is in the catalog'),
      },
    },
    async handler(ctx) {
      const { name, gitops, localRepository } = readLocalPublisherInput(
        ctx.input,
        options.config,
      );
      const location = localCatalogLocation({
        repositoryPath: localRepository.path,
        targetPathPattern: gitops.targetPathPattern,
      });
      const entityRef = stringifyEntityRef({
        kind: VALKEY_ENTITY_KIND,
        namespace: 'default',
        name,
      });
      ctx.output('entityRef', entityRef);
      ctx.output('locationRef', location.entityRef);

      if (!isLocationConfigured(options.config, location.target)) {
        ctx.logger.warn(
          `The catalog has no location over the local GitOps repository, so ${entityRef} is not in the catalog. Add to app-config.yaml:\n${location.configSnippet}`,
        );
        ctx.output('registered', false);
        return;
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `[dry run] would refresh ${location.entityRef} (${location.target}) and wait for ${entityRef}`,
        );
        ctx.output('registered', false);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      await options.catalog.refreshEntity(location.entityRef, { credentials });
      const deadline = Date.now() + WAIT_MS;
      while (
        !(await options.catalog.getEntityByRef(entityRef, { credentials }))
      ) {
        if (Date.now() > deadline) {
          throw new Error(
            `The folder is committed, but ${entityRef} did not appear in the catalog within ${
              WAIT_MS / 1000
            } s; look at the processing errors of ${location.entityRef} (${
              location.target
            })`,
          );
        }
        await sleep(POLL_MS, undefined, { signal: ctx.signal });
      }
      ctx.logger.info(
        `${entityRef} is in the catalog (read from ${location.target})`,
      );
      ctx.output('registered', true);
    },
  });
}
