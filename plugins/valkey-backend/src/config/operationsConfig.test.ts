import { ConfigReader } from '@backstage/config';
import { readStatusConfig } from './readStatusConfig';

const read = (env: object) =>
  readStatusConfig(
    new ConfigReader({
      valkey: { status: { environments: [{ name: 'prod', ...env }] } },
    }),
  ).environments.get('prod')!;

describe('valkey.status.environments[].operations', () => {
  it('is off without the block and on (without a user) with an empty one', () => {
    expect(read({}).operations).toBeUndefined();
    expect(read({ operations: {} }).operations).toEqual({});
  });

  it("defaults the operations user to the chart's valkey-operator", () => {
    expect(
      read({ operations: { credentials: { password: 'p' } } }).operations,
    ).toEqual({ credentials: { username: 'valkey-operator', password: 'p' } });
    expect(
      read({
        operations: {
          credentials: {
            secretRef: {
              name: '{instance}-valkey',
              key: 'operations-password',
            },
          },
        },
      }).operations,
    ).toEqual({
      credentials: {
        username: 'valkey-operator',
        secretRef: { name: '{instance}-valkey', key: 'operations-password' },
      },
    });
  });

  it('refuses the monitoring user as the operations user, naming the key', () => {
    expect(() =>
      read({
        credentials: { password: 'm' },
        operations: {
          credentials: { username: 'valkey-monitor', password: 'o' },
        },
      }),
    ).toThrow(
      'valkey.status.environments[0].operations.credentials.username: "valkey-monitor" is the monitoring user; operations need their own user',
    );
  });

  it('refuses a password together with a secretRef', () => {
    expect(() =>
      read({
        operations: {
          credentials: {
            password: 'o',
            secretRef: { name: 'x', key: 'y' },
          },
        },
      }),
    ).toThrow(
      'valkey.status.environments[0].operations.credentials: set either password or secretRef, not both',
    );
  });
});
