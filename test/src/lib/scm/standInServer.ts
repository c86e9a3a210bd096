/**
 * The HTTP plumbing the GitHub and GitLab stand-ins share: a loopback server,
 * a tiny route table, JSON bodies in and out, and every request recorded so a
 * test can say which API calls the real actions made.
 */
import http, { IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  body: any;
}

export interface StandInReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = [
  method: string,
  pattern: RegExp,
  handle: (r: StandInRequest) => StandInReply,
];

export interface StandInServer {
  url: string;
  requests: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

export async function startStandIn(
  routes: Route[],
  raw?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<StandInServer> {
  const requests: StandInServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({ method: req.method ?? 'GET', path: url.pathname });
    if (raw?.(req, res)) return;
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let reply: StandInReply;
      try {
        const body = text ? JSON.parse(text) : undefined;
        const path = decodeURIComponent(url.pathname);
        reply = { status: 404, body: { message: 'Not Found' } };
        for (const [method, pattern, handle] of routes) {
          const match = method === req.method ? pattern.exec(path) : null;
          if (!match) continue;
          reply = handle({
            method,
            path,
            query: url.searchParams,
            params: match.slice(1),
            body,
          });
          break;
        }
      } catch (e) {
        reply = {
          status: 500,
          body: { message: String((e as Error).message) },
        };
      }
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        ...reply.headers,
      });
      res.end(
        req.method === 'HEAD' || reply.body === undefined
          ? undefined
          : JSON.stringify(reply.body),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
