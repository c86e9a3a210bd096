import { compareVersions } from './versions';

describe('compareVersions', () => {
  it('orders versions by number, not as text', () => {
    expect(['8.0.10', '7.2.4', '8.0.2'].sort(compareVersions)).toEqual([
      '7.2.4',
      '8.0.2',
      '8.0.10',
    ]);
  });
  it('compares mixed-node lists part by part', () => {
    expect(compareVersions('8.0.1, 8.0.2', '8.0.1, 8.0.10')).toBeLessThan(0);
  });
  it('falls back to text for what is not a version', () => {
    expect(compareVersions('unknown', '8.0.1')).toBe(
      'unknown'.localeCompare('8.0.1'),
    );
  });
});
