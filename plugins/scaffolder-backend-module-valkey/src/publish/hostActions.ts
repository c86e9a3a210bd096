/**
 * Backstage's own GitHub and GitLab publish actions, loaded only when a task
 * publishes there. The modules are optional peer dependencies: the adopter's
 * backend already has the ones it publishes with (one copy, on its Backstage
 * line), and a portal without GitLab never needs the GitLab module.
 */
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

type AnyAction = TemplateAction<any, any, any>;

export interface GithubActions {
  pullRequest: AnyAction;
  repository: AnyAction;
}

/** The adopter's copy of an optional peer module, or a message for the platform team. */
export function loadPeerModule(host: string, pkg: string): any {
  try {
    // A plain require: the backend is CommonJS, and the module may be absent.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(pkg);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    throw new NotFoundError(
      `This portal cannot publish to ${host} yet: ask the platform team to install ${pkg} in the backend, or choose another place to publish`,
    );
  }
}

export function hostActions(config: Config, integrations: ScmIntegrations) {
  let github: GithubActions | undefined;
  let gitlab: AnyAction | undefined;
  return {
    async github(): Promise<GithubActions> {
      if (github) return github;
      const m = loadPeerModule(
        'GitHub',
        '@backstage/plugin-scaffolder-backend-module-github',
      );
      const githubCredentialsProvider =
        DefaultGithubCredentialsProvider.fromIntegrations(integrations);
      const deps = { integrations, githubCredentialsProvider, config };
      github = {
        pullRequest: m.createPublishGithubPullRequestAction(deps),
        repository: m.createPublishGithubAction(deps),
      };
      return github;
    },
    async gitlab(): Promise<AnyAction> {
      if (gitlab) return gitlab;
      const m = loadPeerModule(
        'GitLab',
        '@backstage/plugin-scaffolder-backend-module-gitlab',
      );
      gitlab = m.createPublishGitlabMergeRequestAction({ integrations });
      return gitlab!;
    },
  };
}
