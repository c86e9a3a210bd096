import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@valkey-backstage/valkey-local';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 (scripts/install-system-deps.sh installs it). */
const BIN = '/usr/lib/postgresql/15/bin';

export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  /** Runs one SQL statement in `database` with psql; its tab-separated rows. */
  sql(database: string, statement: string): Promise<string>;
  destroy(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server on 127.0.0.1 with its own data directory in
 * a temp dir. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` system user that Debian's package creates. Trust auth: it
 * listens on loopback only and holds test data only.
 */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'valkey-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : process.env.USER ?? 'postgres';
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(BIN, program), ...args])
      : run(join(BIN, program), args);
  await pg('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8']);
  await pg('pg_ctl', [
    '-D',
    data,
    '-l',
    join(root, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -h 127.0.0.1 -k ${root} -c fsync=off`,
    'start',
  ]);
  return {
    host: '127.0.0.1',
    port,
    user,
    async sql(database, statement) {
      const { stdout } = await run(join(BIN, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        user,
        '-d',
        database,
        '-At',
        '-F',
        '\t',
        '-c',
        statement,
      ]);
      return stdout.trim();
    },
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      rmSync(root, { recursive: true, force: true });
    },
  };
}
