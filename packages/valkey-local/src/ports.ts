import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) {
        reject(new Error('could not allocate a port'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

/**
 * `count` free ports where port + 10000 (the cluster bus port) is free too.
 */
export async function freePorts(
  count: number,
  { withBus = false } = {},
): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (ports.includes(port)) continue;
    if (withBus && (port + 10000 > 65535 || !(await isPortFree(port + 10000))))
      continue;
    ports.push(port);
  }
  return ports;
}

/** True when 127.0.0.1:port can be bound right now. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise(resolveFree => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () =>
      server.close(() => resolveFree(true)),
    );
  });
}

/** Polls `check` until it returns true or the deadline passes. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${
      lastError ? ` (last error: ${lastError})` : ''
    }`,
  );
}
