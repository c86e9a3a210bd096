import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSelfSignedCertificate } from '../__testUtils__/selfSignedCertificate';
import {
  freePort,
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import { statusServiceFor } from '../__testUtils__/statusHarness';

jest.setTimeout(60_000);

describe('TLS to a real valkey-server (CA, client certificate, server name)', () => {
  let dir: string;
  let server: ValkeyServer;
  let tlsPort: number;
  let cert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'valkey-tls-test-'));
    // A throwaway self-signed certificate, used as CA, server and client certificate.
    ({ cert } = writeSelfSignedCertificate(dir, {
      commonName: 'valkey.test',
      subjectAltName: 'DNS:valkey.test',
    }));
    tlsPort = await freePort();
    server = await startValkeyServer({
      config: [
        `tls-port ${tlsPort}`,
        `tls-cert-file ${join(dir, 'cert.pem')}`,
        `tls-key-file ${join(dir, 'key.pem')}`,
        `tls-ca-cert-file ${join(dir, 'cert.pem')}`,
        'tls-auth-clients yes',
      ],
    });
  });
  afterAll(async () => {
    await server.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const statusWith = (tls: object) =>
    statusServiceFor({
      connectTimeoutMs: 1000,
      commandTimeoutMs: 1000,
      environments: [
        {
          name: 'prod',
          instances: { orders: { host: '127.0.0.1', port: tlsPort } },
          tls: { enabled: true, ...tls },
        },
      ],
    }).status('resource:default/orders', 'orders', 'prod', 'standalone');

  it('connects with the CA (PEM text), a client certificate (file paths) and the server name', async () => {
    const status = await statusWith({
      ca: cert,
      cert: join(dir, 'cert.pem'),
      key: join(dir, 'key.pem'),
      serverName: 'valkey.test',
    });
    expect(status.problems).toEqual([]);
    expect(status.health).toBe('healthy');
  });

  it('refuses a server whose certificate does not match the server name', async () => {
    const status = await statusWith({
      ca: cert,
      cert: join(dir, 'cert.pem'),
      key: join(dir, 'key.pem'),
      serverName: 'other.test',
    });
    expect(status.health).toBe('unknown');
    expect(status.problems[0]).toMatchObject({
      section: 'connection',
      kind: 'protocol',
    });
    expect(status.problems[0].message).toMatch(/other\.test/);
  });

  it('reports the server refusing a client without a certificate', async () => {
    const status = await statusWith({ ca: cert, serverName: 'valkey.test' });
    expect(status.topology).toBeUndefined();
    expect(status.problems[0].section).toBe('connection');
  });
});
