/**
 * Day 2 through the real scaffolder and catalog backends: an instance is
 * created with the real "New Valkey instance" template (local publisher),
 * changed from its stored instance.yaml, and retired with the real "Retire a
 * Valkey instance" template. The local GitOps repository is a real Git
 * repository; what each commit touched is read back with git.
 */
import {
  changeFormData,
  parseStoredInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';

import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  initGitopsRepository,
  LocalScaffolder,
  runTemplate,
  startLocalScaffolder,
  userAuth,
  waitFor,
} from '../lib/localScaffolder';

/** The form values of the "New Valkey instance" template for a new instance. */
const created = {
  name: 'sessions-store',
  owner: 'group:default/team-orders',
  mode: 'cluster',
  size: 'small',
  shards: 4,
  replicasPerPrimary: 1,
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  environments: [{ name: 'dev' }, { name: 'staging' }],
  authEnabled: true,
  tlsEnabled: false,
  imageVariant: 'rpm',
  backupsEnabled: false,
  backupSchedule: '0 2 * * *',
  backupRetention: 7,
  metricsEnabled: true,
  serviceMonitor: false,
  alerts: false,
  publisher: 'local',
};

describe('day 2: change and retire an instance through the real scaffolder', () => {
  let tmp: string;
  let gitopsPath: string;
  let server: any;
  let backend: LocalScaffolder;

  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitopsPath, ...args], { encoding: 'utf8' });
  const head = () => git('rev-parse', 'HEAD').trim();
  const lastCommitFiles = () =>
    git('show', '--name-status', '--format=', 'HEAD')
      .trim()
      .split('\n')
      .map(line => line.split('\t'))
      .map(([status, file]) => `${status} ${file}`)
      .sort();
  const folder = path.join('valkey', created.name);

  const run = (templateName: string, values: object) =>
    runTemplate(server, templateName, values);

  async function entity(name: string) {
    return request(server)
      .get(`/api/catalog/entities/by-name/resource/default/${name}`)
      .set('Authorization', userAuth);
  }

  /** Form values pre-filled from the stored spec, as "Change this instance" does it. */
  function storedSpec() {
    const parsed = parseStoredInstanceSpec(
      fs.readFileSync(path.join(gitopsPath, folder, 'instance.yaml'), 'utf8'),
    );
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    return parsed.spec;
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-day-two-'));
    backend = await startLocalScaffolder({
      tmp,
      templates: ['valkey-instance', 'valkey-retire'],
    });
    server = backend.server;
    gitopsPath = backend.gitopsPath;
    // A neighbour that no step of this instance may touch.
    initGitopsRepository(gitopsPath, {
      'valkey/neighbour/x.yaml': 'a: 1\n',
      'README.md': 'GitOps\n',
    });
    const first = await run('valkey-instance', created);
    if (first.status !== 'completed') throw new Error(first.log.slice(-3000));
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the stored spec reads back as the spec of the form', () => {
    expect(storedSpec()).toMatchObject({
      name: created.name,
      mode: 'cluster',
      topology: { shards: 4, replicasPerPrimary: 1 },
      environments: [{ name: 'dev' }, { name: 'staging' }],
    });
  });

  it('changing nothing in the pre-filled form reverts nothing and commits nothing', async () => {
    const before = head();
    const storedBefore = fs.readFileSync(
      path.join(gitopsPath, folder, 'instance.yaml'),
      'utf8',
    );
    const result = await run('valkey-instance', changeFormData(storedSpec()));
    expect(result.status).toBe('completed');
    expect(head()).toBe(before);
    expect(
      fs.readFileSync(path.join(gitopsPath, folder, 'instance.yaml'), 'utf8'),
    ).toBe(storedBefore);
    expect(
      result.output.text.find((t: any) => t.title === 'What this change does')
        .content,
    ).toContain('Files: no file changes.');
  }, 120_000);

  it('a change commits only the files that differ and says which', async () => {
    const before = head();
    const result = await run('valkey-instance', {
      ...changeFormData(storedSpec()),
      size: 'medium',
      shards: 5,
    });
    expect(result.status).toBe('completed');
    expect(git('rev-parse', 'HEAD~1').trim()).toBe(before);
    const touched = lastCommitFiles();
    expect(touched).toEqual(
      expect.arrayContaining([
        `M ${folder}/instance.yaml`,
        `M ${folder}/values.yaml`,
      ]),
    );
    // The vendored chart, Chart.yaml and the Argo CD Applications did not change.
    expect(
      touched.filter(f => /\/(charts\/|Chart\.yaml|argocd\/)/.test(f)),
    ).toEqual([]);
    expect(touched.every(f => f.startsWith(`M ${folder}/`))).toBe(true);
    const text = result.output.text.find(
      (t: any) => t.title === 'What this change does',
    ).content;
    expect(text).toContain('changed (');
    expect(text).toContain('instance.yaml');
    expect(text).toContain('Nothing destructive.');
  }, 120_000);

  it('a destructive change is refused without confirmation and nothing is written', async () => {
    const before = head();
    const result = await run('valkey-instance', {
      ...changeFormData(storedSpec()),
      environments: [{ name: 'dev' }],
    });
    expect(result.status).toBe('failed');
    expect(result.log).toContain('This change can lose data');
    expect(result.log).toContain(
      'staging is removed: the instance there and its data are deleted',
    );
    expect(head()).toBe(before);
    expect(git('status', '--porcelain')).toBe('');
  }, 120_000);

  it('confirmed, the removed environment’s files are deleted in the same commit, and files the template did not write stay', async () => {
    // What an operator adds by hand, as the secrets README asks.
    const operatorFiles = {
      [`${folder}/secrets/staging-sealed-auth.yaml`]: 'kind: SealedSecret\n',
      [`${folder}/NOTES.md`]: 'Ask team-orders before a failover.\n',
    };
    for (const [p, content] of Object.entries(operatorFiles))
      fs.writeFileSync(path.join(gitopsPath, p), content);
    git('add', '--all');
    git('commit', '-q', '-m', 'operator files');
    const result = await run('valkey-instance', {
      ...changeFormData(storedSpec()),
      environments: [{ name: 'dev' }],
      confirmDestructive: true,
    });
    expect(result.status).toBe('completed');
    const touched = lastCommitFiles();
    expect(touched).toEqual(
      expect.arrayContaining([
        `D ${folder}/argocd/staging.yaml`,
        `D ${folder}/values-staging.yaml`,
        `M ${folder}/instance.yaml`,
      ]),
    );
    expect(
      touched.filter(f => f.startsWith('D ')).every(f => f.includes('staging')),
    ).toBe(true);
    expect(storedSpec().environments).toEqual([{ name: 'dev' }]);
    expect(
      result.output.text.find((t: any) => t.title === 'What this change does')
        .content,
    ).toContain('Confirmed destructive changes: staging is removed');
    for (const [p, content] of Object.entries(operatorFiles))
      expect(fs.readFileSync(path.join(gitopsPath, p), 'utf8')).toBe(content);
    expect(touched.some(f => /sealed|NOTES/.test(f))).toBe(false);
  }, 120_000);

  it('the name of an instance cannot be changed', async () => {
    const before = head();
    const result = await run('valkey-instance', {
      ...changeFormData(storedSpec()),
      name: 'sessions-store-2',
    });
    expect(result.status).toBe('failed');
    expect(result.log).toContain('The name of an instance cannot be changed');
    expect(head()).toBe(before);
  }, 120_000);

  it('retire refuses a wrong confirmation and a folder that is not a rendered instance', async () => {
    const before = head();
    const wrong = await run('valkey-retire', {
      name: `resource:default/${created.name}`,
      confirmName: 'sessions',
      publisher: 'local',
    });
    expect(wrong.status).toBe('failed');
    expect(wrong.log).toContain(
      `To retire ${created.name}, type its name exactly as confirmation; nothing was deleted`,
    );
    const foreign = await run('valkey-retire', {
      name: 'resource:default/neighbour',
      confirmName: 'neighbour',
      publisher: 'local',
    });
    expect(foreign.status).toBe('failed');
    expect(foreign.log).toContain('holds no instance.yaml');
    expect(head()).toBe(before);
    expect(
      fs.existsSync(path.join(gitopsPath, 'valkey', 'neighbour', 'x.yaml')),
    ).toBe(true);
  }, 120_000);

  it('retire deletes the folder and the entity, and nothing else', async () => {
    await waitFor(
      'the entity in the catalog',
      async () =>
        (await entity(created.name)).status === 200 ? true : undefined,
      60_000,
    );
    const result = await run('valkey-retire', {
      name: `resource:default/${created.name}`,
      confirmName: created.name,
      publisher: 'local',
    });
    expect(result.status).toBe('completed');
    const touched = lastCommitFiles();
    expect(touched.length).toBeGreaterThan(5);
    expect(touched.every(f => f.startsWith(`D ${folder}/`))).toBe(true);
    expect(fs.existsSync(path.join(gitopsPath, folder))).toBe(false);
    expect(
      fs.readFileSync(
        path.join(gitopsPath, 'valkey', 'neighbour', 'x.yaml'),
        'utf8',
      ),
    ).toBe('a: 1\n');
    expect(fs.readFileSync(path.join(gitopsPath, 'README.md'), 'utf8')).toBe(
      'GitOps\n',
    );
    expect((await entity(created.name)).status).toBe(404);
    expect(result.output.text[0].content).toContain(
      'is removed from the catalog',
    );
  }, 120_000);
});
