/**
 * The form's live checks, mounted on the scaffolder plugin's router (so under
 * /api/scaffolder/valkey/...). They sit beside the render action because they
 * run the very same renderer, config and chart; signed-in users only.
 */
import type {
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  instanceNameProblem,
  ValkeyEnvironmentChoice,
  ValkeyFormIntent,
  ValkeyNameCheck,
} from '@valkey-backstage/plugin-valkey-common';
import express from 'express';
import Router from 'express-promise-router';
import { loadChartForConfig } from '../chart/loadChart';
import { readGitopsConfig } from '../config/gitopsConfig';
import { ScmIntegrations } from '@backstage/integration';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { storedFolderReader } from '../workspace/storedFolderSource';
import { previewChange } from './changePreview';
import { checkForm } from './checkForm';
import { describePolicy } from './describePolicy';
import { nameAvailability } from './nameAvailability';
import { specInputOf } from './specInput';

export interface CheckRouterOptions {
  config: Config;
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  urlReader?: UrlReaderService;
}

/** The form's "Where to publish", which says where a change's stored folder is. */
function publishTargetOf(form: unknown) {
  const f = (form ?? {}) as Record<string, unknown>;
  const repoUrl =
    f.publisher === 'gitlab-mr' ? f.gitlabRepoUrl : f.gitopsRepoUrl;
  return { publisher: f.publisher, repoUrl };
}

function intentOf(value: unknown): ValkeyFormIntent {
  if (value === undefined || value === 'create') return 'create';
  if (value === 'change') return 'change';
  throw new InputError('intent must be "create" or "change"');
}

export function createCheckRouter(options: CheckRouterOptions): express.Router {
  const { config, httpAuth, auth, catalog } = options;
  const integrations = ScmIntegrations.fromConfig(config);
  const router = Router();
  router.use('/valkey', express.json({ limit: '64kb' }));

  async function checkName(
    name: unknown,
    intent: ValkeyFormIntent,
  ): Promise<ValkeyNameCheck> {
    const problem = instanceNameProblem(name);
    const shown = typeof name === 'string' ? name.slice(0, 100) : '';
    if (problem) return { name: shown, ok: false, message: problem };
    if (intent === 'change') {
      return {
        name: shown,
        ok: true,
        message: `Changing the existing instance "${shown}".`,
      };
    }
    const availability = await nameAvailability({
      name: name as string,
      config: readGitopsConfig(config),
      catalog,
      // A clash is a clash even with an entity the caller may not see.
      credentials: await auth.getOwnServiceCredentials(),
    });
    return availability.available
      ? { name: shown, ok: true, message: `"${shown}" is free.` }
      : { name: shown, ok: false, message: availability.message };
  }

  router.get('/valkey/environments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const gitops = readGitopsConfig(config);
    const environments: ValkeyEnvironmentChoice[] = gitops.environments.map(
      e => ({ name: e.name, policy: describePolicy(e.policy) }),
    );
    res.json({ environments });
  });

  router.get('/valkey/name-check', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await checkName(req.query.name, intentOf(req.query.intent)));
  });

  router.post('/valkey/form-check', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new InputError(
        'the body must be {"form": {...form values}} or {"instance": {...instance spec}}',
      );
    }
    const { form, instance } = body as Record<string, unknown>;
    const intent = intentOf((body as Record<string, unknown>).intent);
    const spec = specInputOf({ form, instance });
    const gitops = readGitopsConfig(config);
    const chart = loadChartForConfig(gitops);
    const { check: result, rendered } = checkForm(spec, gitops, chart);
    if (rendered && intent === 'change') {
      const target = publishTargetOf(form);
      const preview = await previewChange(rendered, gitops, (g, path) =>
        storedFolderReader(
          { urlReader: options.urlReader, integrations },
          target,
        )(g, path),
      );
      if ('change' in preview) result.change = preview.change;
      else result.problems.push(preview.problem);
    }
    // The renderer already reports a name that breaks the rule; add a clash.
    const name = (spec as { name?: unknown } | undefined)?.name;
    if (!instanceNameProblem(name)) {
      const clash = await checkName(name, intent);
      if (!clash.ok) {
        result.problems.unshift({
          field: 'name',
          label: 'Instance name',
          message: clash.message,
        });
      }
    }
    result.ok = result.problems.length === 0;
    if (!result.ok) result.environments = [];
    res.json(result);
  });

  return router;
}
