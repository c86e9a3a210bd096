/*
 * The default PrometheusRule, rendered by the real helm: at least 8 rules in
 * every mode, each with a description and a runbook line, only metrics the
 * chart's exporter (or kube-state-metrics) really exports, thresholds from
 * values, valid for promtool, and each alert fires on the series it is about
 * and stays quiet on healthy ones (promtool test rules).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import YAML from 'yaml';
import {
  chartDir,
  CRD_API_VERSIONS,
  findObject,
  helmTemplate,
} from '../lib/helm';
import { alertCases, expectedAlerts, ns } from './alertCases';
import { alertMetrics, exporterImage, exporterTag } from './exporterMetrics';

jest.setTimeout(120_000);

type Rule = {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
const modes = ['standalone', 'replication', 'sentinel', 'cluster'] as const;
type Mode = (typeof modes)[number];

async function renderRules(
  set: Record<string, string | number | boolean>,
  extraArgs: string[] = [],
) {
  const r = await helmTemplate({
    release: 'rel',
    namespace: ns,
    apiVersions: CRD_API_VERSIONS,
    extraArgs,
    set: {
      'metrics.enabled': true,
      'metrics.prometheusRule.enabled': true,
      ...set,
    },
  });
  if (r.code !== 0) throw new Error(r.stderr);
  const pr = findObject(r.objects, 'PrometheusRule');
  if (!pr) throw new Error('no PrometheusRule rendered');
  return pr.spec.groups as { name: string; rules: Rule[] }[];
}

const rulesOf = async (
  set: Record<string, string | number | boolean>,
  extraArgs: string[] = [],
) => (await renderRules(set, extraArgs)).flatMap(g => g.rules);

const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/** Metric names in a PromQL expression (not functions, labels or keywords). */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    );
  const names = new Set<string>();
  for (const m of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || PROMQL_WORDS.has(m[1].toLowerCase())) continue;
    names.add(m[1]);
  }
  return [...names];
}

function promtool(args: string[], cwd: string) {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (r.error)
    throw new Error(
      `promtool not runnable (${r.error.message}); install it with scripts/install-system-deps.sh promtool`,
    );
  return r;
}

