import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInfo } from '@valkey-backstage/plugin-valkey-common';
import { freePort } from './ports';
import {
  startCluster,
  startReplicationGroup,
  startSentinelGroup,
} from './topologies';
import { startValkeyServer } from './server';

jest.setTimeout(120_000);

describe('local Valkey topologies', () => {
  it('starts a password-protected server whose password is not on its command line', async () => {
    const server = await startValkeyServer({ password: 's3cret-local-pass' });
    try {
      expect((await server.cli(['PING'])).trim()).toBe('PONG');
      const anonymous = await server.cli(['PING'], {}).then(
        out => out,
        err => String(err),
      );
      expect(anonymous).toMatch(/NOAUTH/);
      const cmdline = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8');
      expect(cmdline).not.toContain('s3cret-local-pass');
    } finally {
      await server.destroy();
    }
  });

  it('runs an existing config file on another loopback address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'valkey-conf-'));
    const port = await freePort();
    const configFile = join(dir, 'own.conf');
    writeFileSync(
      configFile,
      `port ${port}\nbind 127.0.0.2\ndir ${dir}\nsave ""\n`,
    );
    const server = await startValkeyServer({
      host: '127.0.0.2',
      port,
      configFile,
      dir,
    });
    try {
      expect(server.address).toBe(`127.0.0.2:${port}`);
      expect((await server.cli(['CONFIG', 'GET', 'bind'])).split('\n')[1]).toBe(
        '127.0.0.2',
      );
    } finally {
      await server.destroy();
    }
  });

  it('starts a primary with two online replicas', async () => {
    const group = await startReplicationGroup({ replicas: 2 });
    try {
      const info = parseInfo(await group.nodes[0].cli(['INFO', 'replication']));
      expect(info.role).toBe('master');
      expect(info.connected_slaves).toBe('2');
    } finally {
      await group.destroy();
    }
  });

  it('starts three Sentinels that reach quorum', async () => {
    const group = await startSentinelGroup();
    try {
      const reply = await group.sentinels[0].cli([
        'SENTINEL',
        'CKQUORUM',
        'mymaster',
      ]);
      expect(reply).toMatch(/^OK 3 usable Sentinels/);
    } finally {
      await group.destroy();
    }
  });

  it('creates a 6-node cluster with every slot assigned', async () => {
    const cluster = await startCluster();
    try {
      const info = parseInfo(await cluster.nodes[0].cli(['CLUSTER', 'INFO']));
      expect(info.cluster_state).toBe('ok');
      expect(info.cluster_slots_assigned).toBe('16384');
      expect(info.cluster_size).toBe('3');
    } finally {
      await cluster.destroy();
    }
  });
});
