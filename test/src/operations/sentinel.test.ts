/*
 * Scenario 5: three data pods and three Sentinels started by the chart's
 * valkey-init.sh / sentinel-init.sh. Failover after the primary dies, the old
 * primary and a pod with an empty volume rejoining as replicas, and a restart
 * of every pod keeping exactly one primary.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ChartSentinel } from './lib/chartSentinel';
import { countKeys, writeKeys } from './lib/keys';
import { report, seconds } from './lib/report';

jest.setTimeout(300_000);

describe('Sentinel operations with the chart scripts', () => {
  let h: ChartSentinel;

  beforeAll(async () => {
    h = await ChartSentinel.create();
    await h.startAll();
  });

  afterAll(async () => {
    await h?.destroy();
  });

  it('5a. a fresh start makes ordinal 0 the primary with two replicas and three agreeing Sentinels', async () => {
    const primary = await h.waitForOnePrimary();
    expect(primary.ordinal).toBe(0);
    await writeKeys(
      { host: '127.0.0.1', port: primary.port },
      's',
      1000,
      h.password,
    );
  });

  it('5b. killing the primary promotes a replica within down-after + failover-timeout', async () => {
    const old = h.data[0];
    const killed = Date.now();
    await h.stopData(0, { kill: true });
    const promoted = (await h.waitForPromotion(old)).ordinal;
    const took = Date.now() - killed;
    expect(took).toBeLessThanOrEqual(h.downAfterMs + h.failoverTimeoutMs);
    report(
      `failover: promoted 127.0.0.1:${
        h.data[promoted].port
      } (ordinal ${promoted}) in ${seconds(took)} s (down-after ${
        h.downAfterMs
      } ms, failover-timeout ${h.failoverTimeoutMs} ms)`,
    );
  });

  it('5c. the old primary restarts as a replica (no split brain)', async () => {
    const init = await h.startData(0);
    expect(init.stderr).toContain('Sentinels report primary');
    const primary = await h.waitForOnePrimary();
    expect(primary.ordinal).not.toBe(0);
    expect((await h.role(h.data[0])).role).toBe('slave');
    expect(
      await countKeys(
        { host: '127.0.0.1', port: primary.port },
        's',
        1000,
        h.password,
      ),
    ).toBe(1000);
  });

  it('5d. a data pod starting with an empty volume while a primary exists asks the Sentinels and becomes a replica', async () => {
    await h.stopData(0, { kill: true });
    rmSync(join(h.data[0].dir, 'data'), { recursive: true, force: true });
    const init = await h.startData(0);
    expect(init.stderr).toContain('Sentinels report primary');
    expect(init.stderr).toContain('this pod replicates');
    const primary = await h.waitForOnePrimary();
    expect(primary.ordinal).not.toBe(0);
    expect(
      await countKeys(
        { host: '127.0.0.1', port: h.data[0].port },
        's',
        1000,
        h.password,
      ),
    ).toBe(1000);
  });

  it('5e. a restart of every pod keeps exactly one primary', async () => {
    const before = await h.waitForOnePrimary();
    // Pod deletion: the data pods' preStop hooks run, then everything stops.
    await Promise.all(h.data.map(p => h.stopData(p.ordinal)));
    await Promise.all(h.sentinels.map(s => s.server?.stop()));
    const started = Date.now();
    await h.startAll();
    const after = await h.waitForOnePrimary(90_000);
    expect(after.ordinal).toBe(before.ordinal);
    expect(
      await countKeys(
        { host: '127.0.0.1', port: after.port },
        's',
        1000,
        h.password,
      ),
    ).toBe(1000);
    report(
      `full restart (3 data + 3 Sentinels): one primary (ordinal ${
        after.ordinal
      }) after ${seconds(Date.now() - started)} s`,
    );
  });
});
