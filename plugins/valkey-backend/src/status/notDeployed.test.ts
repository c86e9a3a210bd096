import { statusServiceFor } from '../__testUtils__/statusHarness';

describe('StatusService: an instance that is not deployed yet', () => {
  it('answers not-deployed without probing, and asks DNS at most once per refresh interval per host', async () => {
    const asked: string[] = [];
    const status = statusServiceFor(
      {
        refreshIntervalSeconds: 30,
        environments: [
          { name: 'dev', host: '{instance}.dev.invalid', port: 6379 },
        ],
      },
      async host => {
        asked.push(host);
        return false;
      },
    );
    for (let i = 0; i < 3; i++) {
      await expect(
        status.answer('resource:default/fresh', 'fresh', 'dev', 'standalone'),
      ).resolves.toMatchObject({
        unavailable: 'not-deployed',
        message: expect.stringMatching(/^not deployed yet in dev: /),
      });
    }
    expect(asked).toEqual(['fresh.dev.invalid']);
  });
});
