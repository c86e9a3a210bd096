/*
 * helm lint + helm template over every values file in charts/valkey/ci, and
 * every rendered object validated against the Kubernetes / CRD schemas.
 */
import fs from 'fs';
import path from 'path';
import {
  chartDir,
  CRD_API_VERSIONS,
  helmTemplate,
  mapLimit,
  runHelm,
  K8sObject,
} from '../lib/helm';
import { validateObjects } from '../lib/k8sValidate';

jest.setTimeout(240_000);

const ciDir = path.join(chartDir, 'ci');
const valuesFiles = fs
  .readdirSync(ciDir)
  .filter(f => f.endsWith('-values.yaml'))
  .sort();

type Rendered = {
  file: string;
  lint: { code: number; out: string };
  template: { code: number; stderr: string; objects: K8sObject[] };
};
let rendered: Rendered[] = [];

beforeAll(async () => {
  rendered = await mapLimit(valuesFiles, 4, async file => {
    const f = path.join(ciDir, file);
    const lint = await runHelm(['lint', chartDir, '-f', f]);
    const kubeVersion = file.includes('kube-1.23') ? '1.23.0' : '1.30.0';
    const t = await helmTemplate({
      release: 'rel',
      namespace: 'data',
      valuesFiles: [f],
      apiVersions: CRD_API_VERSIONS,
      kubeVersion,
    });
    return {
      file,
      lint: { code: lint.code, out: lint.stdout + lint.stderr },
      template: { code: t.code, stderr: t.stderr, objects: t.objects },
    };
  });
});

describe('values matrix (charts/valkey/ci)', () => {
  it('has at least 40 values files covering every mode and both variants', () => {
    expect(valuesFiles.length).toBeGreaterThanOrEqual(40);
    for (const mode of ['standalone', 'replication', 'sentinel', 'cluster']) {
      expect(valuesFiles.some(f => f.startsWith(`${mode}-`))).toBe(true);
      expect(
        valuesFiles.some(
          f => f.startsWith(`${mode}-`) && f.includes('hardened'),
        ),
      ).toBe(true);
    }
  });

  it('helm lint passes for every values file', () => {
    const failures = rendered
      .filter(r => r.lint.code !== 0)
      .map(r => `${r.file}: ${r.lint.out}`);
    expect(failures).toEqual([]);
  });

  it('helm template renders every values file', () => {
    const failures = rendered
      .filter(r => r.template.code !== 0 || r.template.objects.length === 0)
      .map(r => `${r.file}: ${r.template.stderr}`);
    expect(failures).toEqual([]);
  });

  it('every rendered object passes its Kubernetes or CRD schema', async () => {
    const items = rendered.flatMap(r =>
      r.template.objects.map((o, i) => ({
        id: `${r.file}#${i} ${o.kind}/${o.metadata?.name}`,
        object: o,
      })),
    );
    expect(items.length).toBeGreaterThan(400);
    const results = await validateObjects(items);
    expect(results).toHaveLength(items.length);
    const failures = results.filter(r => !r.ok).map(r => `${r.id}: ${r.error}`);
    expect(failures).toEqual([]);
    const kinds = new Set(results.map(r => r.kind));
    for (const k of [
      'StatefulSet',
      'Deployment',
      'Service',
      'Certificate',
      'ServiceMonitor',
      'PodMonitor',
      'PrometheusRule',
      'VerticalPodAutoscaler',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'CronJob',
      'Job',
    ]) {
      expect(kinds).toContain(k);
    }
  });

  it('the schema validator rejects a broken object (control)', async () => {
    const [r] = await validateObjects([
      {
        id: 'broken',
        object: {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'x' },
          spec: { replicas: 'three' },
        },
      },
    ]);
    expect(r.ok).toBe(false);
  });

  it('no object name exceeds 63 characters and names are unique per kind', () => {
    for (const r of rendered) {
      const seen = new Set<string>();
      for (const o of r.template.objects) {
        expect(o.metadata.name.length).toBeLessThanOrEqual(63);
        const key = `${o.kind}/${o.metadata.name}`;
        expect(seen.has(key) ? `${r.file}: duplicate ${key}` : '').toBe('');
        seen.add(key);
      }
    }
  });
});
