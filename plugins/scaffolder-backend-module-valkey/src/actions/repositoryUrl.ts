import { InputError } from '@backstage/errors';

const HOST =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:[0-9]{1,5})?$/;
const OWNER = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*){0,4}$/;
const REPO = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Turns a RepoUrlPicker value (`github.com?owner=acme&repo=orders-cache-gitops`)
 * into the HTTPS clone URL Argo CD reads. Only used to write that URL into the
 * Application; nothing connects to it here.
 */
export function cloneUrlFromRepoUrl(repoUrl: string): string {
  const [host, query = ''] = repoUrl.split('?', 2);
  const params = new URLSearchParams(query);
  const owner = params.get('owner') ?? '';
  const repo = params.get('repo') ?? '';
  if (!HOST.test(host)) {
    throw new InputError(
      `repository: "${host}" is not a host name; pick the repository with the repository picker`,
    );
  }
  if (!OWNER.test(owner) || owner.split('/').includes('..')) {
    throw new InputError(
      'repository: the owner may contain letters, digits, "_", "." and "-" (and "/" between GitLab groups)',
    );
  }
  if (!REPO.test(repo) || repo === '..' || repo === '.') {
    throw new InputError(
      'repository: the repository name may contain letters, digits, "_", "." and "-"',
    );
  }
  return `https://${host}/${owner}/${repo}.git`;
}
