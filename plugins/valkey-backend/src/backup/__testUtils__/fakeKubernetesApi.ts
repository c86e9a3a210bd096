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
  /** Requests received: method, path with query, Authorization header present, parsed JSON body of writes. */
  requests: Array<{
    method: string;
    path: string;
    authorized: boolean;
    body?: unknown;
  }>;
  close(): Promise<void>;
}

interface KubeObject {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/**
 * A stand-in for a Kubernetes API server (none can run here): answers the
 * list and read calls the backend makes with real object JSON, filters by
 * namespace and equality label selectors, creates Jobs (POST, stored in
 * `objects` with the fields the API server adds, so later lists show them;
 * 409 AlreadyExists on a taken name), and checks the bearer token, the way
 * the API server does. Served over HTTPS with a fresh self-signed
 * certificate, since the client library refuses plain HTTP.
 */
export async function startFakeKubernetesApi(options: {
  token: string;
  objects: KubeObject[];
  /** Delay every answer, to test timeouts. */
  delayMs?: number;
}): Promise<FakeKubernetesApi> {
  const requests: FakeKubernetesApi['requests'] = [];
  let created = 0;
  const tls = selfSignedCertificate();
  const server: Server = createServer(
    tls,
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const authorized =
        req.headers.authorization === `Bearer ${options.token}`;
      const raw = await readBody(req);
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        authorized,
        ...(raw ? { body: JSON.parse(raw) } : {}),
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
      if (list && req.method === 'POST' && list[2] === 'jobs') {
        const namespace = list[1];
        const job = JSON.parse(raw || '{}') as KubeObject;
        const name = job.metadata?.name;
        if (job.kind !== 'Job' || !name) {
          return failure(
            400,
            'BadRequest',
            'a Job with metadata.name is required',
          );
        }
        if (job.metadata?.namespace && job.metadata.namespace !== namespace) {
          return failure(
            400,
            'BadRequest',
            'the namespace of the provided object does not match the namespace sent on the request',
          );
        }
        const taken = options.objects.some(
          o =>
            o.kind === 'Job' &&
            o.metadata?.namespace === namespace &&
            o.metadata?.name === name,
        );
        if (taken) {
          return failure(
            409,
            'AlreadyExists',
            `jobs.batch "${name}" already exists`,
          );
        }
        created += 1;
        const stored = {
          ...job,
          apiVersion: 'batch/v1',
          metadata: {
            ...job.metadata,
            namespace,
            uid: `5e1f0000-0000-4000-8000-${String(created).padStart(12, '0')}`,
            resourceVersion: String(70000 + created),
            creationTimestamp: new Date()
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
          },
          status: {},
        };
        options.objects.push(stored);
        return send(201, stored);
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', chunk => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
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
