/**
 * `valkey:gitops:publish`: one step that publishes what the render step wrote,
 * to the target the form chose, so the task page lists the steps that run and
 * no skipped ones. Each target is the real action that would otherwise be its
 * own step (Backstage's publish:github:pull-request, publish:gitlab:merge-request,
 * publish:github, and this module's local commit and catalog refresh), run with
 * this step's context; then the entity is registered where a Git host is used.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  parseRepoUrl,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import path from 'path';
import { commitGitlabDeletions } from '../publish/gitlabDeletions';
import { hostActions } from '../publish/hostActions';
import { createCommitLocalAction } from './commitLocal';
import { createRegisterLocalAction } from './registerLocal';

export const PUBLISH_ACTION_ID = 'valkey:gitops:publish';

export const PUBLISH_TARGETS = [
  'local',
  'github-pr',
  'gitlab-mr',
  'new-repository',
] as const;
export type PublishTarget = (typeof PUBLISH_TARGETS)[number];

type Outputs = Record<string, unknown>;

/** Runs another action's handler with this step's context; returns its outputs. */
async function runWithContext(
  action: TemplateAction<any, any, any>,
  ctx: any,
  input: Record<string, unknown>,
): Promise<Outputs> {
  const outputs: Outputs = {};
  await action.handler({
    ...ctx,
    input,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  });
  return outputs;
}

/** `/valkey/x/catalog-info.yaml` on `branch` of the repository `repoUrl` names. */
function catalogFileUrl(
  target: 'github-pr' | 'gitlab-mr',
  repoUrl: string,
  integrations: ScmIntegrations,
  branch: string,
  catalogInfoPath: string,
) {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  const blob = target === 'gitlab-mr' ? '-/blob' : 'blob';
  return `https://${host}/${owner}/${repo}/${blob}/${branch}${catalogInfoPath}`;
}

