/**
 * The Node.js snippet the entity page shows, run for real: generated from
 * connection facts for live valkey-server processes on loopback (standalone
 * with a password, Sentinel, cluster with a password), written to a file and
 * executed with Node and iovalkey from npm. The password reaches the process
 * through the environment variable the snippet names, never the command line.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import {
  connectionSnippets,
  EnvironmentConnection,
  PASSWORD_ENV,
} from '@valkey-backstage/plugin-valkey-common';
import {
  startCluster,
  startSentinelGroup,
  startValkeyServer,
  Topology,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';

jest.setTimeout(120_000);

const PASSWORD = 'snippet-test-password';

/** Runs the snippet plus a write and a read; returns what it printed. */
function runNodeSnippet(connection: EnvironmentConnection, password?: string) {
  const snippet = connectionSnippets(connection).find(
    s => s.language === 'node',
  )!;
  // inside the test package, so `import 'iovalkey'` resolves from its node_modules
  const dir = fs.mkdtempSync(path.join(__dirname, '.snippet-'));
  const file = path.join(dir, 'snippet.mjs');
  fs.writeFileSync(
    file,
    `${snippet.code}\nawait valkey.set('snippet:probe', '${
      connection.mode
    }');\nconsole.log(await valkey.get('snippet:probe'));\nvalkey.disconnect();\n${
      connection.read ? 'replicas.disconnect();\n' : ''
    }`,
  );
  try {
    return spawnSync(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        ...(password ? { [PASSWORD_ENV]: password } : {}),
      },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const base = {
  environment: 'local',
  namespace: 'local',
  tls: false,
  aclUsers: [],
};
const secret = { secretName: 'snippet-auth', secretKey: 'valkey-password' };

describe('the Node.js connection snippet against live Valkey', () => {
  let standalone: ValkeyServer;
  let sentinel: Topology;
  let cluster: Topology;

  beforeAll(async () => {
    [standalone, sentinel, cluster] = await Promise.all([
      startValkeyServer({ password: PASSWORD }),
      startSentinelGroup({ replicas: 1, sentinels: 1, quorum: 1 }),
      startCluster({ password: PASSWORD }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([
      standalone?.destroy(),
      sentinel?.destroy(),
      cluster?.destroy(),
    ]);
  });

  it('standalone with a password: connects, writes and reads', () => {
    const r = runNodeSnippet(
      {
        ...base,
        mode: 'standalone',
        primary: { host: standalone.host, port: standalone.port },
        password: secret,
      },
      PASSWORD,
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.trim()).toBe('standalone');
  });

  it('the same snippet without the password from the Secret is refused by the server', () => {
    const r = runNodeSnippet({
      ...base,
      mode: 'standalone',
      primary: { host: standalone.host, port: standalone.port },
      password: secret,
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/NOAUTH|Authentication required/i);
  });

  it('Sentinel: asks the Sentinel for the primary by name, writes and reads', () => {
    const s = sentinel.sentinels[0];
    const r = runNodeSnippet({
      ...base,
      mode: 'sentinel',
      sentinel: { host: s.host, port: s.port, primaryName: 'mymaster' },
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.trim()).toBe('sentinel');
  });

  it('cluster with a password: discovers the shards from one seed, writes and reads', () => {
    const seed = cluster.nodes[0];
    const r = runNodeSnippet(
      {
        ...base,
        mode: 'cluster',
        clusterSeed: { host: seed.host, port: seed.port },
        password: secret,
      },
      PASSWORD,
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.trim()).toBe('cluster');
  });
});
