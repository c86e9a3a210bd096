import { existsSync, statSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
import { ValkeyDemo, waitUntil } from '@valkey-backstage/valkey-local';
import {
  screenshot,
  screenshotElement,
  signInAsGuest,
  valkeyCard,
  waitForOrExplain,
} from '../lib/browser';
import { DemoPortal, startDemoPortal } from '../lib/demoPortal';
import { Portal } from '../lib/portal';
import { clusterShardsFromCli, clusterShardsOnPage } from '../lib/valkeyPage';

jest.setTimeout(400_000);

/** The backend's cache and the cards' refresh both use this interval. */
const REFRESH_SECONDS = 5;
/** How often the timeline observer looks. */
const TIMELINE_SECONDS = 2;
/** The cards refresh every 5 s by default; the backend serves from a cache of REFRESH_SECONDS. */
const CARD_REFRESH_MS = 5000;

describe('the Valkey cards against the live demo in Chromium', () => {
  let demo: ValkeyDemo;
  let portal: Portal;
  let browser: Browser;
  let lab: DemoPortal;

  beforeAll(async () => {
    lab = await startDemoPortal(REFRESH_SECONDS, {
      timelineIntervalSeconds: TIMELINE_SECONDS,
    });
    ({ demo, portal, browser } = lab);
  });

  afterAll(async () => {
    await lab?.stop();
  });

  /** Waits for `what`; on failure saves a screenshot and says what the page showed. */
  const waitFor = (page: Page, what: Locator, name: string, timeout = 90_000) =>
    waitForOrExplain(page, what, name, () => portal.logs(), timeout);

  async function openEntity(name: string, tab = ''): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/${name}${tab}`);
    await signInAsGuest(page);
    return page;
  }

  it('shows the shards and slot ranges that CLUSTER SHARDS reports', async () => {
    const page = await openEntity('demo-cluster');
    await waitFor(page, page.getByText('cluster state ok'), 'cluster');
    const expected = await clusterShardsFromCli(demo.cluster.nodes[0]);
    expect(expected).toHaveLength(3);
    expect(await clusterShardsOnPage(page)).toEqual(expected);
    await page
      .getByRole('img', { name: /Slot coverage: all 16384 slots ok/ })
      .waitFor();
    const file = await screenshotElement(
      valkeyCard(page, 'Valkey topology'),
      'valkey-cluster',
    );
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
    await screenshotElement(
      valkeyCard(page, 'Valkey backups'),
      'valkey-backups',
    );
    await screenshot(page, 'valkey-cluster-page');
    await page.close();
  });

  it('shows a failover within two refresh intervals after a primary is killed', async () => {
    const page = await openEntity('demo-cluster');
    await waitFor(
      page,
      page.getByText('cluster state ok'),
      'cluster-before-failover',
    );
    const seed = demo.cluster.nodes[0];
    // Not the seed node the backend is configured with: its reachability is another story.
    const target = (await clusterShardsFromCli(seed)).find(
      s => s.primary !== seed.address,
    )!;
    const victimAddress = target.primary!;
    const promotedCandidates = target.replicas;
    const victim = demo.cluster.nodes.find(n => n.address === victimAddress)!;
    const witness = demo.cluster.nodes.find(
      n => n !== victim && !promotedCandidates.includes(n.address),
    )!;
    victim.signal('SIGKILL');

    // Valkey's own view first: a replica of the killed primary takes over its slots.
    let promoted = '';
    await waitUntil(
      `a replica of ${victimAddress} to be promoted`,
      async () => {
        const shards = await clusterShardsFromCli(witness);
        const shard = shards.find(s => s.slots[0] === target.slots[0]);
        promoted = shard?.primary ?? '';
        return promotedCandidates.includes(promoted);
      },
      60_000,
      200,
    );
    const failedOverAt = Date.now();
    const withinMs = 2 * CARD_REFRESH_MS;
    await waitFor(
      page,
      page.locator(`tr[data-testid="node-${promoted}"]`).filter({
        has: page.locator('td:first-child', { hasText: /^primary$/ }),
      }),
      'cluster-failover',
      withinMs,
    );
    const seenAfterMs = Date.now() - failedOverAt;
    // eslint-disable-next-line no-console
    console.log(
      `failover of ${victimAddress} to ${promoted} shown ${seenAfterMs} ms after Valkey reported it`,
    );
    expect(seenAfterMs).toBeLessThanOrEqual(withinMs);
    // The killed node stays listed, marked down.
    await waitFor(
      page,
      page.getByTestId(`node-${victimAddress}`).filter({ hasText: 'down' }),
      'cluster-failed-node',
      30_000,
    );
    await screenshotElement(
      valkeyCard(page, 'Valkey topology'),
      'valkey-cluster-failover',
    );
    await page.close();
  });

  it('shows the Sentinel group with the quorum badge carrying the CKQUORUM text', async () => {
    const page = await openEntity('demo-sentinel');
    const badge = page.getByTestId('quorum-badge');
    await waitFor(page, badge.getByText(/Quorum OK/), 'sentinel');
    const ckquorum = (
      await demo.sentinel.sentinels[0].cli(['SENTINEL', 'CKQUORUM', 'mymaster'])
    ).trim();
    expect(ckquorum).toMatch(/^OK 3 usable Sentinels/);
    expect(await badge.textContent()).toContain(`CKQUORUM: ${ckquorum}`);
    const sentinels = page.getByRole('table', { name: 'Sentinels' });
    expect(await sentinels.locator('tbody tr').count()).toBe(3);
    const dataNodes = page.getByRole('table', { name: 'Data nodes' });
    expect(await dataNodes.locator('tbody tr').count()).toBe(3);
    await screenshotElement(
      valkeyCard(page, 'Valkey topology'),
      'valkey-sentinel',
    );
    await page.close();
  });

  it('shows topology and backups together on the Valkey tab', async () => {
    const page = await openEntity('demo-sentinel', '/valkey');
    await waitFor(
      page,
      page.getByRole('heading', { name: 'Backups' }),
      'valkey-tab',
    );
    const persistence = page.getByRole('table', {
      name: 'Persistence per node',
    });
    await persistence.waitFor();
    // One row per data node of the group: primary and two replicas.
    expect(await persistence.locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('quorum-badge').textContent()).toContain(
      'Quorum OK',
    );
    await screenshotElement(valkeyCard(page, 'Valkey'), 'valkey-tab');
    await page.close();
  });

  it('lists the components that use the cluster, with their owners and links', async () => {
    const page = await openEntity('demo-cluster');
    const card = valkeyCard(page, 'Valkey consumers');
    const orders = card.getByTestId('consumer-component:default/orders-api');
    await waitFor(page, orders, 'consumers');
    expect(
      await orders
        .getByRole('link', { name: 'Orders API' })
        .getAttribute('href'),
    ).toMatch(/\/catalog\/default\/component\/orders-api$/);
    expect(
      await orders.getByRole('link', { name: 'team-orders' }).count(),
    ).toBe(1);
    const checkout = card.getByTestId(
      'consumer-component:default/checkout-sessions',
    );
    expect(
      await checkout.getByRole('link', { name: 'platform-team' }).count(),
    ).toBe(1);
    expect(await card.locator('tbody tr').count()).toBe(2);
    await screenshotElement(card, 'valkey-consumers');
    await page.close();
  });

  it('records a Sentinel failover once in the history of the Valkey tab', async () => {
    const page = await openEntity('demo-sentinel', '/valkey');
    const history = page.getByRole('heading', { name: 'History' });
    await waitFor(page, history, 'history-before-failover');
    // The observer's first look is the baseline; it says when it looked.
    await waitFor(
      page,
      page.getByText(/Checked every 2 s, last at/),
      'history-baseline',
    );
    const victim = demo.sentinel.nodes[0];
    const primaryAddress = async () =>
      (
        await demo.sentinel.sentinels[0].cli([
          'SENTINEL',
          'GET-MASTER-ADDR-BY-NAME',
          'mymaster',
        ])
      )
        .trim()
        .split('\n')
        .map(l => l.trim())
        .join(':');
    expect(await primaryAddress()).toBe(victim.address);
    victim.signal('SIGKILL');
    const failover = page
      .getByTestId('timeline-event')
      .filter({ hasText: `took over as primary from ${victim.address}` });
    await waitFor(page, failover, 'history-failover', 90_000);
    // Valkey's own answer names the primary the history names.
    const promoted = await primaryAddress();
    expect(await failover.textContent()).toContain(
      `${promoted} took over as primary from ${victim.address}`,
    );
    // Later looks do not record it again.
    await page.waitForTimeout(3 * TIMELINE_SECONDS * 1000 + CARD_REFRESH_MS);
    expect(await failover.count()).toBe(1);
    await screenshotElement(valkeyCard(page, 'Valkey'), 'valkey-tab-history');
    await page.close();

    // The same history as its own card on the overview.
    const overview = await openEntity('demo-sentinel');
    const card = valkeyCard(overview, 'Valkey history');
    await waitFor(
      overview,
      card.getByTestId('timeline-event').filter({
        hasText: `took over as primary from ${victim.address}`,
      }),
      'history-card',
    );
    await screenshotElement(card, 'valkey-history');
    await overview.close();
  });
});