export function createPublishAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  const { config, catalog } = options;
  const integrations = ScmIntegrations.fromConfig(config);
  const actions = {
    commitLocal: createCommitLocalAction({ config }),
    registerLocal: createRegisterLocalAction({ config, catalog }),
  };
  const hosts = hostActions(config, integrations);

  return createTemplateAction({
    id: PUBLISH_ACTION_ID,
    description:
      'Publishes the folder valkey:gitops:render wrote: a commit in the local GitOps repository, a GitHub pull request, a GitLab merge request or a new GitHub repository, then makes the entity known to the catalog. One step whatever the target, so the task page shows no skipped steps.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Open a pull request with what the render step wrote',
        example:
          "steps:\n  - id: publish\n    action: valkey:gitops:publish\n    input:\n      to: github-pr\n      repoUrl: github.com?owner=platform&repo=gitops\n      name: orders-cache\n      title: 'Valkey instance orders-cache'\n      description: ${{ steps.render.output.pullRequestBody }}\n      sourcePath: ${{ steps.render.output.sourcePath }}\n      targetPath: ${{ steps.render.output.targetPath }}\n      filesToDelete: ${{ steps.render.output.filesToDelete }}\n      catalogInfoPath: ${{ steps.render.output.catalogInfoPath }}\n",
      },
    ],
    schema: {
      input: {
        to: z =>
          z
            .enum(PUBLISH_TARGETS)
            .describe(
              'Where to publish: local, github-pr, gitlab-mr or new-repository',
            ),
        name: z =>
          z.string().describe('The instance name the render step used'),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe('The repository (RepoUrlPicker format); not for local'),
        title: z => z.string().describe('Pull or merge request title'),
        description: z =>
          z
            .string()
            .describe('Pull or merge request body, or repository description'),
        sourcePath: z =>
          z.string().describe('The render step output sourcePath'),
        targetPath: z =>
          z.string().describe('The render step output targetPath'),
        filesToDelete: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'The render step output filesToDelete: deleted in the pull or merge request',
            ),
        catalogInfoPath: z =>
          z.string().describe('The render step output catalogInfoPath'),
      },
      output: {
        url: z =>
          z
            .string()
            .optional()
            .describe('The pull request, merge request or repository'),
        linkTitle: z =>
          z
            .string()
            .optional()
            .describe('"Pull request", "Merge request" or "Repository"'),
        commitId: z => z.string().optional().describe('Local commit'),
        repositoryPath: z => z.string().optional().describe('Local repository'),
        targetPath: z => z.string(),
        registered: z =>
          z.boolean().describe('Whether the entity is in the catalog now'),
      },
    },
    async handler(ctx) {
      const { to, name, repoUrl } = ctx.input;
      ctx.output('targetPath', ctx.input.targetPath);
      if (to === 'local') {
        const commit = await runWithContext(actions.commitLocal, ctx, {
          name,
          filesToDelete: ctx.input.filesToDelete ?? [],
        });
        const registered = await runWithContext(actions.registerLocal, ctx, {
          name,
        });
        ctx.output('commitId', commit.commitId as string);
        ctx.output('repositoryPath', commit.repositoryPath as string);
        ctx.output('registered', registered.registered === true);
        return;
      }
      if (!repoUrl) {
        throw new InputError(
          `repoUrl: choose the repository to publish to (${to})`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `[dry run] would publish ${ctx.input.targetPath} to ${repoUrl} (${to})`,
        );
        ctx.output('registered', false);
        return;
      }
      const branchName = `valkey/${name}`;
      const common = {
        repoUrl,
        title: ctx.input.title,
        description: ctx.input.description,
        sourcePath: ctx.input.sourcePath,
        targetPath: ctx.input.targetPath,
      };
      let catalogInfoUrl: string;
      // A pull or merge request's file reaches the default branch when it is
      // merged; the registration may fail until then.
      let optional = true;
      if (to === 'github-pr') {
        const { pullRequest } = await hosts.github();
        const pr = await runWithContext(pullRequest, ctx, {
          ...common,
          branchName,
          filesToDelete: ctx.input.filesToDelete ?? [],
          // A second run while the pull request is open updates it.
          update: true,
        });
        ctx.output('url', pr.remoteUrl as string);
        ctx.output('linkTitle', 'Pull request');
        catalogInfoUrl = catalogFileUrl(
          to,
          repoUrl,
          integrations,
          pr.targetBranchName as string,
          ctx.input.catalogInfoPath,
        );
      } else if (to === 'gitlab-mr') {
        const mr = await runWithContext(await hosts.gitlab(), ctx, {
          ...common,
          branchName,
          // Frees the branch name for the next change once this one is merged.
          removeSourceBranch: true,
        });
        ctx.output('url', mr.mergeRequestUrl as string);
        ctx.output('linkTitle', 'Merge request');
        await deleteOnGitlab(ctx, integrations, repoUrl, branchName);
        catalogInfoUrl = catalogFileUrl(
          to,
          repoUrl,
          integrations,
          mr.targetBranchName as string,
          ctx.input.catalogInfoPath,
        );
      } else {
        const github = await hosts.github();
        const repository = await runWithContext(github.repository, ctx, {
          repoUrl,
          description: ctx.input.description,
          defaultBranch: 'main',
          sourcePath: ctx.input.sourcePath,
        });
        ctx.output('url', repository.remoteUrl as string);
        ctx.output('linkTitle', 'Repository');
        catalogInfoUrl = `${repository.repoContentsUrl}${ctx.input.catalogInfoPath}`;
        optional = false;
      }
      ctx.output(
        'registered',
        await register(ctx, catalog, catalogInfoUrl, optional),
      );
    },
  });
}

/** The files the change drops, deleted on the merge request's branch. */
async function deleteOnGitlab(
  ctx: any,
  integrations: ScmIntegrations,
  repoUrl: string,
  branch: string,
) {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  const integration = integrations.gitlab.byHost(host);
  if (!integration) throw new InputError(`no GitLab integration for ${host}`);
  const deleted = await commitGitlabDeletions({
    integration: integration.config,
    project: `${owner}/${repo}`,
    branch,
    folder: ctx.input.targetPath,
    paths: (ctx.input.filesToDelete ?? []).map((p: string) =>
      path.posix.join(ctx.input.targetPath, p),
    ),
    message: `Valkey instance ${ctx.input.name}: delete the files this change drops`,
  });
  if (deleted.length) {
    ctx.logger.info(`Deleted in the merge request: ${deleted.join(', ')}`);
  }
}

/** Registers the entity's file in the catalog with the initiator's credentials. */
async function register(
  ctx: {
    logger: { info(m: string): void; warn(m: string): void };
    getInitiatorCredentials(): Promise<any>;
  },
  catalog: CatalogService,
  target: string,
  optional: boolean,
): Promise<boolean> {
  const credentials = await ctx.getInitiatorCredentials();
  try {
    await catalog.addLocation({ type: 'url', target }, { credentials });
    ctx.logger.info(`Registered ${target} in the catalog`);
    return true;
  } catch (error) {
    if (!optional) throw error;
    ctx.logger.warn(
      `The catalog cannot read ${target} yet (${
        (error as Error).message
      }); the entity appears once the change is merged`,
    );
    return false;
  }
}
