import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import { isValkeyAvailable } from './isValkeyAvailable';

describe('isValkeyAvailable', () => {
  const base = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    spec: { type: 'valkey' },
  };
  it('is true when the instance annotation is present', () => {
    expect(
      isValkeyAvailable({
        ...base,
        metadata: {
          name: 'a',
          annotations: { [VALKEY_INSTANCE_ANNOTATION]: 'a' },
        },
      }),
    ).toBe(true);
  });
  it('is false without it', () => {
    expect(isValkeyAvailable({ ...base, metadata: { name: 'a' } })).toBe(false);
  });
});
