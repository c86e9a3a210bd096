/*
 * Reads backup sets as backup.sh leaves them: /backup/<UTC timestamp>/ with
 * manifest.txt and RDB files, /backup/LATEST naming the newest set.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type ShardEntry = {
  shard: number;
  node: string;
  ordinal: string;
  file: string;
  slots: Array<[number, number]>;
};

export function backupSets(backupDir: string): string[] {
  return readdirSync(backupDir)
    .filter(n => /^\d{8}T\d{6}Z$/.test(n))
    .sort();
}

export function latestSet(backupDir: string): string {
  return readFileSync(join(backupDir, 'LATEST'), 'utf8').trim();
}

export function manifestShards(setDir: string): ShardEntry[] {
  return parseManifestShards(
    readFileSync(join(setDir, 'manifest.txt'), 'utf8'),
  );
}

/** The `shard` lines of a manifest.txt text. */
export function parseManifestShards(manifest: string): ShardEntry[] {
  return manifest
    .split('\n')
    .filter(l => l.startsWith('shard '))
    .map(l => {
      const f = l.split(' ');
      const at = (k: string) => f[f.indexOf(k) + 1];
      const slots = f.slice(f.indexOf('slots') + 1).map(r => {
        const [a, b] = r.split('-').map(Number);
        return [a, b ?? a] as [number, number];
      });
      return {
        shard: Number(f[1]),
        node: at('node'),
        ordinal: at('ordinal'),
        file: at('file'),
        slots,
      };
    });
}

export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** Number of keys in an RDB file, as valkey-check-rdb reads it (and finds it valid). */
export async function rdbKeyCount(path: string): Promise<number> {
  const { stdout } = await run('valkey-check-rdb', [path]);
  if (!stdout.includes('RDB looks OK'))
    throw new Error(`valkey-check-rdb rejected ${path}:\n${stdout}`);
  const m = stdout.match(/\[info\] (\d+) keys read/);
  if (!m)
    throw new Error(
      `valkey-check-rdb printed no key count for ${path}:\n${stdout}`,
    );
  return Number(m[1]);
}
