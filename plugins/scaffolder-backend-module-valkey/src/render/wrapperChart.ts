/**
 * The wrapper chart: a Chart.yaml that depends on the valkey chart, either a
 * vendored copy under `charts/valkey` (`file://`) or the chart repository from
 * config, and a .helmignore that keeps the GitOps-only files out of the chart.
 */
import type { GitopsConfig } from '../config/gitopsConfig';
import type { ChartInput, RenderedFile } from './types';
import { toYaml } from './yamlText';

export const VENDORED_CHART_DIR = 'charts/valkey';

export function chartSourceOf(
  config: GitopsConfig,
  specSource: 'vendored' | 'repository' | undefined,
): 'vendored' | 'repository' {
  return specSource ?? config.chart.source;
}

export function wrapperChartFiles(options: {
  name: string;
  mode: string;
  source: 'vendored' | 'repository';
  config: GitopsConfig;
  chart: ChartInput;
}): RenderedFile[] {
  const { name, mode, source, config, chart } = options;
  const dependency =
    source === 'vendored'
      ? {
          name: 'valkey',
          version: chart.version,
          repository: `file://${VENDORED_CHART_DIR}`,
        }
      : {
          name: 'valkey',
          version: config.chart.version!,
          repository: config.chart.repository!,
        };
  const files: RenderedFile[] = [
    {
      path: 'Chart.yaml',
      content: toYaml({
        apiVersion: 'v2',
        name,
        description: `Valkey instance ${name} (${mode}), managed through Backstage`,
        type: 'application',
        version: '1.0.0',
        dependencies: [dependency],
      }),
    },
    {
      path: '.helmignore',
      content: [
        'argocd/',
        'secrets/',
        'catalog-info.yaml',
        'README.md',
        '',
      ].join('\n'),
    },
  ];
  if (source === 'vendored') {
    for (const [path, content] of Object.entries(chart.files ?? {})) {
      files.push({ path: `${VENDORED_CHART_DIR}/${path}`, content });
    }
  }
  return files;
}
