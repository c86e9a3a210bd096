import { InputError } from '@backstage/errors';
import type { ValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { defaultChartPath, loadChart } from '../chart/loadChart';
import { gitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import { renderGitops } from '../render/render';
import { planChange } from './planChange';

const chart = loadChart(defaultChartPath()!, { withFiles: true });
const filesOf = (spec: ValkeyInstanceSpec) =>
  renderGitops({ spec, config: gitopsConfig, chart }).files;

const stored = specsByMode.replication;
const storedFiles = filesOf(stored);

function plan(newSpec: ValkeyInstanceSpec, confirmDestructive = false) {
  return planChange({
    storedFiles,
    newSpec,
    newFiles: filesOf(newSpec),
    confirmDestructive,
  });
}

describe('planChange', () => {
  it('an unchanged spec changes no file', () => {
    const { diff, destructive } = plan(stored);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.deleted).toEqual([]);
    expect(destructive).toEqual([]);
  });

  it('a size change touches instance.yaml and the values, not the chart or the Argo CD files', () => {
    const { diff, destructive } = plan({ ...stored, size: 'medium' });
    expect(destructive).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.deleted).toEqual([]);
    expect(diff.changed).toEqual(
      expect.arrayContaining(['instance.yaml', 'values.yaml']),
    );
    expect(
      diff.changed.filter(p => /^(Chart\.yaml|argocd\/|charts\/)/.test(p)),
    ).toEqual([]);
  });

  it('refuses a destructive change without confirmation and names what would be lost', () => {
    const fewer = {
      ...stored,
      environments: [stored.environments[0]],
    };
    let error: unknown;
    try {
      plan(fewer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(
      'staging is removed: the instance there and its data are deleted',
    );
    const confirmed = plan(fewer, true);
    expect(confirmed.destructive.map(d => d.kind)).toEqual([
      'environment-removed',
    ]);
    expect(confirmed.diff.deleted).toEqual(
      expect.arrayContaining([
        'argocd/staging.yaml',
        'values-staging.yaml',
        'secrets/staging-README.md',
      ]),
    );
    expect(confirmed.diff.deleted.every(p => p.includes('staging'))).toBe(true);
  });

  it("never deletes files the template did not write (an operator's sealed Secret), even with the environment they name removed", () => {
    const withOperatorFiles = [
      ...storedFiles,
      { path: 'secrets/staging-orders-cache-auth.sealed.yaml', content: 'x' },
      { path: 'NOTES.md', content: 'ours, says the team' },
    ];
    const fewer = { ...stored, environments: [stored.environments[0]] };
    const confirmed = planChange({
      storedFiles: withOperatorFiles,
      newSpec: fewer,
      newFiles: filesOf(fewer),
      confirmDestructive: true,
    });
    expect(confirmed.diff.deleted).toContain('values-staging.yaml');
    expect(confirmed.diff.deleted).not.toContain(
      'secrets/staging-orders-cache-auth.sealed.yaml',
    );
    expect(confirmed.diff.deleted).not.toContain('NOTES.md');
    expect(confirmed.kept.sort()).toEqual([
      'NOTES.md',
      'secrets/staging-orders-cache-auth.sealed.yaml',
    ]);
  });

  it('refuses a folder without instance.yaml and a stored spec of another instance', () => {
    expect(() =>
      planChange({
        storedFiles: storedFiles.filter(f => f.path !== 'instance.yaml'),
        newSpec: stored,
        newFiles: storedFiles,
        confirmDestructive: true,
      }),
    ).toThrow(/holds no instance.yaml, so it is not an instance rendered/);
    expect(() =>
      planChange({
        storedFiles,
        newSpec: { ...stored, name: 'other-cache' },
        newFiles: storedFiles,
        confirmDestructive: true,
      }),
    ).toThrow(/describes "orders-cache"/);
  });
});
