import net from 'node:net';
import {
  parseInfo,
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import { ValkeyClientError } from './errors';
import { ValkeyConnection, withConnection } from './ValkeyConnection';

jest.setTimeout(60_000);

const timeouts = { connectTimeoutMs: 500, commandTimeoutMs: 500 };

describe('ValkeyConnection against a real valkey-server', () => {
  let server: ValkeyServer;
  beforeAll(async () => {
    server = await startValkeyServer({
      config: ['user monitor on >pw -@all +ping +info'],
    });
  });
  afterAll(() => server.destroy());

  const connectedClients = async () =>
    Number(parseInfo(await server.cli(['INFO', 'clients'])).connected_clients);

  it('pipelines commands and authenticates as the given user', async () => {
    const [pong, info] = await withConnection(
      {
        host: '127.0.0.1',
        port: server.port,
        username: 'monitor',
        password: 'pw',
        ...timeouts,
      },
      c => Promise.all([c.command(['PING']), c.command(['INFO', 'server'])]),
    );
    expect(pong).toBe('PONG');
    expect(String(info)).toContain('valkey_version:');
  });

  it('reports NOPERM as no-permission and keeps the connection usable', async () => {
    await withConnection(
      {
        host: '127.0.0.1',
        port: server.port,
        username: 'monitor',
        password: 'pw',
        ...timeouts,
      },
      async c => {
        const error = await c.command(['CLUSTER', 'SHARDS']).catch(e => e);
        expect(error).toBeInstanceOf(ValkeyClientError);
        expect(error).toMatchObject({
          kind: 'no-permission',
          command: 'CLUSTER SHARDS',
        });
        expect(await c.command(['PING'])).toBe('PONG');
      },
    );
  });

  it('reports a wrong password as auth-failed and closes the socket', async () => {
    const before = await connectedClients();
    const error = await ValkeyConnection.open({
      host: '127.0.0.1',
      port: server.port,
      username: 'monitor',
      password: 'wrong',
      ...timeouts,
    }).catch(e => e);
    expect(error).toMatchObject({ kind: 'auth-failed', command: 'AUTH' });
    expect(error.message).not.toContain('wrong');
    await waitFor(async () => (await connectedClients()) === before);
  });

  it('answers within the timeouts when a node is stopped (SIGSTOP), and a refused port at once', async () => {
    const stopped = await startValkeyServer();
    try {
      stopped.signal('SIGSTOP');
      const started = Date.now();
      const error = await withConnection(
        { host: '127.0.0.1', port: stopped.port, ...timeouts },
        c => c.command(['PING']),
      ).catch(e => e);
      expect(error).toMatchObject({ kind: 'timeout', command: 'PING' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      stopped.signal('SIGCONT');
      await stopped.destroy();
    }
    const refused = await ValkeyConnection.open({
      host: '127.0.0.1',
      port: stopped.port,
      ...timeouts,
    }).catch(e => e);
    expect(refused).toMatchObject({ kind: 'unreachable' });
  });

  it('times out a host that accepts but never answers, and one that does not resolve', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const error = await withConnection(
        { host: '127.0.0.1', port, ...timeouts },
        c => c.command(['PING']),
      ).catch(e => e);
      expect(error).toMatchObject({ kind: 'timeout' });
    } finally {
      silent.close();
    }
    const unresolved = await ValkeyConnection.open({
      host: 'no-such-host.invalid',
      port: 6379,
      ...timeouts,
    }).catch(e => e);
    expect(unresolved).toMatchObject({ kind: 'unreachable' });
  });

  it('leaves no connection behind after 1,000 connections with successes and failures', async () => {
    const before = await connectedClients();
    const oneConnection = (i: number) =>
      withConnection(
        {
          host: '127.0.0.1',
          port: server.port,
          username: 'monitor',
          password: i % 5 === 0 ? 'wrong' : 'pw',
          ...timeouts,
        },
        c => c.command(i % 2 ? ['INFO', 'server'] : ['CLUSTER', 'NODES']),
      ).catch(() => undefined);
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => oneConnection(i)));
    }
    await waitFor(async () => (await connectedClients()) === before);
    expect(await connectedClients()).toBe(before);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}
