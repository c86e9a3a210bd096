/*
 * `helm package charts/valkey` gives an archive a chart repository can serve,
 * and a GitOps folder rendered with `chart.source: repository` resolves its
 * dependency from that repository: helm package + helm repo index, served by a
 * local HTTP server, then helm dependency update + helm template in the folder.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import {
  loadChart,
  parseGitopsConfig,
  renderFromInput,
} from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import {
  chartDir,
  findObject,
  helmBinary,
  HelmResult,
  K8sObject,
  parseManifests,
} from '../lib/helm';

jest.setTimeout(120_000);

const chartVersion = String(
  parse(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')).version,
);
const archiveName = `valkey-${chartVersion}.tgz`;
const release = 'chart-repo-check';

let tmp: string;
let repoDir: string;
let folder: string;
let helmEnv: NodeJS.ProcessEnv;
let server: http.Server;
let baseUrl: string;
const requests: string[] = [];

/** helm with HELM_*_HOME in the temp folder, so no global Helm state is read or written. */
function helm(args: string[], cwd: string): Promise<HelmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(helmBinary(), args, { cwd, env: helmEnv });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

async function helmOk(args: string[], cwd: string): Promise<HelmResult> {
  const r = await helm(args, cwd);
  if (r.code !== 0)
    throw new Error(`helm ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** A static file server over repoDir that records every request as "METHOD /path". */
function startServer(root: string): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(
      new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
    );
    requests.push(`${req.method} ${urlPath}`);
    const file = path.join(root, path.normalize(urlPath));
    if (
      req.method !== 'GET' ||
      !file.startsWith(root + path.sep) ||
      !fs.existsSync(file) ||
      !fs.statSync(file).isFile()
    ) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.yaml')
      ? 'application/x-yaml'
      : 'application/gzip';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': fs.statSync(file).size,
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

/** The .helmignore rules as a predicate over chart-relative paths (this chart uses `dir/`, `*.ext` and plain names). */
function helmignoreMatcher(text: string): (rel: string) => boolean {
  const rules = text
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
    .map(p => {
      if (p.endsWith('/')) {
        const dir = p.slice(0, -1);
        return (rel: string) => rel.split('/').slice(0, -1).includes(dir);
      }
      const re = new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      return (rel: string) => rel.split('/').some(segment => re.test(segment));
    });
  return rel => rules.some(rule => rule(rel));
}

function filesUnder(root: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(root, rel), { withFileTypes: true })
    .flatMap(e => {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return filesUnder(root, child);
      return e.isFile() ? [child] : [];
    });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-chart-repo-'));
  repoDir = path.join(tmp, 'repo');
  fs.mkdirSync(repoDir);
  helmEnv = {
    ...process.env,
    HELM_CACHE_HOME: path.join(tmp, 'helm', 'cache'),
    HELM_CONFIG_HOME: path.join(tmp, 'helm', 'config'),
    HELM_DATA_HOME: path.join(tmp, 'helm', 'data'),
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  server = await startServer(repoDir);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await helmOk(['package', chartDir, '-d', repoDir], tmp);
  await helmOk(['repo', 'index', repoDir, '--url', baseUrl], tmp);

  const config = parseGitopsConfig({
    repoUrl: 'https://git.example.com/platform/gitops.git',
    chart: { source: 'repository', repository: baseUrl, version: chartVersion },
    secrets: { provider: 'sealed-secrets' },
    environments: [
      {
        name: 'dev',
        destination: {
          server: 'https://dev.k8s.example.com',
          namespace: 'valkey-dev',
        },
      },
    ],
  });
  const result = renderFromInput(
    {
      name: release,
      owner: 'group:default/team-web',
      mode: 'standalone',
      size: 'micro',
      persistence: { enabled: false },
      chart: { source: 'repository' },
      environments: [{ name: 'dev' }],
    },
    config,
    loadChart(chartDir, { withFiles: false }),
  );
  folder = path.join(tmp, 'gitops', result.targetPath);
  for (const f of result.files) {
    fs.mkdirSync(path.dirname(path.join(folder, f.path)), { recursive: true });
    fs.writeFileSync(path.join(folder, f.path), f.content);
  }
});

afterAll(async () => {
  await new Promise<void>(resolve =>
    server ? server.close(() => resolve()) : resolve(),
  );
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the packaged chart archive', () => {
  let entries: string[];
  beforeAll(() => {
    entries = execFileSync('tar', ['-tzf', path.join(repoDir, archiveName)])
      .toString()
      .split('\n')
      .filter(e => e && !e.endsWith('/'));
  });

  it('is named after the Chart.yaml version and listed in the repository index at the server URL', async () => {
    expect(fs.readdirSync(repoDir).sort()).toEqual(
      ['index.yaml', archiveName].sort(),
    );
    const index = parse(
      fs.readFileSync(path.join(repoDir, 'index.yaml'), 'utf8'),
    );
    expect(index.entries.valkey).toHaveLength(1);
    expect(index.entries.valkey[0]).toMatchObject({
      name: 'valkey',
      version: chartVersion,
      urls: [`${baseUrl}/${archiveName}`],
    });
    const served = await fetch(`${baseUrl}/index.yaml`);
    expect(served.status).toBe(200);
    expect(parse(await served.text()).entries.valkey[0].version).toBe(
      chartVersion,
    );
  });

  it('helm show chart reads the archive as the valkey chart', async () => {
    const r = await helmOk(
      ['show', 'chart', path.join(repoDir, archiveName)],
      tmp,
    );
    expect(parse(r.stdout)).toMatchObject({
      apiVersion: 'v2',
      name: 'valkey',
      version: chartVersion,
    });
  });

  it('contains Chart.yaml, values.yaml, values.schema.json and the templates', () => {
    expect(entries.every(e => e.startsWith('valkey/'))).toBe(true);
    expect(entries).toEqual(
      expect.arrayContaining([
        'valkey/Chart.yaml',
        'valkey/values.yaml',
        'valkey/values.schema.json',
      ]),
    );
    const templates = filesUnder(path.join(chartDir, 'templates')).map(
      t => `valkey/templates/${t}`,
    );
    expect(templates.length).toBeGreaterThan(5);
    expect(entries).toEqual(expect.arrayContaining(templates));
  });

  it('contains nothing charts/valkey/.helmignore excludes, and every file it does not', () => {
    const ignored = helmignoreMatcher(
      fs.readFileSync(path.join(chartDir, '.helmignore'), 'utf8'),
    );
    const onDisk = filesUnder(chartDir);
    const excluded = onDisk.filter(ignored);
    // Non-vacuous: the chart folder holds files the .helmignore is there to keep out (ci/, scripts-dev/).
    expect(excluded.some(f => f.startsWith('ci/'))).toBe(true);
    expect(excluded.some(f => f.startsWith('scripts-dev/'))).toBe(true);
    const inArchive = entries.map(e => e.slice('valkey/'.length));
    expect(inArchive.filter(ignored)).toEqual([]);
    expect(inArchive.filter(e => excluded.includes(e))).toEqual([]);
    expect([...inArchive].sort()).toEqual(
      onDisk.filter(f => !ignored(f)).sort(),
    );
  });

  it('holds the same files the scaffolder module vendors for chart.source: vendored', () => {
    const vendored = Object.keys(
      loadChart(chartDir, { withFiles: true }).files ?? {},
    );
    expect(vendored.length).toBeGreaterThan(0);
    expect(entries.map(e => e.slice('valkey/'.length)).sort()).toEqual(
      [...vendored].sort(),
    );
  });
});

describe('a GitOps folder rendered with chart.source: repository', () => {
  let dependencyUpdate: HelmResult;
  let chartsBefore: boolean;
  let requestsBefore: string[];
  let objects: K8sObject[];
  let template: HelmResult;

  beforeAll(async () => {
    chartsBefore = fs.existsSync(path.join(folder, 'charts'));
    requestsBefore = [...requests];
    dependencyUpdate = await helm(['dependency', 'update'], folder);
    template = await helm(
      [
        'template',
        release,
        '.',
        '--namespace',
        'valkey-dev',
        '-f',
        'values.yaml',
        '-f',
        'values-dev.yaml',
      ],
      folder,
    );
    objects = template.code === 0 ? parseManifests(template.stdout) : [];
  });

  it('depends on the valkey chart from the configured repository, with no vendored copy', () => {
    const chartYaml = parse(
      fs.readFileSync(path.join(folder, 'Chart.yaml'), 'utf8'),
    );
    expect(chartYaml.dependencies).toEqual([
      { name: 'valkey', version: chartVersion, repository: baseUrl },
    ]);
    expect(chartsBefore).toBe(false);
  });

  it('helm dependency update downloads the archive from the local repository', () => {
    expect(dependencyUpdate.code).toBe(0);
    const downloaded = path.join(folder, 'charts', archiveName);
    expect(fs.existsSync(downloaded)).toBe(true);
    expect(
      fs
        .readFileSync(downloaded)
        .equals(fs.readFileSync(path.join(repoDir, archiveName))),
    ).toBe(true);
    const served = requests.slice(requestsBefore.length);
    expect(served).toContain('GET /index.yaml');
    expect(served).toContain(`GET /${archiveName}`);
    const lock = parse(
      fs.readFileSync(path.join(folder, 'Chart.lock'), 'utf8'),
    );
    expect(lock.dependencies).toEqual([
      { name: 'valkey', version: chartVersion, repository: baseUrl },
    ]);
  });

  it('helm template renders the StatefulSet of the release from the downloaded chart', () => {
    expect(template.stderr).toBe('');
    expect(template.code).toBe(0);
    // The subchart's fullname: <release>-<chart name>.
    const sts = findObject(objects, 'StatefulSet', `${release}-valkey`);
    expect(sts).toBeDefined();
    expect(sts!.metadata.labels).toMatchObject({
      'app.kubernetes.io/instance': release,
      'helm.sh/chart': `valkey-${chartVersion}`,
    });
    expect(objects.filter(o => o.kind === 'StatefulSet')).toHaveLength(1);
    const valkey = sts!.spec.template.spec.containers.find(
      (c: any) => c.name === 'valkey',
    );
    expect(valkey.image).toMatch(/valkey.*:9\.0\.3/);
    // values.yaml + values-dev.yaml reached the subchart: standalone, persistence off
    expect(sts!.spec.replicas).toBe(1);
    expect(sts!.spec.volumeClaimTemplates ?? []).toEqual([]);
  });
});
