import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { nameAvailability } from '../check/nameAvailability';
import { specInputOf } from '../check/specInput';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadChartForConfig } from '../chart/loadChart';
import { readGitopsConfig } from '../config/gitopsConfig';
import { renderFromInput } from '../render';
import { writeFolderAtomically } from '../workspace/writeFolder';
import { renderGitopsExamples } from './renderGitops.examples';
import { cloneUrlFromRepoUrl } from './repositoryUrl';

export const RENDER_GITOPS_ACTION_ID = 'valkey:gitops:render';

/**
 * `valkey:gitops:render`: renders a Valkey instance spec into a GitOps folder
 * (wrapper chart, per-environment values, Argo CD Applications, secret
 * references, catalog entity) in the workspace. Thin edge: parse the input,
 * call the pure renderer, write the files atomically, set outputs.
 */
export function createRenderGitopsAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: RENDER_GITOPS_ACTION_ID,
    description:
      'Renders a Valkey instance into a GitOps folder: wrapper chart, values per environment, Argo CD Applications, secret references and a catalog entity.',
    supportsDryRun: true,
    examples: renderGitopsExamples,
    schema: {
      input: {
        instance: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              'The Valkey instance spec (ValkeyInstanceSpec from @valkey-backstage/plugin-valkey-common): name, owner, system, description, mode, size, topology, persistence, auth, tls, backups, metrics, image, chart, environments',
            ),
        form: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              'Instead of instance: the "New Valkey instance" form values (the template passes its parameters), mapped to the spec exactly as the form\'s live check maps them',
            ),
        mode: z =>
          z
            .enum(['create', 'change'])
            .optional()
            .describe(
              'create (default): refuse a name the catalog or the GitOps folder already has; change: render again an existing instance of that name',
            ),
        repository: z =>
          z
            .string()
            .optional()
            .describe(
              'Only for a new GitOps repository: its RepoUrlPicker value (host?owner=..&repo=..). The folder then is the repository root and Argo CD reads that repository.',
            ),
      },
      output: {
        targetPath: z =>
          z
            .string()
            .describe(
              'Folder in the GitOps repository, e.g. valkey/orders-cache ("." for a new repository)',
            ),
        sourcePath: z =>
          z.string().describe('The same folder inside the workspace'),
        entityRef: z =>
          z
            .string()
            .describe(
              'Catalog entity reference, e.g. resource:default/orders-cache',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Path of catalog-info.yaml in the repository, for catalog:register',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('Rendered files, relative to targetPath'),
        pullRequestBody: z =>
          z.string().describe('Markdown summary for the pull request'),
      },
    },
    async handler(ctx) {
      // The scaffolder validates input against the JSON schema only and passes
      // raw input (backstage/backstage#30613): all real validation happens here.
      const raw = ctx.input as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new InputError(
          'input must be an object with an "instance" field',
        );
      }
      const { instance, form, mode, repository } = raw as {
        instance?: unknown;
        form?: unknown;
        mode?: unknown;
        repository?: unknown;
      };
      if (repository !== undefined && typeof repository !== 'string') {
        throw new InputError(
          'repository: must be a string such as github.com?owner=acme&repo=orders-cache',
        );
      }
      if (mode !== undefined && mode !== 'create' && mode !== 'change') {
        throw new InputError('mode: must be "create" or "change"');
      }
      const spec = specInputOf({ instance, form });
      const gitops = readGitopsConfig(options.config);
      const newRepository = repository
        ? { url: cloneUrlFromRepoUrl(repository) }
        : undefined;
      const chart = loadChartForConfig(gitops);
      const result = renderFromInput(spec, gitops, chart, newRepository);

      const { name } = parseEntityRef(result.entityRef);
      if (mode !== 'change') {
        const availability = await nameAvailability({
          name,
          config: gitops,
          catalog: options.catalog,
          credentials: await options.auth.getOwnServiceCredentials(),
        });
        if (!availability.available) {
          throw new InputError(
            `${availability.message} Nothing was written. (To render an existing instance again, run this action with mode: change.)`,
          );
        }
      }

      const target = await writeFolderAtomically(
        ctx.workspacePath,
        result.targetPath,
        result.files,
      );
      ctx.logger.info(
        `${ctx.isDryRun ? '[dry run] ' : ''}Rendered ${
          result.files.length
        } files for ${result.entityRef} into ${target}`,
      );
      ctx.output('targetPath', result.targetPath);
      ctx.output('sourcePath', result.targetPath);
      ctx.output('entityRef', result.entityRef);
      ctx.output(
        'catalogInfoPath',
        `/${
          result.targetPath === '.' ? '' : `${result.targetPath}/`
        }catalog-info.yaml`,
      );
      ctx.output(
        'files',
        result.files.map(f => f.path),
      );
      ctx.output('pullRequestBody', result.pullRequestBody);
    },
  });
}
