/**
 * The template's GitHub steps for real: the real scaffolder backend runs the
 * real publish:github:pull-request and publish:github actions (octokit,
 * octokit-plugin-create-pull-request, isomorphic-git) against a stand-in of
 * the GitHub API that answers in GitHub's wire format over real Git
 * repositories. The branch, the files of the resulting tree, the body, a day-2
 * change that removes an environment, and a second run while the pull request
 * is open are read back with real git.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { parse } from 'yaml';
import {
  changeFormData,
  parseStoredInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { GithubStandIn, startGithubStandIn } from '../lib/scm/githubStandIn';
import { startScaffolderBackend, templateRef } from '../lib/scaffolderBackend';
import { expectCompleted, runTemplateTask } from '../lib/scaffolderTask';

const base = {
  name: 'orders-cache',
  owner: 'group:default/team-orders',
  description: 'Cache for the orders API',
  mode: 'replication',
  size: 'small',
  replicas: 2,
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  authEnabled: true,
  aclUsers: [{ name: 'orders-api', permissions: 'read-write' }],
  tlsEnabled: false,
  imageVariant: 'rpm',
  backupsEnabled: false,
  metricsEnabled: true,
  publisher: 'github-pr',
  gitopsRepoUrl: 'github.com?owner=platform&repo=gitops',
};
const twoEnvironments = {
  ...base,
  environments: [{ name: 'dev' }, { name: 'staging' }],
};
const devOnly = { ...base, environments: [{ name: 'dev' }] };
const folder = 'valkey/orders-cache';
const branch = 'refs/heads/valkey/orders-cache';

describe('GitHub publishing through the real scaffolder actions', () => {
  let tmp: string;
  let github: GithubStandIn;
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;
  const registered: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-github-'));
    github = await startGithubStandIn();
    github.store.create('platform', 'gitops', {
      'README.md': '# GitOps\n',
      'valkey/other-cache/values.yaml': 'valkey: {}\n',
    });
    backend = await startScaffolderBackend({
      workDir: path.join(tmp, 'work'),
      registeredLocations: registered,
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: github.apiBaseUrl,
            token: 'stand-in-token',
          },
        ],
      },
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await github?.close();
    github?.store.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const files = (rev: string) => github.store.files('platform', 'gitops', rev);

  describe('pull request on the GitOps repository', () => {
    let first: Awaited<ReturnType<typeof runTemplateTask>>;
    beforeAll(async () => {
      first = await runTemplateTask(
        backend.server,
        templateRef,
        twoEnvironments,
      );
    }, 90_000);

    it('opens a pull request from valkey/<name> into main, and the result links to it', () => {
      expectCompleted(first);
      const [pr] = github.pulls.get('platform/gitops')!;
      expect(pr).toMatchObject({
        number: 1,
        state: 'open',
        title: 'Valkey instance orders-cache',
        head: { ref: 'valkey/orders-cache' },
        base: { ref: 'main' },
      });
      expect(first.output.links).toEqual(
        expect.arrayContaining([{ title: 'Pull request', url: pr.html_url }]),
      );
      // registered from the pull request's branch (optional until it is merged)
      expect(registered).toContain(
        `https://github.com/platform/gitops/blob/main/${folder}/catalog-info.yaml`,
      );
    });

    it('the branch holds the rendered folder next to what main had, and main is untouched', () => {
      const tree = files(branch);
      expect(Object.keys(tree)).toEqual(
        expect.arrayContaining([
          'README.md',
          'valkey/other-cache/values.yaml',
          `${folder}/Chart.yaml`,
          `${folder}/values.yaml`,
          `${folder}/values-dev.yaml`,
          `${folder}/values-staging.yaml`,
          `${folder}/argocd/dev.yaml`,
          `${folder}/argocd/staging.yaml`,
          `${folder}/catalog-info.yaml`,
          `${folder}/charts/valkey/Chart.yaml`,
        ]),
      );
      expect(parse(tree[`${folder}/catalog-info.yaml`]).metadata.name).toBe(
        'orders-cache',
      );
      expect(
        parse(tree[`${folder}/argocd/staging.yaml`]).spec.sources[0].path,
      ).toBe(folder);
      expect(Object.keys(files('refs/heads/main')).sort()).toEqual([
        'README.md',
        'valkey/other-cache/values.yaml',
      ]);
      const commit = github.store.git('platform', 'gitops', [
        'log',
        '-1',
        '--format=%an <%ae>%n%s',
        branch,
      ]);
      expect(commit).toBe(
        'Valkey self-service <valkey-self-service@localhost>\nValkey instance orders-cache',
      );
    });

    it('the body is the rendered summary: one row per environment and what happens after merge', () => {
      const [pr] = github.pulls.get('platform/gitops')!;
      expect(pr.body).toContain('## Valkey instance `orders-cache`');
      expect(pr.body).toMatch(/^\| dev \| `https:\/\/[^`]+` \/ `[^`]+` \|/m);
      expect(pr.body).toMatch(/^\| staging \| /m);
      expect(pr.body).toContain('### After merge');
      expect(pr.body).toContain('secrets/<env>-README.md');
      expect(pr.body).not.toMatch(/password\s*[:=]\s*\S{4,}/i);
    });

    it('a second run while the pull request is open updates that pull request (same number, new commit on its branch)', async () => {
      const before = github.store.resolve('platform', 'gitops', branch);
      const again = await runTemplateTask(backend.server, templateRef, {
        ...twoEnvironments,
        size: 'medium',
      });
      expectCompleted(again);
      const prs = github.pulls.get('platform/gitops')!;
      expect(prs.map(p => [p.number, p.state])).toEqual([[1, 'open']]);
      expect(again.output.links).toEqual(
        expect.arrayContaining([
          { title: 'Pull request', url: prs[0].html_url },
        ]),
      );
      const after = github.store.resolve('platform', 'gitops', branch);
      expect(after).not.toBe(before);
      // the branch is rebuilt on main: one commit, the new size, nothing of the first commit left over
      expect(
        github.store.git('platform', 'gitops', [
          'rev-list',
          '--count',
          `main..${branch}`,
        ]),
      ).toBe('1');
      expect(prs[0].body).toContain('medium');
      expect(
        Object.keys(github.store.diff('platform', 'gitops', 'main', branch)),
      ).toContain(`${folder}/values.yaml`);
    }, 90_000);

    it('day 2 after the merge, "Change this instance": removing staging is refused without the confirmation, before anything is pushed', async () => {
      github.merge('platform', 'gitops', 1);
      // What an operator adds on main by hand, as the secrets README asks.
      github.store.commitFiles('platform', 'gitops', 'main', {
        [`${folder}/secrets/staging-sealed-auth.yaml`]: 'kind: SealedSecret\n',
      });
      const before = github.requests.length;
      const refused = await runTemplateTask(backend.server, templateRef, {
        ...devOnly,
        size: 'medium',
        changeOf: 'orders-cache',
      });
      expect(refused.status).toBe('failed');
      expect(refused.log).toContain('This change can lose data');
      expect(refused.log).toContain('staging is removed');
      expect(github.pulls.get('platform/gitops')!.length).toBe(1);
      // only reads: the stored folder, as a tarball of the default branch
      expect(github.requests.slice(before)).toEqual(
        expect.arrayContaining([
          {
            method: 'GET',
            path: expect.stringMatching(
              /^\/api\/v3\/repos\/platform\/gitops\/tarball\/[0-9a-f]{40}$/,
            ),
          },
        ]),
      );
      expect(
        github.requests
          .slice(before)
          .filter(r => r.method !== 'GET')
          .map(r => r.path),
      ).toEqual([]);
    }, 90_000);

    it("before Create, the form's preview compares the change with the folder on main", async () => {
      const res = await request(backend.server)
        .post('/api/scaffolder/valkey/form-check')
        .set('Authorization', mockCredentials.user.header())
        .send({
          intent: 'change',
          form: { ...devOnly, size: 'medium', changeOf: 'orders-cache' },
        });
      expect(res.status).toBe(200);
      expect(res.body.problems).toEqual([]);
      expect(res.body.change.deleted).toEqual(
        expect.arrayContaining(['values-staging.yaml', 'argocd/staging.yaml']),
      );
      // an operator's file is not the template's to delete
      expect(res.body.change.deleted).not.toContain(
        'secrets/staging-sealed-auth.yaml',
      );
      expect(res.body.change.destructive).toEqual([
        'staging is removed: the instance there and its data are deleted',
      ]);
    });

    it('confirmed, the change compares with the folder on main: the new pull request deletes staging, keeps what the template did not write, and changes nothing else', async () => {
      // The form as "Change this instance" pre-fills it from the stored spec
      // on main, with the repository it was read from as the publisher.
      const stored = parseStoredInstanceSpec(
        files('refs/heads/main')[`${folder}/instance.yaml`],
      );
      if (!stored.success) throw new Error(JSON.stringify(stored.issues));
      const prefilled = changeFormData(stored.spec, {
        publisher: 'github-pr',
        gitopsRepoUrl: 'github.com?owner=platform&repo=gitops',
      });
      const change = await runTemplateTask(backend.server, templateRef, {
        ...prefilled,
        environments: [{ name: 'dev' }],
        confirmDestructive: true,
      });
      expectCompleted(change);
      const prs = github.pulls.get('platform/gitops')!;
      expect(prs.map(p => [p.number, p.state])).toEqual([
        [1, 'closed'],
        [2, 'open'],
      ]);
      expect(prs[1].body).toContain('## What this change does');
      expect(prs[1].body).toContain('staging is removed');
      const diff = github.store.diff('platform', 'gitops', 'main', branch);
      const stagingFiles = Object.keys(files('refs/heads/main')).filter(
        p => p.startsWith(folder) && /staging/.test(p) && !/sealed/.test(p),
      );
      expect(stagingFiles.length).toBeGreaterThanOrEqual(3);
      for (const p of stagingFiles) expect([p, diff[p]]).toEqual([p, 'D']);
      expect(Object.keys(files(branch))).toContain(
        `${folder}/secrets/staging-sealed-auth.yaml`,
      );
      // what the change does not touch stays as it was on main
      expect(diff[`${folder}/values-dev.yaml`]).toBeUndefined();
      expect(diff['valkey/other-cache/values.yaml']).toBeUndefined();
      expect(
        change.output.text.find((t: any) => t.title === 'What this change does')
          .content,
      ).toMatch(/deleted \(.*values-staging\.yaml/);
    }, 90_000);
  });

  describe('a new repository for the instance', () => {
    it('creates the repository and pushes the folder as its root over Git smart HTTP', async () => {
      const run = await runTemplateTask(backend.server, templateRef, {
        ...twoEnvironments,
        name: 'carts-cache',
        publisher: 'new-repository',
        gitopsRepoUrl: undefined,
        newRepoUrl: 'github.com?owner=team-carts&repo=carts-cache',
      });
      expectCompleted(run);
      expect(github.requests).toEqual(
        expect.arrayContaining([
          { method: 'POST', path: '/api/v3/orgs/team-carts/repos' },
          {
            method: 'POST',
            path: '/git/team-carts/carts-cache.git/git-receive-pack',
          },
        ]),
      );
      const tree = github.store.files(
        'team-carts',
        'carts-cache',
        'refs/heads/main',
      );
      expect(Object.keys(tree)).toEqual(
        expect.arrayContaining([
          'Chart.yaml',
          'values-dev.yaml',
          'argocd/staging.yaml',
          'catalog-info.yaml',
        ]),
      );
      // Argo CD reads the new repository, at its root
      const app = parse(tree['argocd/dev.yaml']);
      expect(app.spec.sources[0]).toMatchObject({ path: '.' });
      expect(run.output.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ title: 'Repository' }),
        ]),
      );
      expect(registered).toContain(
        'https://github.com/team-carts/carts-cache/blob/main/catalog-info.yaml',
      );
    }, 90_000);

    it("a second run for the same repository fails with GitHub's reason and pushes nothing", async () => {
      const before = github.store.resolve(
        'team-carts',
        'carts-cache',
        'refs/heads/main',
      );
      const run = await runTemplateTask(backend.server, templateRef, {
        ...twoEnvironments,
        name: 'carts-cache',
        publisher: 'new-repository',
        newRepoUrl: 'github.com?owner=team-carts&repo=carts-cache',
      });
      expect(run.status).toBe('failed');
      expect(run.log).toContain('name already exists on this account');
      expect(
        github.store.resolve('team-carts', 'carts-cache', 'refs/heads/main'),
      ).toBe(before);
    }, 90_000);
  });
});
