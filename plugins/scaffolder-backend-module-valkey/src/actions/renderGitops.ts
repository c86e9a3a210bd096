import { NotImplementedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

export const RENDER_GITOPS_ACTION_ID = 'valkey:gitops:render';

/**
 * `valkey:gitops:render`: renders a Valkey instance spec into a GitOps folder
 * (wrapper chart, per-environment values, Argo CD Applications, secret
 * references, catalog entity) in the workspace.
 */
export function createRenderGitopsAction() {
  return createTemplateAction({
    id: RENDER_GITOPS_ACTION_ID,
    description:
      'Renders a Valkey instance into a GitOps folder: wrapper chart, values per environment, Argo CD Applications, secret references and a catalog entity.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('Instance name (a DNS label), e.g. orders-cache'),
      },
    },
    async handler() {
      throw new NotImplementedError(
        `${RENDER_GITOPS_ACTION_ID} is not implemented yet: this module is registered so templates can reference it, but rendering arrives in a later release. Nothing was written to the workspace.`,
      );
    },
  });
}
