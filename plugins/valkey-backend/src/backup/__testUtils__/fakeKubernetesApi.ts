import { mkdtempSync, rmSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSelfSignedCertificate } from '../../__testUtils__/selfSignedCertificate';

export interface FakeKubernetesApi {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Base64 PEM of the server's self-signed certificate, for `caData`. */
  caData: string;
  /** Requests received: method, path with query, Authorization header present. */
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  close(): Promise<void>;
}

interface KubeObject {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
}

/**
 * A stand-in for a Kubernetes API server (none can run here): answers the
 * list and read calls the backend makes with real object JSON, filters by
 * namespace and equality label selectors, and checks the bearer token, the
 * way the API server does. Served over HTTPS with a fresh self-signed
 * certificate, since the client library refuses plain HTTP.
 */
export async function startFakeKubernetesApi(options: {
  token: string;
  objects: KubeObject[];
  /** Delay every answer, to test timeouts. */
  delayMs?: number;
}): Promise<FakeKubernetesApi> {
  const requests: FakeKubernetesApi['requests'] = [];
  const tls = selfSignedCertificate();
  const server: Server = createServer(
    tls,
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const authorized =
        req.headers.authorization === `Bearer ${options.token}`;
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        authorized,
      });
      if (options.delayMs)
        await new Promise(r => setTimeout(r, options.delayMs));
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const failure = (code: number, reason: string, message: string) =>
        send(code, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message,
          reason,
          code,
        });
      if (!authorized) return failure(401, 'Unauthorized', 'Unauthorized');

      const list =
        /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/(cronjobs|jobs)$/.exec(
          url.pathname,
        );
      if (list && req.method === 'GET') {
        const [, namespace, resource] = list;
        const kind = resource === 'cronjobs' ? 'CronJob' : 'Job';
        const selector = parseSelector(url.searchParams.get('labelSelector'));
        const items = options.objects.filter(
          o =>
            o.kind === kind &&
            o.metadata?.namespace === namespace &&
            Object.entries(selector).every(
              ([k, v]) => o.metadata?.labels?.[k] === v,
            ),
        );
        return send(200, {
          kind: `${kind}List`,
          apiVersion: 'batch/v1',
          metadata: { resourceVersion: '61234' },
          items: items.map(o => ({
            ...o,
            kind: undefined,
            apiVersion: undefined,
          })),
        });
      }
      const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(
        url.pathname,
      );
      if (secret && req.method === 'GET') {
        const [, namespace, name] = secret;
        const found = options.objects.find(
          o =>
            o.kind === 'Secret' &&
            o.metadata?.namespace === namespace &&
            o.metadata?.name === name,
        );
        if (!found)
          return failure(404, 'NotFound', `secrets "${name}" not found`);
        return send(200, found);
      }
      return failure(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    },
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caData: Buffer.from(tls.cert).toString('base64'),
    requests,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function parseSelector(selector: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (selector ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    out[k] = v;
  }
  return out;
}

/** A Secret as the API server returns it. */
export function secretOf(
  namespace: string,
  name: string,
  data: Record<string, string>,
) {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      uid: 'a1b2c3d4-0000-4000-8000-000000000001',
      resourceVersion: '1200',
    },
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries(data).map(([k, v]) => [
        k,
        Buffer.from(v).toString('base64'),
      ]),
    ),
  };
}

/** A throwaway certificate for 127.0.0.1, for this process only. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kube-'));
  try {
    const { key, cert } = writeSelfSignedCertificate(dir, {
      commonName: '127.0.0.1',
      subjectAltName: 'IP:127.0.0.1',
    });
    return { key, cert };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
