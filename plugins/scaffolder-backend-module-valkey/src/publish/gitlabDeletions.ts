/**
 * The stock GitLab merge-request action only adds and updates files, so a
 * change that removes an environment would leave that environment's files in
 * the merge request. This commits their deletion onto the merge request's
 * branch through GitLab's REST API (list the folder's tree, delete the named
 * paths that exist), with the integration's token.
 */
import type { GitLabIntegrationConfig } from '@backstage/integration';

export interface GitlabDeletion {
  integration: GitLabIntegrationConfig;
  /** `owner/repo` (a group path may have several segments). */
  project: string;
  branch: string;
  /** The instance folder in the repository, e.g. `valkey/orders-cache`. */
  folder: string;
  /** Repository paths the change removes; absent ones are skipped. */
  paths: string[];
  message: string;
}

async function gitlab(
  integration: GitLabIntegrationConfig,
  path: string,
  init?: RequestInit,
): Promise<Response> {
  const res = await fetch(`${integration.apiBaseUrl}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(integration.token ? { 'PRIVATE-TOKEN': integration.token } : {}),
    },
  });
  if (!res.ok) {
    throw new Error(
      `GitLab answered ${res.status} to ${init?.method ?? 'GET'} ${path}: ${(
        await res.text()
      ).slice(0, 300)}`,
    );
  }
  return res;
}

/** Every file path under `folder` on `branch`, following GitLab's pagination. */
async function filesOnBranch(d: GitlabDeletion): Promise<Set<string>> {
  const id = encodeURIComponent(d.project);
  const paths = new Set<string>();
  for (let page = '1'; page; ) {
    const query = new URLSearchParams({
      ref: d.branch,
      path: d.folder,
      recursive: 'true',
      per_page: '100',
      page,
    });
    const res = await gitlab(
      d.integration,
      `/projects/${id}/repository/tree?${query}`,
    );
    for (const entry of (await res.json()) as Array<{
      path: string;
      type: string;
    }>) {
      if (entry.type === 'blob') paths.add(entry.path);
    }
    page = res.headers.get('x-next-page') ?? '';
  }
  return paths;
}

/** Commits the deletions; returns the paths deleted (none: no commit). */
export async function commitGitlabDeletions(
  d: GitlabDeletion,
): Promise<string[]> {
  if (d.paths.length === 0) return [];
  const present = await filesOnBranch(d);
  const deleted = d.paths.filter(p => present.has(p));
  if (deleted.length === 0) return [];
  await gitlab(
    d.integration,
    `/projects/${encodeURIComponent(d.project)}/repository/commits`,
    {
      method: 'POST',
      body: JSON.stringify({
        branch: d.branch,
        commit_message: d.message,
        actions: deleted.map(file_path => ({ action: 'delete', file_path })),
      }),
    },
  );
  return deleted;
}
