import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { specWithGrant, storedSpecOf } from '../change';
import { readGitopsConfig } from '../config/gitopsConfig';
import { consumerSecretName, targetPathOf } from '../render';
import { readStoredFolder } from '../workspace/storedFolder';
import { readGrantInput } from './grantAccessInput';
import { renderIntoWorkspace } from './renderIntoWorkspace';

export const GRANT_ACCESS_ACTION_ID = 'valkey:gitops:grant-access';

/**
 * `valkey:gitops:grant-access`: adds an ACL user for a consumer component to
 * an instance, limited to the consumer's key prefix, with a Secret reference in
 * the consumer's namespace. Re-renders from the stored `instance.yaml` plus
 * that user, as a day-2 change, into the workspace; the template's publish
 * steps (commit-local, pull request) take it from there.
 */
export function createGrantAccessAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: GRANT_ACCESS_ACTION_ID,
    description:
      "Grants a component access to a Valkey instance: a new ACL user limited to a key prefix, with a permission preset and a Secret reference in the component's namespace, rendered as a change of the stored instance.",
    supportsDryRun: true,
    examples: [
      {
        description:
          'Give orders-api read-write access to the keys orders:* of orders-cache',
        example:
          'steps:\n  - id: grant\n    action: valkey:gitops:grant-access\n    input:\n      instance: resource:default/orders-cache\n      consumer: component:default/orders-api\n      keyPrefix: orders\n      permissions: read-write\n      namespace: orders\n',
      },
    ],
    schema: {
      input: {
        instance: z =>
          z
            .string()
            .describe(
              'The instance: its entity reference (resource:default/orders-cache) or name',
            ),
        consumer: z =>
          z
            .string()
            .describe(
              'The component that gets access, e.g. component:default/orders-api',
            ),
        keyPrefix: z =>
          z
            .string()
            .describe(
              'The user may use only keys and channels "<keyPrefix>:*"; letters, digits, "-", "_", "." and ":" between parts',
            ),
        permissions: z =>
          z
            .string()
            .describe('Permission preset: read-only, read-write or admin'),
        namespace: z =>
          z
            .string()
            .describe(
              "The consumer's Kubernetes namespace, where the Secret with the user's password is referenced",
            ),
        userName: z =>
          z
            .string()
            .optional()
            .describe("The ACL user's name; the component's name by default"),
      },
      output: {
        targetPath: z => z.string(),
        sourcePath: z => z.string(),
        entityRef: z => z.string(),
        catalogInfoPath: z => z.string(),
        files: z => z.array(z.string()),
        pullRequestBody: z => z.string(),
        changeSummary: z => z.string().optional(),
        filesToDelete: z => z.array(z.string()).optional(),
        destructiveChanges: z => z.array(z.string()).optional(),
        instanceName: z => z.string(),
        userName: z => z.string(),
        secretName: z =>
          z
            .string()
            .describe(
              "The Secret in the consumer's namespace with username and password",
            ),
      },
    },
    async handler(ctx) {
      const grant = readGrantInput(ctx.input as unknown);
      const gitops = readGitopsConfig(options.config);
      const targetPath = targetPathOf({ name: grant.instance }, gitops, false);
      const storedFiles = await readStoredFolder(gitops, targetPath);
      if (storedFiles.length === 0) {
        throw new InputError(
          `There is no instance ${grant.instance} in the GitOps repository (no folder ${targetPath}); pick an existing instance. Nothing was changed`,
        );
      }
      const consumer = await options.catalog.getEntityByRef(grant.consumer, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!consumer) {
        throw new InputError(
          `There is no component ${grant.consumer} in the catalog; pick the consumer from the list. Nothing was changed`,
        );
      }
      const spec = specWithGrant(
        storedSpecOf(storedFiles, grant.instance),
        grant,
      );
      const secretName = consumerSecretName(grant.instance, grant.userName);
      await renderIntoWorkspace(ctx, {
        gitops,
        instance: spec,
        change: { of: grant.instance, confirmDestructive: false },
        reason: `Grants ${grant.consumer} ${grant.permissions} access to the keys \`${grant.keyPrefix}:*\` as user \`${grant.userName}\`; its password is referenced in Secret \`${secretName}\` in namespace \`${grant.namespace}\`.`,
      });
      ctx.output('instanceName', grant.instance);
      ctx.output('userName', grant.userName);
      ctx.output('secretName', secretName);
    },
  });
}