const byMode: Partial<Record<Mode, Rule[]>> = {};
const withBackup: Partial<Record<Mode, Rule[]>> = {};
let tmp = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));
  await Promise.all(
    modes.map(async mode => {
      byMode[mode] = await rulesOf({ mode });
      withBackup[mode] = await rulesOf({ mode, 'backup.enabled': true });
    }),
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('default alerts', () => {
  it.each(modes)('%s: at least 8 rules, exactly the ones that apply', mode => {
    const names = byMode[mode]!.map(r => r.alert);
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names).toEqual(expectedAlerts[mode]);
    expect(withBackup[mode]!.map(r => r.alert)).toEqual([
      ...names,
      'ValkeyBackupStale',
    ]);
  });

  it('every rule has a severity, a summary, a description and a runbook line', () => {
    for (const mode of modes) {
      for (const r of withBackup[mode]!) {
        expect([r.alert, r.labels.severity]).toEqual([
          r.alert,
          expect.stringMatching(/^(warning|critical)$/),
        ]);
        for (const key of ['summary', 'description', 'runbook'])
          expect([r.alert, key, r.annotations[key]?.length > 10]).toEqual([
            r.alert,
            key,
            true,
          ]);
        expect(r.annotations.runbook_url).toBeUndefined();
      }
    }
  });

  it('adds runbook_url anchors when a runbook base URL is set', async () => {
    const rules = await rulesOf({
      mode: 'sentinel',
      'metrics.prometheusRule.runbookBaseUrl':
        'https://runbooks.example.org/valkey',
    });
    const tilt = rules.find(r => r.alert === 'ValkeySentinelTilt')!;
    expect(tilt.annotations.runbook_url).toBe(
      'https://runbooks.example.org/valkey#valkeysentineltilt',
    );
    expect(rules.every(r => r.annotations.runbook_url)).toBe(true);
  });

  it('uses only metrics the exporter (or kube-state-metrics) exports', () => {
    const unknown: string[] = [];
    for (const mode of modes) {
      for (const r of withBackup[mode]!) {
        const names = metricNames(r.expr);
        expect([r.alert, names.length > 0]).toEqual([r.alert, true]);
        for (const n of names)
          if (!alertMetrics[n]) unknown.push(`${r.alert}: ${n}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the metric list was checked against the exporter image the chart runs', () => {
    const values = YAML.parse(
      fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'),
    );
    expect(values.metrics.image.repository).toBe(exporterImage);
    expect(values.metrics.image.tag).toBe(exporterTag);
  });

  it('the metric-name check itself rejects a name the exporter does not have', () => {
    expect(
      metricNames(
        'sum by (pod) (rate(redis_made_up_total{a="b"}[5m])) > on (pod) redis_up',
      ).sort(),
    ).toEqual(['redis_made_up_total', 'redis_up']);
  });

  it('takes its thresholds from values', async () => {
    const rules = await rulesOf(
      {
        mode: 'replication',
        'metrics.prometheusRule.thresholds.replicationLagSeconds': 12,
        'metrics.prometheusRule.thresholds.restartWindow': '2h',
      },
      // --set turns 0.75 into a string; a values file or --set-json keeps numbers
      ['--set-json', 'metrics.prometheusRule.thresholds.memoryUsedRatio=0.75'],
    );
    const expr = (a: string) => rules.find(r => r.alert === a)!.expr;
    expect(expr('ValkeyMemoryNearMaxmemory')).toMatch(/> 0\.75$/);
    expect(expr('ValkeyReplicationLag')).toMatch(/> 12$/);
    expect(expr('ValkeyRestartLoop')).toContain('[2h]');
  });

  it.each(modes)('%s: promtool accepts the rule file', mode => {
    const file = path.join(tmp, `${mode}-rules.yaml`);
    fs.writeFileSync(
      file,
      YAML.stringify({ groups: [{ name: mode, rules: withBackup[mode] }] }),
    );
    const r = promtool(['check', 'rules', file], tmp);
    expect(r.stderr + r.stdout).toContain(
      `SUCCESS: ${withBackup[mode]!.length} rules found`,
    );
    expect(r.status).toBe(0);
  });

  it.each(modes)(
    '%s: each alert fires on its symptom and stays quiet when healthy (promtool test rules)',
    mode => {
      const rules = withBackup[mode]!;
      // promtool compares annotations too; the expressions and "for" are what is tested
      const bare = rules.map(({ annotations: _a, ...r }) => r);
      const rulesFile = `${mode}-bare.yaml`;
      fs.writeFileSync(
        path.join(tmp, rulesFile),
        YAML.stringify({ groups: [{ name: mode, rules: bare }] }),
      );
      const tests = rules.flatMap(r => {
        const c = alertCases[r.alert];
        if (!c) throw new Error(`no firing/healthy case for ${r.alert}`);
        const check = (series: typeof c.firing, firing: boolean) => ({
          interval: '1m',
          input_series: series,
          alert_rule_test: [
            {
              eval_time: `${c.evalMinutes}m`,
              alertname: r.alert,
              exp_alerts: firing
                ? [{ exp_labels: { severity: r.labels.severity, ...c.labels } }]
                : [],
            },
          ],
        });
        return [check(c.firing, true), check(c.healthy, false)];
      });
      const testFile = path.join(tmp, `${mode}-test.yaml`);
      fs.writeFileSync(
        testFile,
        YAML.stringify({ rule_files: [rulesFile], tests }),
      );
      const r = promtool(['test', 'rules', testFile], tmp);
      expect(r.stdout + r.stderr).toContain('SUCCESS');
      expect(r.status).toBe(0);
    },
  );
});
