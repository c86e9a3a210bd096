/**
 * The template's GitLab merge-request step for real: the real scaffolder
 * backend runs the real publish:gitlab:merge-request action (gitbeaker)
 * against a stand-in of the GitLab REST API v4 that answers in GitLab's wire
 * format over a real Git repository. The branch, the files of the resulting
 * tree, the description, a second run while the merge request is open, a
 * day-2 change after the merge and the deletion of a removed environment's
 * files are read back with real git.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import { GitlabStandIn, startGitlabStandIn } from '../lib/scm/gitlabStandIn';
import { startScaffolderBackend, templateRef } from '../lib/scaffolderBackend';
import { expectCompleted, runTemplateTask } from '../lib/scaffolderTask';

const values = {
  name: 'sessions',
  owner: 'group:default/team-web',
  description: 'Sessions of the web shop',
  mode: 'standalone',
  size: 'small',
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  authEnabled: true,
  tlsEnabled: false,
  imageVariant: 'rpm',
  backupsEnabled: false,
  metricsEnabled: true,
  environments: [{ name: 'dev' }, { name: 'staging' }],
  publisher: 'gitlab-mr',
  gitlabRepoUrl: 'gitlab.com?owner=platform&repo=gitops',
};
const project = 'platform/gitops';
const folder = 'valkey/sessions';
const branch = 'refs/heads/valkey/sessions';

describe('GitLab merge request through the real scaffolder action', () => {
  let tmp: string;
  let gitlab: GitlabStandIn;
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;
  const registered: string[] = [];
  let first: Awaited<ReturnType<typeof runTemplateTask>>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-gitlab-'));
    gitlab = await startGitlabStandIn();
    gitlab.store.create('platform', 'gitops', { 'README.md': '# GitOps\n' });
    backend = await startScaffolderBackend({
      workDir: path.join(tmp, 'work'),
      registeredLocations: registered,
      integrations: {
        gitlab: [
          {
            host: 'gitlab.com',
            baseUrl: gitlab.url,
            apiBaseUrl: `${gitlab.url}/api/v4`,
            token: 'stand-in-token',
          },
        ],
      },
    });
    first = await runTemplateTask(backend.server, templateRef, values);
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    await gitlab?.close();
    gitlab?.store.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const files = (rev: string) => gitlab.store.files('platform', 'gitops', rev);

  it('opens a merge request from valkey/<name> into main that removes its branch on merge, and the result links to it', () => {
    expectCompleted(first);
    const [mr] = gitlab.mergeRequests.get(project)!;
    expect(mr).toMatchObject({
      iid: 1,
      state: 'opened',
      title: 'Valkey instance sessions',
      source_branch: 'valkey/sessions',
      target_branch: 'main',
      remove_source_branch: true,
    });
    expect(first.output.links).toEqual(
      expect.arrayContaining([{ title: 'Merge request', url: mr.web_url }]),
    );
    // registered (optional) where catalog-info.yaml will be once the merge request is merged
    expect(registered).toContain(
      `https://gitlab.com/platform/gitops/-/blob/main/${folder}/catalog-info.yaml`,
    );
  });

  it('the branch holds the rendered folder in one commit on main; main is untouched', () => {
    const tree = files(branch);
    expect(Object.keys(tree)).toEqual(
      expect.arrayContaining([
        'README.md',
        `${folder}/Chart.yaml`,
        `${folder}/values.yaml`,
        `${folder}/values-dev.yaml`,
        `${folder}/values-staging.yaml`,
        `${folder}/argocd/dev.yaml`,
        `${folder}/catalog-info.yaml`,
      ]),
    );
    expect(parse(tree[`${folder}/catalog-info.yaml`]).metadata.name).toBe(
      'sessions',
    );
    expect(
      gitlab.store.git('platform', 'gitops', [
        'rev-list',
        '--count',
        `main..${branch}`,
      ]),
    ).toBe('1');
    expect(Object.keys(files('refs/heads/main'))).toEqual(['README.md']);
  });

  it('the description is the rendered summary', () => {
    const [mr] = gitlab.mergeRequests.get(project)!;
    expect(mr.description).toContain('## Valkey instance `sessions`');
    expect(mr.description).toMatch(/^\| dev \| /m);
    expect(mr.description).toMatch(/^\| staging \| /m);
  });

  it('a second run while the merge request is open fails, names the open merge request and changes nothing', async () => {
    const before = gitlab.store.resolve('platform', 'gitops', branch);
    const again = await runTemplateTask(backend.server, templateRef, {
      ...values,
      size: 'medium',
    });
    expect(again.status).toBe('failed');
    expect(again.log).toContain('the branch already exists');
    expect(again.log).toContain(
      'https://gitlab.com/platform/gitops/-/merge_requests/1',
    );
    expect(again.output?.links ?? []).toEqual([]);
    expect(gitlab.mergeRequests.get(project)!.length).toBe(1);
    expect(gitlab.store.resolve('platform', 'gitops', branch)).toBe(before);
  }, 90_000);

  it('after the merge a change opens a new merge request that commits only the files that changed', async () => {
    gitlab.merge(project, 1);
    expect(gitlab.store.resolve('platform', 'gitops', branch)).toBeUndefined();
    const change = await runTemplateTask(backend.server, templateRef, {
      ...values,
      size: 'medium',
    });
    expectCompleted(change);
    expect(
      gitlab.mergeRequests.get(project)!.map(m => [m.iid, m.state]),
    ).toEqual([
      [1, 'merged'],
      [2, 'opened'],
    ]);
    expect(
      Object.keys(
        gitlab.store.diff('platform', 'gitops', 'main', branch),
      ).sort(),
      // the stored spec changes with the values it describes
    ).toEqual([
      `${folder}/README.md`,
      `${folder}/instance.yaml`,
      `${folder}/values.yaml`,
    ]);
  }, 90_000);

  it('"Change this instance" after the next merge: removing an environment compares with the folder on main and deletes its files in the merge request, and nothing else', async () => {
    gitlab.merge(project, 2);
    const onMain = Object.keys(files('refs/heads/main'));
    const stagingFiles = onMain.filter(
      p => p.startsWith(folder) && /staging/.test(p),
    );
    expect(stagingFiles.length).toBeGreaterThanOrEqual(3);
    const change = await runTemplateTask(backend.server, templateRef, {
      ...values,
      size: 'medium',
      environments: [{ name: 'dev' }],
      changeOf: 'sessions',
      confirmDestructive: true,
    });
    expectCompleted(change);
    expect(
      gitlab.mergeRequests.get(project)!.map(m => [m.iid, m.state]),
    ).toEqual([
      [1, 'merged'],
      [2, 'merged'],
      [3, 'opened'],
    ]);
    const diff = gitlab.store.diff('platform', 'gitops', 'main', branch);
    for (const p of stagingFiles) expect([p, diff[p]]).toEqual([p, 'D']);
    expect(Object.keys(files(branch)).filter(p => /staging/.test(p))).toEqual(
      [],
    );
    expect(diff[`${folder}/values-dev.yaml`]).toBeUndefined();
    expect(diff['README.md']).toBeUndefined();
    expect(change.log).toContain('Deleted in the merge request:');
    // the stored folder came from GitLab's archive of the default branch
    expect(gitlab.requests).toEqual(
      expect.arrayContaining([
        {
          method: 'GET',
          path: '/api/v4/projects/platform%2Fgitops/repository/archive',
        },
      ]),
    );
    expect(
      change.output.text.find((t: any) => t.title === 'What this change does')
        .content,
    ).toContain('Confirmed destructive changes: staging is removed');
  }, 90_000);
});
