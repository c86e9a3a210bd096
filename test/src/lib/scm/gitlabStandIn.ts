/**
 * A stand-in for the GitLab REST API v4 (the calls the real
 * publish:gitlab:merge-request action makes through gitbeaker), answering in
 * GitLab's wire format over real Git repositories (GitStore).
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { GitStore, TreeEntry } from './gitStore';
import { Route, StandInServer, startStandIn } from './standInServer';

export interface GitlabMergeRequest {
  iid: number;
  state: 'opened' | 'merged';
  title: string;
  description: string;
  source_branch: string;
  target_branch: string;
  remove_source_branch: boolean;
  web_url: string;
}

export interface GitlabStandIn extends StandInServer {
  store: GitStore;
  mergeRequests: Map<string, GitlabMergeRequest[]>;
  /** Merges an open merge request (a merge commit), deleting its branch when it asked for that. */
  merge(project: string, iid: number): void;
}

const HOST = 'gitlab.com';

export async function startGitlabStandIn(
  store = new GitStore(),
): Promise<GitlabStandIn> {
  const mergeRequests = new Map<string, GitlabMergeRequest[]>();
  const mrsOf = (project: string) => {
    if (!mergeRequests.has(project)) mergeRequests.set(project, []);
    return mergeRequests.get(project)!;
  };
  const split = (project: string) => project.split('/') as [string, string];
  const notFound = (what: string) => ({
    status: 404,
    body: { message: `404 ${what} Not Found` },
  });
  const args = (q: { query: URLSearchParams; body: any }) => ({
    ...Object.fromEntries(q.query),
    ...q.body,
  });
  const withProject =
    (handle: (p: string, o: string, r: string, q: any) => any) => (q: any) => {
      const [o, r] = split(q.params[0]);
      return store.exists(o, r)
        ? handle(q.params[0], o, r, q)
        : notFound('Project');
    };
  const branchJson = (project: string, o: string, r: string, name: string) => ({
    name,
    commit: { id: store.resolve(o, r, `refs/heads/${name}`) },
    web_url: `https://${HOST}/${project}/-/tree/${name}`,
  });
  const P = '/api/v4/projects/([^/]+/[^/]+)';

  const routes: Route[] = [
    [
      'GET',
      new RegExp(`^${P}$`),
      withProject(p => ({
        status: 200,
        body: {
          id: 1,
          path_with_namespace: p,
          default_branch: 'main',
          web_url: `https://${HOST}/${p}`,
        },
      })),
    ],
    [
      'GET',
      new RegExp(`^${P}/repository/tree$`),
      withProject((_p, o, r, q) => {
        const ref = q.query.get('ref') ?? 'main';
        if (!store.resolve(o, r, `refs/heads/${ref}`)) return notFound('Tree');
        return {
          status: 200,
          body: store.blobs(
            o,
            r,
            `refs/heads/${ref}`,
            q.query.get('path') || undefined,
          ),
        };
      }),
    ],
    // What Backstage's GitLab UrlReader asks before it downloads an archive.
    [
      'GET',
      new RegExp(`^${P}/repository/commits$`),
      withProject((_p, o, r, q) => {
        const ref = q.query.get('ref_name') ?? 'main';
        const sha = store.resolve(o, r, ref);
        if (!sha) return notFound('Commit');
        return { status: 200, body: [{ id: sha, short_id: sha.slice(0, 8) }] };
      }),
    ],
    [
      'GET',
      new RegExp(`^${P}/repository/branches/(.+)$`),
      withProject((p, o, r, q) =>
        store.resolve(o, r, `refs/heads/${q.params[1]}`)
          ? { status: 200, body: branchJson(p, o, r, q.params[1]) }
          : notFound('Branch'),
      ),
    ],
    [
      'POST',
      new RegExp(`^${P}/repository/branches$`),
      withProject((p, o, r, q) => {
        const { branch, ref } = args(q);
        if (store.resolve(o, r, `refs/heads/${branch}`))
          return { status: 400, body: { message: 'Branch already exists' } };
        const sha =
          store.resolve(o, r, `refs/heads/${ref}`) ?? store.resolve(o, r, ref);
        if (!sha)
          return { status: 400, body: { message: 'Invalid reference name' } };
        store.setRef(o, r, `refs/heads/${branch}`, sha);
        return { status: 201, body: branchJson(p, o, r, branch) };
      }),
    ],
    [
      'POST',
      new RegExp(`^${P}/repository/commits$`),
      withProject((_p, o, r, q) => {
        const { branch, commit_message: message, actions } = args(q);
        const head = store.resolve(o, r, `refs/heads/${branch}`);
        if (!head)
          return {
            status: 400,
            body: {
              message:
                'You can only create or edit files when you are on a branch',
            },
          };
        const entries: TreeEntry[] = [];
        for (const a of actions as any[]) {
          const exists = store.hasPath(o, r, head, a.file_path);
          if (a.action === 'create' && exists)
            return {
              status: 400,
              body: { message: `A file with this name already exists` },
            };
          if ((a.action === 'update' || a.action === 'delete') && !exists)
            return {
              status: 400,
              body: { message: `A file with this name doesn't exist` },
            };
          if (a.action === 'delete') {
            entries.push({ path: a.file_path, mode: '100644', sha: null });
            continue;
          }
          const content = Buffer.from(
            a.content ?? '',
            a.encoding === 'base64' ? 'base64' : 'utf8',
          );
          entries.push({
            path: a.file_path,
            mode: a.execute_filemode ? '100755' : '100644',
            sha: store.writeBlob(o, r, content),
          });
        }
        const tree = store.writeTree(o, r, store.treeOf(o, r, head), entries);
        const id = store.commit(o, r, { tree, parents: [head], message });
        store.setRef(o, r, `refs/heads/${branch}`, id);
        return {
          status: 201,
          body: { id, short_id: id.slice(0, 8), title: message, message },
        };
      }),
    ],
    [
      'GET',
      new RegExp(`^${P}/merge_requests$`),
      withProject(p => ({ status: 200, body: mrsOf(p) })),
    ],
    [
      'GET',
      /^\/api\/v4\/merge_requests$/,
      q => ({
        status: 200,
        body: [...mergeRequests.values()]
          .flat()
          .filter(
            mr =>
              !q.query.get('source_branch') ||
              mr.source_branch === q.query.get('source_branch'),
          ),
      }),
    ],
    [
      'POST',
      new RegExp(`^${P}/merge_requests$`),
      withProject((p, o, r, q) => {
        const a = args(q);
        const list = mrsOf(p);
        if (
          list.some(
            mr => mr.state === 'opened' && mr.source_branch === a.source_branch,
          )
        )
          return {
            status: 409,
            body: {
              message: [
                `Another open merge request already exists for this source branch: !${
                  list.find(mr => mr.source_branch === a.source_branch)!.iid
                }`,
              ],
            },
          };
        if (!store.resolve(o, r, `refs/heads/${a.source_branch}`))
          return { status: 400, body: { message: 'Invalid source branch' } };
        const mr: GitlabMergeRequest = {
          iid: list.length + 1,
          state: 'opened',
          title: a.title,
          description: a.description ?? '',
          source_branch: a.source_branch,
          target_branch: a.target_branch,
          remove_source_branch:
            a.remove_source_branch === true ||
            a.remove_source_branch === 'true',
          web_url: `https://${HOST}/${p}/-/merge_requests/${list.length + 1}`,
        };
        list.push(mr);
        return { status: 201, body: mr };
      }),
    ],
  ];
  /** GET /projects/:id/repository/archive?sha=&path=, a .tar.gz like GitLab's. */
  const archive = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const m = /^\/api\/v4\/projects\/([^/]+)\/repository\/archive$/.exec(
      url.pathname,
    );
    if (req.method !== 'GET' || !m) return false;
    const [o, r] = split(decodeURIComponent(m[1]));
    const rev = url.searchParams.get('sha') ?? 'main';
    const sha = store.exists(o, r) ? store.resolve(o, r, rev) : undefined;
    if (!sha) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: '404 File Not Found' }));
      return true;
    }
    const under = url.searchParams.get('path') ?? undefined;
    res.writeHead(200, { 'Content-Type': 'application/x-gzip' });
    res.end(store.archive(o, r, sha, `${r}-${sha}`, under));
    return true;
  };
  const server = await startStandIn(routes, archive);
  return {
    ...server,
    store,
    mergeRequests,
    merge(project, iid) {
      const [o, r] = split(project);
      const mr = mrsOf(project).find(
        m => m.iid === iid && m.state === 'opened',
      );
      if (!mr) throw new Error(`no open merge request !${iid}`);
      const head = store.resolve(o, r, `refs/heads/${mr.source_branch}`)!;
      const base = store.resolve(o, r, `refs/heads/${mr.target_branch}`)!;
      const merged = store.commit(o, r, {
        tree: store.treeOf(o, r, head),
        parents: [base, head],
        message: `Merge branch '${mr.source_branch}'`,
      });
      store.setRef(o, r, `refs/heads/${mr.target_branch}`, merged);
      if (mr.remove_source_branch)
        store.git(o, r, ['update-ref', '-d', `refs/heads/${mr.source_branch}`]);
      mr.state = 'merged';
    },
  };
}
