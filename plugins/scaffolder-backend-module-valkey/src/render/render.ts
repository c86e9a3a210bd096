/**
 * The renderer: instance spec + `valkey.gitops` config + chart facts -> the
 * files of a GitOps folder, in memory. Pure: no I/O, no clock, no randomness;
 * the same input gives byte-identical files. Every refusal is collected and
 * thrown once as a RenderError naming field and environment.
 */
import {
  EnvironmentConnection,
  isDnsLabel,
  ValkeyInstanceSpec,
  parseValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import { CronExpressionParser } from 'cron-parser';
import type { GitopsConfig } from '../config/gitopsConfig';
import { argoApplication } from './argocd';
import { catalogEntity, entityRefOf } from './catalogEntity';
import {
  deepMerge,
  fixedEnvironmentValues,
  instanceValues,
  jsonEqual,
  leafDiff,
  modeDefaults,
  overrideValues,
  sharedValues,
  valueAt,
} from './mergeValues';
import { checkPolicy } from './policy';
import { pullRequestBody } from './prBody';
import { readme, ReadmeEnvironment } from './readme';
import { RenderError } from './renderError';
import { renderSecretFiles, requiredSecrets } from './secrets';
import { storedSpecFile } from './storedSpec';
import { summarizeEnvironment } from './summary';
import { staleFilePaths } from './staleFiles';
import { environmentConnection } from './connection';
import type {
  ChartInput,
  EnvironmentSummary,
  RenderedFile,
  RenderInput,
  RenderIssue,
  RenderResult,
  Values,
} from './types';
import { checkAgainstChartSchema } from './valuesSchema';
import { chartSourceOf, wrapperChartFiles } from './wrapperChart';
import { toYaml } from './yamlText';

export function targetPathOf(
  spec: Pick<ValkeyInstanceSpec, 'name'>,
  config: GitopsConfig,
  newRepository: boolean,
) {
  return newRepository
    ? '.'
    : config.targetPathPattern.replace(/\{name\}/g, spec.name);
}

function namespaceOf(pattern: string, name: string): string {
  return pattern.replace(/\{name\}/g, name);
}

/** Parses untrusted spec input, then renders; spec problems come back as RenderError too. */
export function renderFromInput(
  rawSpec: unknown,
  config: GitopsConfig,
  chart: ChartInput,
  repository?: { url: string },
): RenderResult {
  const parsed = parseValkeyInstanceSpec(rawSpec);
  if (!parsed.success) throw new RenderError(parsed.issues);
  return renderGitops({ spec: parsed.spec, config, chart, repository });
}

export function renderGitops(input: RenderInput): RenderResult {
  const { spec, config, chart } = input;
  const issues: RenderIssue[] = [];
  const source = chartSourceOf(config, spec.chart?.source);
  if (
    source === 'repository' &&
    !(config.chart.repository && config.chart.version)
  ) {
    issues.push({
      field: 'chart.source',
      message:
        'the chart repository is not configured (valkey.gitops.chart.repository and .version); use chart source "vendored"',
    });
  }
  if (source === 'vendored' && !chart.files) {
    issues.push({
      field: 'chart.source',
      message: 'the vendored chart files were not provided to the renderer',
    });
  }

  const known = new Map(config.environments.map(e => [e.name, e]));
  spec.environments.forEach((env, i) => {
    if (!known.has(env.name)) {
      issues.push({
        field: `environments[${i}].name`,
        message: `"${
          env.name
        }" is not a configured environment; choose one of ${[
          ...known.keys(),
        ].join(', ')}`,
      });
    }
  });
  if (issues.length) throw new RenderError(issues);

  const targetPath = targetPathOf(spec, config, Boolean(input.repository));
  const repoUrl = input.repository?.url ?? config.repoUrl;
  const shared = sharedValues(spec);
  const instanceOnly = instanceValues(spec);

  const files: RenderedFile[] = [];
  const summaries: EnvironmentSummary[] = [];
  const readmeEnvironments: ReadmeEnvironment[] = [];
  const connections: EnvironmentConnection[] = [];

  spec.environments.forEach((envSpec, i) => {
    const envConfig = known.get(envSpec.name)!;
    const envIssues: RenderIssue[] = [];
    const namespace = namespaceOf(envConfig.destination.namespace, spec.name);
    if (!isDnsLabel(namespace)) {
      envIssues.push({
        environment: envSpec.name,
        field: 'name',
        message: `the namespace "${namespace}" from valkey.gitops.environments[${envSpec.name}].destination.namespace is longer than 63 characters; choose a shorter name`,
      });
    }

    const merged = deepMerge(
      modeDefaults(spec.mode),
      envConfig.defaults as Values,
      instanceOnly,
      overrideValues(spec, envSpec.overrides),
    );
    const beforeFixed = deepMerge(chart.defaults, merged);
    const tlsEnabled = valueAt(beforeFixed, 'tls.enabled') === true;
    const backupEnabled = valueAt(beforeFixed, 'backup.enabled') === true;
    if (tlsEnabled && !envConfig.tls) {
      envIssues.push({
        environment: envSpec.name,
        field: envSpec.overrides?.tls?.enabled
          ? `environments[${i}].overrides.tls.enabled`
          : 'tls.enabled',
        rule: 'tlsIssuer',
        message: `this environment has no cert-manager issuer (valkey.gitops.environments[${envSpec.name}].tls), so TLS cannot be turned on here`,
      });
    }
    const effective = deepMerge(
      merged,
      fixedEnvironmentValues(envConfig, tlsEnabled, backupEnabled),
    );
    const full = deepMerge(chart.defaults, effective);

    if (backupEnabled) {
      const schedule = String(valueAt(full, 'backup.schedule'));
      if (!schedule.startsWith('@')) {
        try {
          CronExpressionParser.parse(schedule);
        } catch (e) {
          envIssues.push({
            environment: envSpec.name,
            field: envSpec.overrides?.backups?.schedule
              ? `environments[${i}].overrides.backups.schedule`
              : 'backups.schedule',
            message: `"${schedule}" is not a valid cron schedule (${
              (e as Error).message
            })`,
          });
        }
      }
    }
    for (const problem of checkAgainstChartSchema(chart.schema, full)) {
      envIssues.push({
        environment: envSpec.name,
        field: `values.${problem.field}`,
        message: `${problem.message} (chart values.schema.json)`,
      });
    }
    envIssues.push(...checkPolicy(envSpec.name, i, envConfig.policy, full));
    if (envIssues.length) {
      issues.push(...envIssues);
      return;
    }

    const envFile = leafDiff(effective, shared);
    if (!jsonEqual(deepMerge(shared, envFile), effective)) {
      // An environment default replaced a whole object the instance also sets.
      issues.push({
        environment: envSpec.name,
        field: 'values',
        message:
          'the environment defaults from config cannot be layered under the instance values; check valkey.gitops.environments[].defaults',
      });
      return;
    }
    files.push({
      path: `values-${envSpec.name}.yaml`,
      content: toYaml(
        { valkey: envFile },
        {
          sortKeys: true,
          comment: ` Environment ${envSpec.name}: merged over values.yaml (see README.md). Rendered by valkey:gitops:render.`,
        },
      ),
    });
    files.push({
      path: `argocd/${envSpec.name}.yaml`,
      content: toYaml(
        argoApplication({
          instance: spec.name,
          environment: envSpec.name,
          server: envConfig.destination.server,
          namespace,
          config,
          repoUrl,
          targetPath,
        }),
      ),
    });
    const aclUsers = (
      valueAt(full, 'acl.enabled') === true
        ? Object.keys((valueAt(full, 'acl.users') as Values | undefined) ?? {})
        : []
    ).sort();
    const needs = {
      instance: spec.name,
      environment: envSpec.name,
      namespace,
      authEnabled: valueAt(full, 'auth.enabled') === true,
      aclUsers,
      consumerSecrets: (spec.auth?.aclUsers ?? []).flatMap(user =>
        user.consumerNamespace
          ? [{ user: user.name, namespace: user.consumerNamespace }]
          : [],
      ),
    };
    files.push(...renderSecretFiles(needs, config));
    const connection = environmentConnection(
      spec,
      envSpec.name,
      namespace,
      full,
      aclUsers,
    );
    connections.push(connection);
    const summary = summarizeEnvironment(
      envSpec.name,
      envConfig.destination.server,
      namespace,
      full,
    );
    summaries.push(summary);
    readmeEnvironments.push({
      summary,
      connection,
      secrets: requiredSecrets(needs),
      secretsProvider: config.secrets.provider,
    });
  });
  if (issues.length) throw new RenderError(issues);

  files.push(
    ...wrapperChartFiles({
      name: spec.name,
      mode: spec.mode,
      source,
      config,
      chart,
    }),
  );
  files.push({
    path: 'values.yaml',
    content: toYaml(
      { valkey: shared },
      {
        sortKeys: true,
        comment: ` Values of ${spec.name} shared by every environment. Rendered by valkey:gitops:render.`,
      },
    ),
  });
  files.push({
    path: 'catalog-info.yaml',
    content: toYaml(catalogEntity(spec, connections)),
  });
  files.push({ path: 'README.md', content: readme(spec, readmeEnvironments) });
  files.push(storedSpecFile(spec));
  files.sort((a, b) => {
    if (a.path === b.path) return 0;
    return a.path < b.path ? -1 : 1;
  });

  const entityRef = entityRefOf(spec);
  return {
    targetPath,
    entityRef,
    files,
    staleFiles: staleFilePaths(spec.name, config, files),
    environments: summaries,
    pullRequestBody: pullRequestBody({
      spec,
      targetPath,
      entityRef,
      environments: summaries,
      secretsProvider: config.secrets.provider,
      argocdNamespace: config.argocd.namespace,
      fileCount: files.length,
    }),
  };
}
