import * as annotations from './annotations';

describe('annotation names', () => {
  it('are valid Kubernetes-style qualified annotation keys', () => {
    const key =
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
    const names = Object.entries(annotations)
      .filter(([exportName]) => exportName.endsWith('_ANNOTATION'))
      .map(([, value]) => value);
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      expect(name).toMatch(key);
    }
  });

  it('are distinct', () => {
    const names = Object.entries(annotations)
      .filter(([exportName]) => exportName.endsWith('_ANNOTATION'))
      .map(([, value]) => value);
    expect(new Set(names).size).toBe(names.length);
  });
});
