/**
 * The I/O edge for chart facts: reads the valkey chart from disk (Chart.yaml
 * version, values.yaml, values.schema.json, and for the vendored source every
 * packaged file) and hands the renderer plain data.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { GitopsConfig } from '../config/gitopsConfig';
import type { ChartInput, Values } from '../render';

/**
 * Finds the valkey chart: inside the installed package (`chart/valkey`, copied in
 * when the package is packed), else `charts/valkey` walking up from the package
 * (this repository's layout).
 */
export function defaultChartPath(): string | undefined {
  const packageDir = resolvePackagePath(
    '@valkey-backstage/plugin-scaffolder-backend-module-valkey',
  );
  const packaged = path.join(packageDir, 'chart', 'valkey');
  if (fs.existsSync(path.join(packaged, 'Chart.yaml'))) return packaged;
  let dir = packageDir;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'charts', 'valkey', 'Chart.yaml');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function resolveChartPath(
  config: GitopsConfig,
  baseDir = process.cwd(),
): string {
  const configured = config.chart.localPath;
  const chartPath = configured
    ? path.resolve(baseDir, configured)
    : defaultChartPath();
  if (!chartPath || !fs.existsSync(path.join(chartPath, 'Chart.yaml'))) {
    throw new Error(
      `The valkey chart was not found${
        chartPath ? ` at ${chartPath}` : ''
      }; set valkey.gitops.chart.localPath to the charts/valkey folder`,
    );
  }
  return chartPath;
}

/** .helmignore patterns: `dir/` prefixes, `*.ext`-style globs on the base name, exact names. */
function ignoredBy(patterns: string[]): (rel: string) => boolean {
  const rules = patterns
    .map(p => p.trim())
    .filter(p => p && !p.startsWith('#'))
    .map(p => {
      if (p.endsWith('/')) {
        const dir = p.slice(0, -1);
        return (rel: string) =>
          rel === dir || rel.startsWith(`${dir}/`) || rel.includes(`/${dir}/`);
      }
      const re = new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      return (rel: string) => re.test(path.posix.basename(rel)) || re.test(rel);
    });
  return rel => rules.some(rule => rule(rel));
}

function listFiles(root: string, ignored: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), {
      withFileTypes: true,
    })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (
        ignored(entry.isDirectory() ? `${childRel}/` : childRel) ||
        ignored(childRel)
      )
        continue;
      if (entry.isDirectory()) walk(childRel);
      else if (entry.isFile()) out.push(childRel);
    }
  };
  walk('');
  return out.sort();
}

const cache = new Map<string, ChartInput>();

export function loadChart(
  chartPath: string,
  options: { withFiles: boolean },
): ChartInput {
  const key = `${chartPath}|${options.withFiles}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const read = (rel: string) =>
    fs.readFileSync(path.join(chartPath, rel), 'utf8');
  const chartYaml = parse(read('Chart.yaml')) as { version: string };
  const chart: ChartInput = {
    version: String(chartYaml.version),
    defaults: parse(read('values.yaml')) as Values,
    schema: JSON.parse(read('values.schema.json')),
  };
  if (options.withFiles) {
    const helmignore = fs.existsSync(path.join(chartPath, '.helmignore'))
      ? read('.helmignore').split('\n')
      : [];
    const ignored = ignoredBy(helmignore);
    chart.files = Object.fromEntries(
      listFiles(chartPath, ignored).map(rel => [rel, read(rel)]),
    );
  }
  cache.set(key, chart);
  return chart;
}

/** Chart facts for a render: files only when some instance may use the vendored source. */
export function loadChartForConfig(
  config: GitopsConfig,
  baseDir?: string,
): ChartInput {
  return loadChart(resolveChartPath(config, baseDir), { withFiles: true });
}
