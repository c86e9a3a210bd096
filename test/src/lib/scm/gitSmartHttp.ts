/**
 * Git smart HTTP for the stand-ins: real `git http-backend` (the CGI program
 * Git ships) serves clone and push for the GitStore's bare repositories, so
 * isomorphic-git inside the real scaffolder actions pushes real packs.
 */
import { spawn } from 'child_process';
import type { IncomingMessage, ServerResponse } from 'http';
import type { GitStore } from './gitStore';

/** Serves `<prefix>/<owner>/<repo>.git/...`; returns false when the path is not a Git URL. */
export function serveGit(
  store: GitStore,
  prefix: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  if (!url.pathname.startsWith(`${prefix}/`)) return false;
  const pathInfo = url.pathname.slice(prefix.length);
  if (
    !/^\/[^/]+\/[^/]+\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/.test(
      pathInfo,
    )
  ) {
    res.writeHead(404).end();
    return true;
  }
  const cgi = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: store.root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      PATH_INFO: pathInfo,
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'stand-in',
      REMOTE_ADDR: '127.0.0.1',
      ...(req.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
        : {}),
      ...(req.headers['git-protocol']
        ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
        : {}),
    },
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  cgi.on('close', () => res.end());
  return true;
}
