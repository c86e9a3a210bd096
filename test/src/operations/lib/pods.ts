/*
 * Loopback stand-ins for Kubernetes pods: a pod's env as rendered, with `$(VAR)`
 * references expanded and its volume mount paths mapped to temp directories, and
 * a hosts file (VALKEY_HOSTS_FILE, /etc/hosts format) that plays the cluster DNS.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Env } from './scripts';

export const NAMESPACE = 'default';

/** Mount path in the pod -> directory on this machine. */
export type Mounts = Record<string, string>;

/** A path under a mount path rewritten to the mapped directory (else unchanged). */
function mapPath(value: string, mounts: Mounts): string {
  const mount = Object.keys(mounts)
    .sort((a, b) => b.length - a.length)
    .find(m => value === m || value.startsWith(`${m}/`));
  return mount ? mounts[mount] + value.slice(mount.length) : value;
}

/**
 * Rewrites values under a mount path to the mapped directory (each line of a
 * multi-line value, e.g. VALKEY_REQUIRED_SECRETS), and expands $(VAR).
 */
export function podEnv(
  rendered: Record<string, string>,
  mounts: Mounts,
  fieldRefs: Record<string, string>,
): Env {
  const env: Record<string, string> = { ...fieldRefs };
  for (const [k, v] of Object.entries(rendered)) {
    const value = v.replace(
      /\$\(([A-Z_0-9]+)\)/g,
      (_, name) => fieldRefs[name] ?? rendered[name] ?? '',
    );
    env[k] = value
      .split('\n')
      .map(line => mapPath(line, mounts))
      .join('\n');
  }
  return env;
}

/** A name -> address table written as a hosts file, rewritten on every change. */
export class HostsFile {
  private readonly entries = new Map<string, string[]>();
  constructor(readonly path: string) {
    writeFileSync(path, '');
  }
  set(address: string, names: string[]) {
    this.entries.set(names[0], [address, ...names]);
    this.flush();
  }
  remove(name: string) {
    this.entries.delete(name);
    this.flush();
  }
  private flush() {
    const text = [...this.entries.values()].map(e => e.join(' ')).join('\n');
    writeFileSync(`${this.path}.tmp`, `${text}\n`);
    renameSync(`${this.path}.tmp`, this.path);
  }
}

/** Creates (if needed) and returns `<root>/<name>`. */
export function dirIn(root: string, name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** The pod's volume mounts mapped to folders: shared config, secrets and backup, and the pod's own run/data/tmp. */
export function podMounts(
  shared: {
    configDir: string;
    secretsDir: string;
    backupDir: string;
    tlsDir?: string;
  },
  podDir: string,
): Record<string, string> {
  return {
    ...(shared.tlsDir ? { '/etc/valkey/tls': shared.tlsDir } : {}),
    '/etc/valkey/base': shared.configDir,
    '/run/valkey': dirIn(podDir, 'run'),
    '/data': dirIn(podDir, 'data'),
    '/opt/valkey/secrets': shared.secretsDir,
    '/tmp': dirIn(podDir, 'tmp'),
    '/backup': shared.backupDir,
  };
}
