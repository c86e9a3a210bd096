import { defaultChartPath, loadChart } from '../chart/loadChart';
import { gitopsConfig, specsByMode } from './__fixtures__/fixtures';
import { renderGitops } from './render';
import { environmentFilePaths } from './staleFiles';

const chart = loadChart(defaultChartPath()!, { withFiles: true });

describe('staleFiles', () => {
  const both = renderGitops({
    spec: specsByMode.replication,
    config: gitopsConfig,
    chart,
  });
  const devOnly = renderGitops({
    spec: { ...specsByMode.replication, environments: [{ name: 'dev' }] },
    config: gitopsConfig,
    chart,
  });

  it('names every file of an environment the spec no longer lists', () => {
    const stagingFiles = both.files
      .map(f => f.path)
      .filter(p => /(^|[-/])staging[-./]/.test(p));
    expect(stagingFiles.length).toBeGreaterThan(2);
    expect(devOnly.staleFiles).toEqual(expect.arrayContaining(stagingFiles));
  });

  it('never names a file the render writes', () => {
    for (const result of [both, devOnly]) {
      const written = new Set(result.files.map(f => f.path));
      expect(result.staleFiles.filter(p => written.has(p))).toEqual([]);
    }
  });

  it('covers exactly what the renderer writes per environment', () => {
    // every environment-specific file of a render is one environmentFilePaths knows
    for (const env of ['dev', 'staging']) {
      const known = new Set(environmentFilePaths('orders-cache', env));
      const envFiles = both.files
        .map(f => f.path)
        .filter(p => p.includes(`${env}.yaml`) || p.includes(`${env}-`));
      expect(envFiles.filter(p => !known.has(p))).toEqual([]);
    }
  });

  it('lists only the instance folder’s own names, not the sealed Secrets an operator commits', () => {
    expect(
      devOnly.staleFiles.filter(p => p.endsWith('.sealedsecret.yaml')),
    ).toEqual([]);
    expect(
      devOnly.staleFiles.every(p => !p.startsWith('/') && !p.includes('..')),
    ).toBe(true);
  });
});
