import type { ValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { parse } from 'yaml';
import { defaultChartPath, loadChart } from '../chart/loadChart';
import { parseGitopsConfig } from '../config/gitopsConfig';
import {
  gitopsConfig,
  rawGitopsConfig,
  specsByMode,
} from './__fixtures__/fixtures';
import { deepMerge } from './mergeValues';
import { renderGitops, renderFromInput } from './render';
import { RenderError } from './renderError';
import type { RenderResult, Values } from './types';

const chart = loadChart(defaultChartPath()!, { withFiles: true });
const render = (spec: ValkeyInstanceSpec, config = gitopsConfig) =>
  renderGitops({ spec, config, chart });

function file(result: RenderResult, path: string): string {
  const found = result.files.find(f => f.path === path);
  if (!found)
    throw new Error(
      `no ${path} in ${result.files.map(f => f.path).join(', ')}`,
    );
  return found.content;
}

function effectiveValues(result: RenderResult, env: string): Values {
  return deepMerge(
    parse(file(result, 'values.yaml')).valkey,
    parse(file(result, `values-${env}.yaml`)).valkey,
  );
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return (e as RenderError).issues;
  }
  throw new Error('expected a RenderError');
}

describe('renderGitops', () => {
  it('is deterministic: the same input gives byte-identical files', () => {
    for (const spec of Object.values(specsByMode)) {
      const a = render(spec);
      const b = render(structuredClone(spec));
      expect(b.files).toEqual(a.files);
      expect(b.pullRequestBody).toBe(a.pullRequestBody);
    }
  });

  it('does not depend on the key order of the config defaults', () => {
    const reordered = structuredClone(rawGitopsConfig);
    reordered.environments[2].defaults = {
      metrics: { serviceMonitor: { enabled: true }, enabled: true },
    } as any;
    const a = render(specsByMode.sentinel);
    const b = render(specsByMode.sentinel, parseGitopsConfig(reordered));
    expect(b.files).toEqual(a.files);
  });

  it('merges chart < mode < environment defaults < instance < overrides', () => {
    const spec: ValkeyInstanceSpec = {
      ...specsByMode.replication,
      size: 'small',
      persistence: undefined,
      environments: [
        { name: 'dev' },
        { name: 'staging', overrides: { size: 'large' } },
      ],
    };
    const result = render(spec);
    const dev = effectiveValues(result, 'dev');
    // the instance's size beats the dev default (nano) ...
    expect(dev.resourcePreset).toBe('small');
    // ... and the dev default applies where the instance says nothing
    expect((dev.persistence as Values).size).toBe('2Gi');
    expect((dev.podAntiAffinityPreset as Values).type).toBe('soft');
    const staging = effectiveValues(result, 'staging');
    expect(staging.resourcePreset).toBe('large');
    expect((staging.metrics as Values).enabled).toBe(true);
  });

  it('computes cluster size from shards and replicas per primary across instance and overrides', () => {
    const result = render(specsByMode.cluster);
    expect((effectiveValues(result, 'dev').cluster as Values).replicas).toBe(6);
    expect((effectiveValues(result, 'prod').cluster as Values).replicas).toBe(
      12,
    );
    expect((effectiveValues(result, 'prod').cluster as Values).init).toEqual({
      hookType: 'argocd',
    });
  });

  it('refers to Secrets for every password and writes no password', () => {
    const result = render(specsByMode.replication);
    const values = effectiveValues(result, 'dev');
    expect(values.auth).toMatchObject({ existingSecret: 'orders-cache-auth' });
    expect((values.acl as any).users['orders-api']).toEqual({
      permissions: '~* &* +@all -@admin -@dangerous',
      existingPasswordSecret: 'orders-cache-acl-users',
      passwordKey: 'orders-api',
    });
    for (const f of result.files) {
      expect(f.content).not.toMatch(/^\s*password:/m);
    }
  });

  it('writes ExternalSecrets when the provider is external-secrets', () => {
    const config = parseGitopsConfig({
      ...rawGitopsConfig,
      secrets: {
        provider: 'external-secrets',
        externalSecrets: { storeName: 'vault' },
      },
    });
    const result = render(specsByMode.replication, config);
    const es = parse(file(result, 'secrets/staging-orders-cache-auth.yaml'));
    expect(es).toMatchObject({
      kind: 'ExternalSecret',
      metadata: {
        name: 'orders-cache-auth',
        namespace: 'orders-cache-staging',
      },
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'orders-cache-auth' },
      },
    });
    expect(es.spec.data.map((d: any) => d.remoteRef.key)).toEqual([
      'valkey/staging/orders-cache',
      'valkey/staging/orders-cache',
    ]);
  });

  const syncWave = (meta: any) =>
    Number(meta?.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);

  it('orders ExternalSecrets before the chart in Argo CD (sync waves)', () => {
    const config = parseGitopsConfig({
      ...rawGitopsConfig,
      secrets: {
        provider: 'external-secrets',
        externalSecrets: { storeName: 'vault' },
      },
    });
    const result = render(specsByMode.replication, config);
    for (const env of ['dev', 'staging']) {
      const values = effectiveValues(result, env);
      const chartWave = syncWave({ annotations: values.commonAnnotations });
      expect(chartWave).toBe(1);
      const secrets = result.files
        .filter(f => f.path.startsWith(`secrets/${env}-`))
        .map(f => parse(f.content));
      expect(secrets.length).toBeGreaterThan(0);
      expect(secrets.map(es => es.kind)).toEqual(
        secrets.map(() => 'ExternalSecret'),
      );
      expect(secrets.map(es => syncWave(es.metadata))).toEqual(
        secrets.map(() => 0),
      );
    }
  });

  it('orders SealedSecrets (wave 0, no annotation from kubeseal) before the chart', () => {
    const result = render(specsByMode.replication);
    for (const env of ['dev', 'staging']) {
      const values = effectiveValues(result, env);
      expect(syncWave({ annotations: values.commonAnnotations })).toBe(1);
      const readme = file(result, `secrets/${env}-README.md`);
      expect(readme).toContain(
        'The SealedSecrets sync in wave 0 and Valkey in wave 1',
      );
      expect(readme).not.toContain('sync-wave');
    }
  });

  describe('an ACL user granted to a consumer', () => {
    const granted: ValkeyInstanceSpec = {
      ...specsByMode.replication,
      auth: {
        aclUsers: [
          { name: 'orders-api', permissions: 'read-write' },
          {
            name: 'checkout',
            permissions: 'read-only',
            keyPrefix: 'checkout',
            consumer: 'component:default/checkout',
            consumerNamespace: 'shop',
          },
        ],
      },
    };

    it('gets an ExternalSecret in the consumer namespace reading the same password', () => {
      const config = parseGitopsConfig({
        ...rawGitopsConfig,
        secrets: {
          provider: 'external-secrets',
          externalSecrets: { storeName: 'vault' },
        },
      });
      const result = render(granted, config);
      const users = parse(
        file(result, 'secrets/staging-orders-cache-acl-users.yaml'),
      );
      const copy = parse(
        file(result, 'secrets/staging-orders-cache-acl-checkout.yaml'),
      );
      expect(copy).toMatchObject({
        kind: 'ExternalSecret',
        metadata: { name: 'orders-cache-acl-checkout', namespace: 'shop' },
        spec: {
          target: {
            name: 'orders-cache-acl-checkout',
            template: { mergePolicy: 'Merge', data: { username: 'checkout' } },
          },
          data: [
            {
              secretKey: 'password',
              remoteRef: users.spec.data.find(
                (d: any) => d.secretKey === 'checkout',
              ).remoteRef,
            },
          ],
        },
      });
      // Only the granted user gets a copy, and nothing holds a password.
      expect(
        result.files.filter(f => f.path.includes('acl-orders-api')),
      ).toEqual([]);
      for (const f of result.files) {
        expect(f.content).not.toMatch(/^\s*password:\s*\S/m);
      }
    });

    it('gets sealing commands that read the password through a pipe, never as an argument', () => {
      const readme = file(render(granted), 'secrets/dev-README.md');
      expect(readme).toContain(
        '## Secret `orders-cache-acl-checkout` in namespace `shop`',
      );
      expect(readme).toContain(
        "--from-file=password=<(kubectl get secret orders-cache-acl-users --namespace valkey-dev -o jsonpath='{.data.checkout}' | base64 -d)",
      );
      expect(readme).toContain(
        '> secrets/dev-orders-cache-acl-checkout.sealedsecret.yaml',
      );
    });

    it('limits the user to its prefix in the values', () => {
      const values = parse(file(render(granted), 'values.yaml'));
      expect(values.valkey.acl.users.checkout.permissions).toBe(
        '~checkout:* &checkout:* -@all +@read +@connection',
      );
      expect(values.valkey.acl.users['orders-api'].permissions).toBe(
        '~* &* +@all -@admin -@dangerous',
      );
    });
  });

  it('vendors the chart with a file:// dependency when the source is vendored', () => {
    const result = render({
      ...specsByMode.standalone,
      chart: { source: 'vendored' },
    });
    expect(parse(file(result, 'Chart.yaml')).dependencies).toEqual([
      {
        name: 'valkey',
        version: chart.version,
        repository: 'file://charts/valkey',
      },
    ]);
    expect(file(result, 'charts/valkey/values.schema.json')).toBe(
      chart.files!['values.schema.json'],
    );
    expect(result.files.some(f => f.path.startsWith('charts/valkey/ci/'))).toBe(
      false,
    );
  });

  describe('day 2', () => {
    const base = specsByMode.replication;
    const before = new Map(render(base).files.map(f => [f.path, f.content]));
    const changedPaths = (spec: ValkeyInstanceSpec) => {
      const after = new Map(render(spec).files.map(f => [f.path, f.content]));
      const paths = new Set([...before.keys(), ...after.keys()]);
      return [...paths].filter(p => before.get(p) !== after.get(p)).sort();
    };

    it("adding an environment leaves the other environments' files and values.yaml unchanged", () => {
      const config = parseGitopsConfig({
        ...rawGitopsConfig,
        environments: [
          ...rawGitopsConfig.environments,
          {
            name: 'qa',
            destination: {
              server: 'https://qa.k8s.example.com',
              namespace: 'valkey-qa',
            },
          },
        ],
      });
      const afterFiles = new Map(
        renderGitops({
          spec: {
            ...base,
            environments: [...base.environments, { name: 'qa' }],
          },
          config,
          chart,
        }).files.map(f => [f.path, f.content]),
      );
      const touched = [...afterFiles.keys()]
        .filter(p => before.get(p) !== afterFiles.get(p))
        .sort();
      expect(touched).toEqual([
        'README.md',
        'argocd/qa.yaml',
        'catalog-info.yaml',
        'instance.yaml',
        'secrets/qa-README.md',
        'values-qa.yaml',
      ]);
    });

    it('resizing changes only values.yaml (and the README and stored spec describing it)', () => {
      expect(changedPaths({ ...base, size: 'large' })).toEqual([
        'README.md',
        'instance.yaml',
        'values.yaml',
      ]);
    });

    it('turning on TLS in one environment changes only that environment', () => {
      const standalone = specsByMode.standalone;
      const beforeTls = new Map(
        render(standalone).files.map(f => [f.path, f.content]),
      );
      const afterTls = render({
        ...standalone,
        environments: [
          standalone.environments[0],
          {
            name: 'staging',
            overrides: { size: 'small', tls: { enabled: true } },
          },
        ],
      }).files;
      const touched = afterTls
        .filter(f => beforeTls.get(f.path) !== f.content)
        .map(f => f.path);
      // catalog-info.yaml carries each environment's connection facts (TLS among them)
      expect(touched.sort()).toEqual([
        'README.md',
        'catalog-info.yaml',
        'instance.yaml',
        'values-staging.yaml',
      ]);
      expect(afterTls).toHaveLength(beforeTls.size);
    });
  });
});

