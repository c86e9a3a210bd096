import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'path';
import { commitFolder } from '../workspace/localGitRepository';
import { commitAuthor } from './commitAuthor';
import { readLocalPublisherInput } from './localPublisherInput';

export const COMMIT_LOCAL_ACTION_ID = 'valkey:gitops:commit-local';

/**
 * `valkey:gitops:commit-local`: commits the folder rendered by
 * `valkey:gitops:render` into the local Git repository configured at
 * `valkey.localRepository.path`, for running the whole flow without a
 * Git host. The repository path comes from config only.
 */
export function createCommitLocalAction(options: { config: Config }) {
  return createTemplateAction({
    id: COMMIT_LOCAL_ACTION_ID,
    description:
      'Commits the rendered Valkey GitOps folder into the local Git repository from valkey.gitops.localRepository (local use without a Git host).',
    supportsDryRun: true,
    examples: [
      {
        description: 'Commit the folder rendered for orders-cache',
        example:
          'steps:\n  - id: commit\n    action: valkey:gitops:commit-local\n    input:\n      name: orders-cache\n',
      },
    ],
    schema: {
      input: {
        name: z =>
          z.string().describe('The instance name the render step used'),
        filesToDelete: z =>
          z
            .array(z.string().max(300))
            .max(1000)
            .optional()
            .describe(
              'The render step output filesToDelete: with it, exactly these files of the folder are deleted and every other file stays; without it, the folder is replaced',
            ),
      },
      output: {
        commitId: z => z.string(),
        changed: z => z.boolean(),
        changedFiles: z => z.array(z.string()),
        repositoryPath: z => z.string(),
        targetPath: z => z.string(),
      },
    },
    async handler(ctx) {
      const { name, gitops, localRepository } = readLocalPublisherInput(
        ctx.input,
        options.config,
      );
      const targetPath = gitops.targetPathPattern.replace(/\{name\}/g, name);
      const source = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const repo = path.resolve(localRepository.path);
      ctx.output('repositoryPath', repo);
      ctx.output('targetPath', targetPath);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `[dry run] would commit ${targetPath} into ${repo} (${localRepository.branch})`,
        );
        ctx.output('commitId', 'dry-run');
        ctx.output('changed', false);
        ctx.output('changedFiles', []);
        return;
      }
      const result = await commitFolder({
        repo,
        branch: localRepository.branch,
        source,
        folder: targetPath,
        ...(ctx.input.filesToDelete
          ? { deletePaths: ctx.input.filesToDelete }
          : {}),
        message: `Valkey instance ${name}: render ${targetPath}`,
        author: commitAuthor(options.config),
      });
      ctx.logger.info(
        result.changed
          ? `Committed ${result.commitId} to ${repo}: ${result.changedFiles.length} files changed`
          : `Nothing changed in ${targetPath}; ${repo} stays at ${result.commitId}`,
      );
      ctx.output('commitId', result.commitId);
      ctx.output('changed', result.changed);
      ctx.output('changedFiles', result.changedFiles);
    },
  });
}
