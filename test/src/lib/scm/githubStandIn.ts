/**
 * A stand-in for the GitHub REST and GraphQL API (the calls the real
 * publish:github:pull-request and publish:github actions make through
 * octokit), answering in GitHub's wire format, over real Git repositories
 * (GitStore) and with real smart HTTP for pushes.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { serveGit } from './gitSmartHttp';
import { GitStore } from './gitStore';
import { Route, StandInServer, startStandIn } from './standInServer';

export interface GithubPullRequest {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string;
  head: { ref: string; label: string };
  base: { ref: string };
  html_url: string;
}

export interface GithubStandIn extends StandInServer {
  /** The value for `integrations.github[].apiBaseUrl`. */
  apiBaseUrl: string;
  store: GitStore;
  pulls: Map<string, GithubPullRequest[]>;
  /** Merges an open pull request the way "Create a merge commit" does. */
  merge(owner: string, repo: string, number: number): void;
}

const HOST = 'github.com';

export async function startGithubStandIn(
  store = new GitStore(),
): Promise<GithubStandIn> {
  const pulls = new Map<string, GithubPullRequest[]>();
  let base = '';
  const pullsOf = (o: string, r: string) => {
    const key = `${o}/${r}`;
    if (!pulls.has(key)) pulls.set(key, []);
    return pulls.get(key)!;
  };
  const notFound = {
    status: 404,
    body: {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    },
  };
  const repoJson = (owner: string, repo: string) => ({
    id: 1,
    node_id: `R_${owner}_${repo}`,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { login: owner, type: 'Organization' },
    private: true,
    default_branch: 'main',
    permissions: {
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    },
    html_url: `https://${HOST}/${owner}/${repo}`,
    clone_url: `${base}/git/${owner}/${repo}.git`,
  });
  const withRepo =
    (handle: (o: string, r: string, q: any) => any) => (q: any) =>
      store.exists(q.params[0], q.params[1])
        ? handle(q.params[0], q.params[1], q)
        : notFound;
  const R = '/api/v3/repos/([^/]+)/([^/]+)';

  const routes: Route[] = [
    [
      'GET',
      /^\/api\/v3\/users\/([^/]+)$/,
      q => ({
        status: 200,
        body: { login: q.params[0], type: 'Organization' },
      }),
    ],
    [
      'GET',
      /^\/api\/v3\/orgs\/([^/]+)$/,
      q => ({ status: 200, body: { login: q.params[0] } }),
    ],
    [
      'POST',
      /^\/api\/v3\/orgs\/([^/]+)\/repos$/,
      q => {
        const owner = q.params[0];
        const name = q.body.name;
        if (store.exists(owner, name))
          return {
            status: 422,
            body: {
              message: 'Repository creation failed.',
              errors: [
                {
                  resource: 'Repository',
                  code: 'custom',
                  field: 'name',
                  message: 'name already exists on this account',
                },
              ],
            },
          };
        store.create(owner, name);
        return { status: 201, body: repoJson(owner, name) };
      },
    ],
    [
      'GET',
      new RegExp(`^${R}$`),
      withRepo((o, r) => ({ status: 200, body: repoJson(o, r) })),
    ],
    [
      'GET',
      new RegExp(`^${R}/commits$`),
      withRepo((o, r, q) => {
        const sha = store.resolve(o, r, q.query.get('sha') ?? 'main');
        if (!sha)
          return { status: 409, body: { message: 'Git Repository is empty.' } };
        return {
          status: 200,
          body: [{ sha, commit: { tree: { sha: store.treeOf(o, r, sha) } } }],
        };
      }),
    ],
    // What Backstage's GitHub UrlReader asks before it downloads a tarball.
    [
      'GET',
      new RegExp(`^${R}/commits/(.+)/status$`),
      withRepo((o, r, q) => {
        const sha = store.resolve(o, r, q.params[2]);
        if (!sha)
          return {
            status: 422,
            body: { message: `No commit found for SHA: ${q.params[2]}` },
          };
        return {
          status: 200,
          body: {
            state: 'success',
            sha,
            repository: {
              ...repoJson(o, r),
              archive_url: `${base}/api/v3/repos/${o}/${r}/{archive_format}{/ref}`,
            },
          },
        };
      }),
    ],
    [
      'HEAD',
      new RegExp(`^${R}/contents/(.+)$`),
      withRepo((o, r, q) =>
        store.hasPath(o, r, q.query.get('ref') ?? 'main', q.params[2])
          ? { status: 200 }
          : notFound,
      ),
    ],
    [
      'POST',
      new RegExp(`^${R}/git/blobs$`),
      withRepo((o, r, q) => ({
        status: 201,
        body: {
          sha: store.writeBlob(
            o,
            r,
            Buffer.from(
              q.body.content,
              q.body.encoding === 'base64' ? 'base64' : 'utf8',
            ),
          ),
        },
      })),
    ],
    [
      'POST',
      new RegExp(`^${R}/git/trees$`),
      withRepo((o, r, q) => ({
        status: 201,
        body: { sha: store.writeTree(o, r, q.body.base_tree, q.body.tree) },
      })),
    ],
    [
      'POST',
      new RegExp(`^${R}/git/commits$`),
      withRepo((o, r, q) => ({
        status: 201,
        body: {
          sha: store.commit(o, r, {
            tree: q.body.tree,
            parents: q.body.parents ?? [],
            message: q.body.message,
            author: q.body.author,
          }),
        },
      })),
    ],
    [
      'POST',
      new RegExp(`^${R}/git/refs$`),
      withRepo((o, r, q) => {
        if (store.resolve(o, r, q.body.ref))
          return { status: 422, body: { message: 'Reference already exists' } };
        store.setRef(o, r, q.body.ref, q.body.sha);
        return {
          status: 201,
          body: {
            ref: q.body.ref,
            object: { sha: q.body.sha, type: 'commit' },
          },
        };
      }),
    ],
    [
      'PATCH',
      new RegExp(`^${R}/git/refs/(.+)$`),
      withRepo((o, r, q) => {
        store.setRef(o, r, `refs/${q.params[2]}`, q.body.sha);
        return {
          status: 200,
          body: {
            ref: `refs/${q.params[2]}`,
            object: { sha: q.body.sha, type: 'commit' },
          },
        };
      }),
    ],
    [
      'POST',
      new RegExp(`^${R}/pulls$`),
      withRepo((o, r, q) => {
        const list = pullsOf(o, r);
        const headRef = String(q.body.head).split(':').pop()!;
        if (list.some(p => p.state === 'open' && p.head.ref === headRef))
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `A pull request already exists for ${q.body.head}.`,
                },
              ],
            },
          };
        const pr: GithubPullRequest = {
          number: list.length + 1,
          state: 'open',
          merged: false,
          title: q.body.title,
          body: q.body.body ?? '',
          head: { ref: headRef, label: q.body.head },
          base: { ref: q.body.base },
          html_url: `https://${HOST}/${o}/${r}/pull/${list.length + 1}`,
        };
        list.push(pr);
        return { status: 201, body: pr };
      }),
    ],
    [
      'PATCH',
      new RegExp(`^${R}/pulls/(\\d+)$`),
      withRepo((o, r, q) => {
        const pr = pullsOf(o, r).find(p => p.number === Number(q.params[2]));
        if (!pr) return notFound;
        if (q.body.title !== undefined) pr.title = q.body.title;
        if (q.body.body !== undefined) pr.body = q.body.body;
        return { status: 200, body: pr };
      }),
    ],
    [
      'PUT',
      new RegExp(`^${R}/branches/([^/]+)/protection$`),
      withRepo(() => ({ status: 200, body: {} })),
    ],
    [
      'POST',
      /^\/api\/graphql$/,
      q => {
        // the one query octokit-plugin-create-pull-request sends: the branch and its open pull request
        const { owner, repo, head } = q.body.variables ?? {};
        if (
          !/associatedPullRequests/.test(q.body.query) ||
          !store.exists(owner, repo)
        )
          return {
            status: 200,
            body: {
              data: null,
              errors: [{ message: 'stand-in: query not supported' }],
            },
          };
        if (!store.resolve(owner, repo, `refs/heads/${head}`))
          return { status: 200, body: { data: { repository: { ref: null } } } };
        const open = pullsOf(owner, repo).filter(
          p => p.state === 'open' && p.head.ref === head,
        );
        return {
          status: 200,
          body: {
            data: {
              repository: {
                ref: {
                  associatedPullRequests: {
                    edges: open.slice(0, 1).map(p => ({
                      node: {
                        id: `PR_${p.number}`,
                        number: p.number,
                        url: p.html_url,
                      },
                    })),
                  },
                },
              },
            },
          },
        };
      },
    ],
  ];
  /** GET /repos/:owner/:repo/tarball/:sha, binary like GitHub's (one top-level folder). */
  const tarball = (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/tarball\/([^/?]+)/.exec(
      req.url ?? '',
    );
    if (req.method !== 'GET' || !m) return false;
    const [, o, r, ref] = m;
    const sha = store.exists(o, r) ? store.resolve(o, r, ref) : undefined;
    if (!sha) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(notFound.body));
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-gzip' });
    res.end(store.archive(o, r, sha, `${o}-${r}-${sha.slice(0, 7)}`));
    return true;
  };
  const server = await startStandIn(
    routes,
    (req, res) => tarball(req, res) || serveGit(store, '/git', req, res),
  );
  base = server.url;
  return {
    ...server,
    apiBaseUrl: `${server.url}/api/v3`,
    store,
    pulls,
    merge(owner, repo, number) {
      const pr = pullsOf(owner, repo).find(
        p => p.number === number && p.state === 'open',
      );
      if (!pr) throw new Error(`no open pull request #${number}`);
      const head = store.resolve(owner, repo, `refs/heads/${pr.head.ref}`)!;
      const baseSha = store.resolve(owner, repo, `refs/heads/${pr.base.ref}`)!;
      const merged = store.commit(owner, repo, {
        tree: store.treeOf(owner, repo, head),
        parents: [baseSha, head],
        message: `Merge pull request #${number}`,
      });
      store.setRef(owner, repo, `refs/heads/${pr.base.ref}`, merged);
      pr.state = 'closed';
      pr.merged = true;
    },
  };
}
