import { defaultChartPath, loadChart } from '../chart/loadChart';
import { gitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import { checkForm } from './checkForm';
import { describePolicy } from './describePolicy';

const chart = loadChart(defaultChartPath()!, { withFiles: false });
const check = (spec: unknown) => checkForm(spec, gitopsConfig, chart).check;

describe('describePolicy', () => {
  it.each([
    [{}, 'no extra requirements'],
    [{ requireTls: true }, 'needs TLS'],
    [
      {
        requireHighAvailability: true,
        requireTls: true,
        requireBackups: true,
      },
      'needs high availability (Sentinel or cluster), TLS and scheduled backups',
    ],
    [
      { allowedSizes: ['large', 'xlarge'], requireAuth: true },
      'needs password authentication; sizes large, xlarge only',
    ],
  ])('%j -> %s', (policy, words) => {
    expect(
      describePolicy({
        requireAuth: false,
        requireTls: false,
        requireBackups: false,
        requireHighAvailability: false,
        requirePersistence: false,
        ...(policy as object),
      }),
    ).toBe(words);
  });
});

describe('checkForm', () => {
  it('passes a spec the renderer accepts, with its effective settings', () => {
    const result = check(specsByMode.sentinel);
    expect(result.ok).toBe(true);
    expect(result.environments.map(e => e.name)).toEqual(['staging', 'prod']);
  });

  it('tells a name problem in words, not as a pattern', () => {
    const result = check({ ...specsByMode.standalone, name: 'Orders' });
    expect(result.problems).toEqual([
      {
        field: 'name',
        label: 'Instance name',
        message: expect.stringMatching(
          /^Start the name with a lowercase letter/,
        ),
      },
    ]);
  });

  it('names the page to change for a policy rule of one environment', () => {
    const result = check({
      ...specsByMode.replication,
      environments: [{ name: 'prod' }],
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          environment: 'prod',
          field: 'tls.enabled',
          label: 'TLS',
          message: expect.stringMatching(
            /^prod needs TLS: turn TLS on \(Security page\)/,
          ),
        },
      ]),
    );
    for (const p of result.problems) {
      expect(p.message).not.toMatch(/valkey\.gitops|overrides|values\.schema/);
    }
  });

  it('explains TLS where no certificate issuer is set up', () => {
    const result = check({
      ...specsByMode.replication,
      environments: [{ name: 'dev', overrides: { tls: { enabled: true } } }],
    });
    expect(result.problems[0].message).toMatch(
      /^TLS cannot be turned on in dev: no certificate issuer is set up there/,
    );
  });
});
