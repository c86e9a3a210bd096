import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  InstanceNameSpec,
  VALKEY_ENTITY_KIND,
} from '@valkey-backstage/plugin-valkey-common';
import path from 'path';
import { storedSpecOf } from '../change';
import { readGitopsConfig } from '../config/gitopsConfig';
import { targetPathOf } from '../render';
import { commitFolderRemoval } from '../workspace/localGitRepository';
import { readStoredFolder } from '../workspace/storedFolder';
import { commitAuthor } from './commitAuthor';
import { removeRetiredEntity } from './removeRetiredEntity';

export const RETIRE_ACTION_ID = 'valkey:gitops:retire';

/**
 * `valkey:gitops:retire`: checks that a folder is a rendered instance (it holds
 * `instance.yaml`) and that the user typed its name, then lists the folder's
 * files for the publish step to delete. With `commitLocal`, deletes the folder
 * from the local GitOps repository in one commit and removes the entity from
 * the catalog. Nothing outside the instance's folder is touched; the folder
 * comes from the configured target path pattern and the validated name only.
 */
export function createRetireInstanceAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: RETIRE_ACTION_ID,
    description:
      'Retires a Valkey instance: checks the typed name and that the folder is a rendered instance, lists its files for deletion, and with commitLocal deletes the folder from the local GitOps repository and the entity from the catalog.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Retire orders-cache in the local GitOps repository',
        example:
          'steps:\n  - id: retire\n    action: valkey:gitops:retire\n    input:\n      name: orders-cache\n      confirmName: orders-cache\n      commitLocal: true\n',
      },
    ],
    schema: {
      input: {
        name: z => z.string().describe('The instance to retire'),
        confirmName: z =>
          z
            .string()
            .describe('The instance name typed again by the user, to confirm'),
        commitLocal: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Delete the folder in the local GitOps repository and the entity in the catalog',
            ),
      },
      output: {
        targetPath: z => z.string(),
        entityRef: z => z.string(),
        filesToDelete: z =>
          z
            .array(z.string())
            .describe('The folder files, relative to the repository root'),
        commitId: z => z.string().optional(),
        entityRemoved: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const input = (ctx.input ?? {}) as Record<string, unknown>;
      const name = InstanceNameSpec.safeParse(input.name);
      if (!name.success) {
        throw new InputError(
          'name: must be the name of an existing instance (lower-case letters, digits and "-")',
        );
      }
      if (input.confirmName !== name.data) {
        throw new InputError(
          `To retire ${name.data}, type its name exactly as confirmation; nothing was deleted`,
        );
      }
      if (
        input.commitLocal !== undefined &&
        typeof input.commitLocal !== 'boolean'
      ) {
        throw new InputError('commitLocal: must be true or false');
      }
      const gitops = readGitopsConfig(options.config);
      const targetPath = targetPathOf({ name: name.data }, gitops, false);
      const files = await readStoredFolder(gitops, targetPath);
      if (files.length === 0) {
        throw new InputError(
          `There is no folder ${targetPath} in the GitOps repository, so there is nothing to retire`,
        );
      }
      storedSpecOf(files, name.data);
      const entityRef = stringifyEntityRef({
        kind: VALKEY_ENTITY_KIND,
        namespace: 'default',
        name: name.data,
      });
      const filesToDelete = files.map(f => `${targetPath}/${f.path}`);
      ctx.output('targetPath', targetPath);
      ctx.output('entityRef', entityRef);
      ctx.output('filesToDelete', filesToDelete);
      if (!input.commitLocal || ctx.isDryRun) {
        ctx.logger.info(
          `${ctx.isDryRun ? '[dry run] ' : ''}${entityRef}: ${
            filesToDelete.length
          } files of ${targetPath} to delete`,
        );
        ctx.output('entityRemoved', false);
        return;
      }
      const repo = path.resolve(gitops.localRepository!.path);
      const commit = await commitFolderRemoval({
        repo,
        branch: gitops.localRepository!.branch,
        folder: targetPath,
        message: `Valkey instance ${name.data}: retire, delete ${targetPath}`,
        author: commitAuthor(options.config),
      });
      ctx.logger.info(
        `Committed ${commit.commitId} to ${repo}: deleted ${commit.changedFiles.length} files of ${targetPath}`,
      );
      ctx.output('commitId', commit.commitId);
      const removed = await removeRetiredEntity({
        config: options.config,
        catalog: options.catalog,
        gitops,
        targetPath,
        entityRef,
        credentials: await ctx.getInitiatorCredentials(),
        logger: ctx.logger,
      });
      ctx.output('entityRemoved', removed);
    },
  });
}
