import { existsSync, statSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
import { ValkeyDemo } from '@valkey-backstage/valkey-local';
import { screenshot, signInAsGuest, waitForOrExplain } from '../lib/browser';
import { DemoPortal, startDemoPortal } from '../lib/demoPortal';
import { Portal } from '../lib/portal';

jest.setTimeout(400_000);

const REFRESH_SECONDS = 5;

describe('the Valkey fleet page against the live demo in Chromium', () => {
  let demo: ValkeyDemo;
  let portal: Portal;
  let browser: Browser;
  let lab: DemoPortal;

  beforeAll(async () => {
    lab = await startDemoPortal(REFRESH_SECONDS);
    ({ demo, portal, browser } = lab);
  });

  afterAll(async () => {
    await lab?.stop();
  });

  /** Waits for `what`; on failure saves a screenshot and says what the page showed. */
  const waitFor = (page: Page, what: Locator, name: string, timeout = 90_000) =>
    waitForOrExplain(page, what, name, () => portal.logs(), timeout);

  /** Instance names of the table's rows, top to bottom. */
  async function instanceOrder(table: Locator): Promise<string[]> {
    return table.locator('tbody tr td:first-child').allInnerTexts();
  }

  it('lists both demo instances with their live health, sorts, and links to the entity page', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 800 },
    });
    await page.goto(`${portal.appUrl}/valkey`);
    await signInAsGuest(page);
    const table = page.getByRole('table', { name: 'Valkey fleet' });
    await waitFor(page, table, 'fleet-table');

    const row = (name: string) =>
      page.getByTestId(`fleet-row-resource:default/${name}-local`);
    const cluster = row('demo-cluster');
    const sentinel = row('demo-sentinel');
    // Live: the summary comes from the probe of the real processes.
    await waitFor(page, cluster.getByText(/16384\/16384 slots ok/), 'cluster');
    await waitFor(
      page,
      sentinel.getByText('Sentinel', { exact: true }),
      'sentinel',
    );
    for (const r of [cluster, sentinel]) {
      expect(await r.locator('td').nth(2).innerText()).toMatch(/^healthy/);
      expect(await r.locator('td').nth(4).innerText()).toMatch(
        /^\d+\.\d+\.\d+/,
      );
      // The data nodes' used_memory added up (the status' runtime figures).
      expect(await r.locator('td').nth(5).innerText()).toMatch(
        /^\d+(\.\d)? (KiB|MiB|GiB)$/,
      );
    }
    expect(await cluster.locator('td').nth(3).innerText()).toBe('cluster');
    // The processes report the version the row shows.
    const info = await demo.cluster.nodes[0].cli(['INFO', 'server']);
    const version = /valkey_version:(\S+)/.exec(info)?.[1];
    expect(await cluster.locator('td').nth(4).innerText()).toBe(version);
    expect(await page.getByTestId('fleet-counts').innerText()).toBe(
      '2 instances, 2 deployments: 2 healthy.',
    );

    // The navigation lists the page.
    expect(
      await page.getByRole('navigation').getByText('Valkey fleet').count(),
    ).toBeGreaterThan(0);

    // Sort by instance, then the other way round.
    const instance = table.getByRole('button', { name: 'Instance' });
    await instance.click();
    expect(await instanceOrder(table)).toEqual([
      'Demo Valkey cluster',
      'Demo Valkey with Sentinel',
    ]);
    await instance.click();
    expect(await instanceOrder(table)).toEqual([
      'Demo Valkey with Sentinel',
      'Demo Valkey cluster',
    ]);
    expect(await table.locator('th').first().getAttribute('aria-sort')).toBe(
      'descending',
    );

    // Let the sort arrow finish turning and leave its hover state before the picture.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    const file = await screenshot(page, 'valkey-fleet');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);

    // The instance name leads to its entity page, where the cards show it live.
    await table.getByRole('link', { name: 'Demo Valkey cluster' }).click();
    await page.waitForURL(/\/catalog\/default\/resource\/demo-cluster/);
    await waitFor(page, page.getByText('cluster state ok'), 'entity-page');
    await page.close();
  });
});
