/**
 * "Grant access to a Valkey instance" through the real scaffolder and catalog
 * backends: an instance is created with the real "New Valkey instance"
 * template (local publisher), then a catalog component is granted its own
 * ACL user. The local GitOps repository is a real Git repository; what the
 * grant's commit touched is read back with git.
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

const instance = {
  name: 'carts-store',
  owner: 'group:default/team-orders',
  mode: 'replication',
  size: 'small',
  replicas: 1,
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  environments: [{ name: 'dev' }],
  authEnabled: true,
  aclUsers: [{ name: 'carts-api', permissions: 'read-write' }],
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

const consumers = ['checkout', 'billing']
  .map(
    name => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-orders
`,
  )
  .join('---\n');

const grant = {
  instance: 'resource:default/carts-store',
  consumer: 'component:default/checkout',
  keyPrefix: 'checkout',
  permissions: 'read-write',
  namespace: 'shop',
  publisher: 'local',
};

describe('grant access to an instance through the real scaffolder', () => {
  let tmp: string;
  let gitopsPath: string;
  let server: any;
  let backend: LocalScaffolder;

  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitopsPath, ...args], { encoding: 'utf8' });
  const head = () => git('rev-parse', 'HEAD').trim();
  const folder = path.join('valkey', instance.name);
  const read = (file: string) =>
    fs.readFileSync(path.join(gitopsPath, folder, file), 'utf8');

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-grant-'));
    const consumersFile = path.join(tmp, 'consumers.yaml');
    fs.writeFileSync(consumersFile, consumers);
    backend = await startLocalScaffolder({
      tmp,
      templates: ['valkey-instance', 'valkey-grant-access'],
      entityFiles: [consumersFile],
    });
    server = backend.server;
    gitopsPath = backend.gitopsPath;
    initGitopsRepository(gitopsPath, { 'README.md': 'GitOps\n' });
    const created = await runTemplate(server, 'valkey-instance', instance);
    if (created.status !== 'completed')
      throw new Error(created.log.slice(-3000));
    await waitFor(
      'the consumer components in the catalog',
      async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-name/component/default/billing')
          .set('Authorization', userAuth);
        return res.status === 200 ? true : undefined;
      },
      60_000,
    );
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('commits only the new user: its spec entry, its ACL rule and its Secret reference in the consumer namespace', async () => {
    const before = head();
    const result = await runTemplate(server, 'valkey-grant-access', grant);
    if (result.status !== 'completed') throw new Error(result.log);
    expect(git('rev-list', '--count', `${before}..HEAD`).trim()).toBe('1');

    // Which files the commit touched: the folder README, the entity (its
    // connection facts list the new user's Secret), the spec, the shared values
    // and the secrets instructions of the one environment; nothing outside the
    // folder.
    const touched = git('show', '--name-status', '--format=', 'HEAD')
      .trim()
      .split('\n')
      .sort();
    expect(touched).toEqual([
      `M\t${folder}/README.md`,
      `M\t${folder}/catalog-info.yaml`,
      `M\t${folder}/instance.yaml`,
      `M\t${folder}/secrets/dev-README.md`,
      `M\t${folder}/values.yaml`,
    ]);

    // What it removed: only lines that now also name the new user: the ACL
    // Secret's keys, the sentence that counts the Secrets and the entity's
    // connection facts.
    const diff = git('show', '--format=', '--unified=0', 'HEAD');
    const removed = diff
      .split('\n')
      .filter(l => l.startsWith('-') && !l.startsWith('---'));
    expect(removed.sort()).toEqual([
      expect.stringMatching(/^- +valkey\.backstage\.io\/connection: /),
      '-- Secret `carts-store-acl-users` holds `carts-api` (create it with the commands in `secrets/dev-README.md`)',
      expect.stringMatching(
        /^-The values of this environment refer to 2 Secrets in namespace `valkey-dev`\./,
      ),
    ]);
    const added = diff
      .split('\n')
      .filter(l => l.startsWith('+') && !l.startsWith('+++'));
    expect(added).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\+The values of this environment refer to 3 Secrets/,
        ),
        '+- Secret `carts-store-acl-users` holds `carts-api`, `checkout` (create it with the commands in `secrets/dev-README.md`)',
        '+      checkout:',
        '+        permissions: ~checkout:* &checkout:* +@all -@admin -@dangerous',
        '+## Secret `carts-store-acl-checkout` in namespace `shop`',
        '+kubectl create secret generic carts-store-acl-checkout --namespace shop \\',
        "+- Secret `carts-store-acl-checkout` in the consumer's namespace `shop` holds `username`, `password` (create it with the commands in `secrets/dev-README.md`)",
      ]),
    );
    const spec = parseStoredInstanceSpec(read('instance.yaml'));
    if (!spec.success) throw new Error(JSON.stringify(spec.issues));
    expect(spec.spec.auth?.aclUsers).toEqual([
      { name: 'carts-api', permissions: 'read-write' },
      {
        name: 'checkout',
        permissions: 'read-write',
        keyPrefix: 'checkout',
        consumer: 'component:default/checkout',
        consumerNamespace: 'shop',
      },
    ]);
    const text = result.output.text.find(
      (t: any) => t.title === 'Access granted',
    ).content;
    expect(text).toContain(
      'Secret `carts-store-acl-checkout` in namespace `shop`',
    );
    expect(text).toContain(`Committed ${head()}`);
  }, 120_000);

  it('"Change this instance" afterwards keeps the granted user as it is', async () => {
    const before = head();
    const stored = parseStoredInstanceSpec(read('instance.yaml'));
    if (!stored.success) throw new Error(JSON.stringify(stored.issues));
    const result = await runTemplate(
      server,
      'valkey-instance',
      changeFormData(stored.spec),
    );
    if (result.status !== 'completed') throw new Error(result.log);
    expect(head()).toBe(before);
    expect(read('values.yaml')).toContain(
      'permissions: ~checkout:* &checkout:* +@all -@admin -@dangerous',
    );
  }, 120_000);

  it.each([
    [
      'a second grant for the same component',
      { keyPrefix: 'checkout2', userName: 'checkout-two' },
      'component:default/checkout already has access to carts-store as user "checkout"',
    ],
    [
      'a prefix that overlaps another user',
      { consumer: 'component:default/billing', keyPrefix: 'checkout:billing' },
      'Key prefix "checkout:billing" overlaps "checkout" of user "checkout"',
    ],
  ])(
    'refuses %s and commits nothing',
    async (_case, change, message) => {
      const before = head();
      const result = await runTemplate(server, 'valkey-grant-access', {
        ...grant,
        ...change,
      });
      expect(result.status).toBe('failed');
      expect(result.log).toContain(message);
      expect(head()).toBe(before);
    },
    120_000,
  );
});
