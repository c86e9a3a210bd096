/**
 * Where a change of an entity is published: the Git host and repository its
 * stored spec was read from (a configured GitHub or GitLab integration), in
 * the form's words (`github.com?owner=platform&repo=gitops`). Pure.
 */
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { ValkeyPublishTarget } from '@valkey-backstage/plugin-valkey-common';
import type { StoredSpecSource } from './storedSpecSource';

export function publishTargetOf(
  source: StoredSpecSource,
  integrations: ScmIntegrationRegistry,
): ValkeyPublishTarget {
  if (source.type !== 'url') return { publisher: 'local' };
  const url = new URL(source.url);
  const type = integrations.byUrl(url)?.type;
  const segments = url.pathname.split('/').filter(Boolean);
  if (type === 'github' && segments.length >= 2) {
    const [owner, repo] = segments;
    return {
      publisher: 'github-pr',
      gitopsRepoUrl: `${url.host}?owner=${owner}&repo=${repo}`,
    };
  }
  const dash = segments.indexOf('-');
  if (type === 'gitlab' && dash >= 2) {
    const owner = segments.slice(0, dash - 1).join('/');
    const repo = segments[dash - 1];
    return {
      publisher: 'gitlab-mr',
      gitlabRepoUrl: `${url.host}?owner=${owner}&repo=${repo}`,
    };
  }
  return { publisher: 'local' };
}
