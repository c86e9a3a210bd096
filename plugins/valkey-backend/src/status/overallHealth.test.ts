import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { overallHealth } from './overallHealth';
import { summaryLine } from './summaryLine';

/** Status documents recorded from real Valkey processes (npm run record-fixtures). */
const recorded = resolve(
  __dirname,
  '../../../valkey-common/src/__fixtures__/status',
);
const load = (name: string): InstanceStatus =>
  JSON.parse(readFileSync(resolve(recorded, `${name}.json`), 'utf8'));

describe('overallHealth and summaryLine on recorded status documents', () => {
  it.each(readdirSync(recorded).map(f => f.replace(/\.json$/, '')))(
    'recomputes the recorded health and summary of %s',
    name => {
      const status = load(name);
      expect(
        overallHealth(status.topology, status.backup, status.problems),
      ).toBe(status.health);
      expect(summaryLine(status.topology, status.backup, status.problems)).toBe(
        status.summary,
      );
    },
  );

  it.each([
    ['cluster-healthy', 'healthy'],
    ['cluster-failed-primary', 'degraded'],
    ['cluster-pfail', 'down'],
    ['sentinel', 'healthy'],
    ['sentinel-noquorum', 'degraded'],
    ['standalone-auth-failed', 'unknown'],
  ])('%s is %s', (name, health) => {
    expect(load(name).health).toBe(health);
  });

  it('is down when the endpoint is unreachable and unknown when only the credentials fail', () => {
    const problem = (kind: 'unreachable' | 'auth-failed') => [
      {
        section: 'connection' as const,
        kind,
        message: 'x',
        node: '10.0.0.1:6379',
      },
    ];
    expect(overallHealth(undefined, undefined, problem('unreachable'))).toBe(
      'down',
    );
    expect(overallHealth(undefined, undefined, problem('auth-failed'))).toBe(
      'unknown',
    );
  });

  it('degrades a healthy topology when the backup is stale', () => {
    const status = load('cluster-healthy');
    expect(
      overallHealth(status.topology, { ...status.backup!, stale: true }, []),
    ).toBe('degraded');
  });
});