describe('refusals', () => {
  it('names the unknown environment and lists the configured ones', () => {
    const issues = issuesOf(() =>
      render({ ...specsByMode.standalone, environments: [{ name: 'qa' }] }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'environments[0].name',
        message: expect.stringContaining('dev, staging, prod'),
      }),
    ]);
  });

  it('checks policy after merging and names field and environment', () => {
    const issues = issuesOf(() =>
      render({ ...specsByMode.standalone, environments: [{ name: 'prod' }] }),
    );
    const fields = issues.map(i => `${i.environment}:${i.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'prod:mode',
        'prod:tls.enabled',
        'prod:backups.enabled',
        'prod:persistence.enabled',
      ]),
    );
  });

  it('refuses TLS in an environment without an issuer', () => {
    const issues = issuesOf(() =>
      render({
        ...specsByMode.standalone,
        environments: [{ name: 'dev', overrides: { tls: { enabled: true } } }],
      }),
    );
    expect(issues[0]).toMatchObject({
      environment: 'dev',
      field: 'environments[0].overrides.tls.enabled',
    });
  });

  it('checks merged values against the chart schema, naming the value and environment', () => {
    const config = parseGitopsConfig({
      ...rawGitopsConfig,
      environments: [
        {
          ...rawGitopsConfig.environments[0],
          defaults: { persistence: { sizee: '1Gi' } },
        },
      ],
    });
    const issues = issuesOf(() =>
      render(
        { ...specsByMode.standalone, environments: [{ name: 'dev' }] },
        config,
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        environment: 'dev',
        field: 'values.persistence.sizee',
      }),
    ]);
  });

  it('reports spec problems from raw input with their field', () => {
    const issues = issuesOf(() =>
      renderFromInput(
        { ...specsByMode.standalone, name: '../etc' },
        gitopsConfig,
        chart,
      ),
    );
    expect(issues[0].field).toBe('name');
  });
});
