import type {
  AuthService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { nameAvailability } from '../check/nameAvailability';
import { specInputOf } from '../check/specInput';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readGitopsConfig } from '../config/gitopsConfig';
import { renderGitopsExamples } from './renderGitops.examples';
import { renderIntoWorkspace } from './renderIntoWorkspace';
import { cloneUrlFromRepoUrl } from './repositoryUrl';
import { storedFolderReader } from '../workspace/storedFolderSource';

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
  /** Reads the stored folder of a change published to GitHub or GitLab. */
  urlReader?: UrlReaderService;
}) {
  const integrations = ScmIntegrations.fromConfig(options.config);
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
        repository: z =>
          z
            .string()
            .optional()
            .describe(
              'Only for a new GitOps repository: its RepoUrlPicker value (host?owner=..&repo=..). The folder then is the repository root and Argo CD reads that repository.',
            ),
        change: z =>
          z
            .object({
              of: z.string().describe('The name of the instance being changed'),
              confirmDestructive: z
                .boolean()
                .optional()
                .describe(
                  'Must be true when the change is destructive (mode change, fewer shards or replicas, persistence off, an environment removed)',
                ),
              from: z
                .string()
                .optional()
                .describe(
                  'Where the change is published, as the form names it: "local" (valkey.gitops.localRepository, the default), "github-pr" or "gitlab-mr"; the stored folder is read from there',
                ),
              repoUrl: z
                .string()
                .optional()
                .describe(
                  'For github-pr and gitlab-mr: the GitOps repository (RepoUrlPicker value); its default branch holds the stored folder',
                ),
            })
            .optional()
            .describe(
              'Only for a change to an existing instance: renders against its stored folder and refuses an unconfirmed destructive change',
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
        changeSummary: z =>
          z
            .string()
            .optional()
            .describe('Change only: the files added, changed and deleted'),
        filesToDelete: z =>
          z
            .array(z.string())
            .describe(
              'Files, relative to targetPath, for publish:github:pull-request filesToDelete: for a change, the stored files the new render drops; otherwise every file an earlier render may have written and this one does not (a removed environment)',
            ),
        destructiveChanges: z =>
          z
            .array(z.string())
            .optional()
            .describe('Change only: the confirmed destructive changes'),
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
      const { instance, form, repository, change } = raw as {
        instance?: unknown;
        form?: unknown;
        repository?: unknown;
        change?: unknown;
      };
      const changeOf = readChangeInput(change);
      if (repository !== undefined && typeof repository !== 'string') {
        throw new InputError(
          'repository: must be a string such as github.com?owner=acme&repo=orders-cache',
        );
      }
      const gitops = readGitopsConfig(options.config);
      await renderIntoWorkspace(ctx, {
        gitops,
        instance: specInputOf({ instance, form }),
        newRepository: repository
          ? { url: cloneUrlFromRepoUrl(repository) }
          : undefined,
        change: changeOf,
        readStored: changeOf
          ? storedFolderReader(
              { urlReader: options.urlReader, integrations },
              {
                publisher: changeOf.from,
                repoUrl: changeOf.repoUrl,
              },
            )
          : undefined,
        refuseTakenName: async name => {
          const availability = await nameAvailability({
            name,
            config: gitops,
            catalog: options.catalog,
            credentials: await options.auth.getOwnServiceCredentials(),
          });
          if (!availability.available) {
            throw new InputError(
              `${availability.message} Nothing was written. (To change an existing instance, use "Change this instance" on its page, which runs this action with change: { of: <name> }.)`,
            );
          }
        },
      });
    },
  });
}

function readChangeInput(change: unknown):
  | {
      of: string;
      confirmDestructive: boolean;
      from?: string;
      repoUrl?: unknown;
    }
  | undefined {
  if (change === undefined || change === null) return undefined;
  const { of, confirmDestructive, from, repoUrl } = (change ?? {}) as {
    of?: unknown;
    confirmDestructive?: unknown;
    from?: unknown;
    repoUrl?: unknown;
  };
  if (
    typeof change !== 'object' ||
    Array.isArray(change) ||
    typeof of !== 'string'
  ) {
    throw new InputError(
      'change: must be an object with "of", the name of the instance being changed',
    );
  }
  if (
    confirmDestructive !== undefined &&
    typeof confirmDestructive !== 'boolean'
  ) {
    throw new InputError('change.confirmDestructive: must be true or false');
  }
  if (from !== undefined && typeof from !== 'string') {
    throw new InputError('change.from: must be a publisher name such as local');
  }
  return {
    of,
    confirmDestructive: confirmDestructive === true,
    ...(from !== undefined ? { from } : {}),
    repoUrl,
  };
}
