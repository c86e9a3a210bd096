import { Browser, Locator, Page } from 'playwright-core';
import { ValkeyDemo, waitUntil } from '@valkey-backstage/valkey-local';
import {
  screenshotElement,
  signInAsGuest,
  valkeyCard,
  waitForOrExplain,
} from '../lib/browser';
import { DemoPortal, startDemoPortal } from '../lib/demoPortal';
import { Portal } from '../lib/portal';

jest.setTimeout(400_000);

/** The backend's cache and the cards' refresh both use this interval. */
const REFRESH_SECONDS = 5;
const CARD_REFRESH_MS = 5000;

describe('operations on the entity page, against the live demo in Chromium', () => {
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

  const waitFor = (page: Page, what: Locator, name: string, timeout = 90_000) =>
    waitForOrExplain(page, what, name, () => portal.logs(), timeout);

  async function sentinelPrimary(): Promise<string> {
    const reply = await demo.sentinel.sentinels[0].cli([
      'SENTINEL',
      'GET-PRIMARY-ADDR-BY-NAME',
      'mymaster',
    ]);
    const [host, port] = reply.trim().split(/\s+/);
    return `${host}:${port}`;
  }

  it('fails the Sentinel group over after a confirmation that says what happens, and shows the new primary within two refreshes', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/demo-sentinel`);
    await signInAsGuest(page);
    const card = valkeyCard(page, 'Valkey operations');
    const failOver = card.getByRole('button', { name: 'Fail over' });
    await waitFor(page, failOver, 'operations-card');
    // No Kubernetes in the demo: no backup schedule to start a run from.
    expect(
      await card.getByRole('button', { name: 'Back up now' }).isDisabled(),
    ).toBe(true);
    await screenshotElement(card, 'valkey-operations-card');

    const before = await sentinelPrimary();
    await failOver.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      `Sentinel promotes an in-sync replica of demo-sentinel in local to primary; the current primary ${before} becomes a replica.`,
    );
    await screenshotElement(dialog, 'valkey-operations-failover-dialog');
    await dialog.getByRole('button', { name: 'Fail over' }).click();
    await waitFor(
      page,
      card.getByText(`Sentinel started a failover away from ${before}.`),
      'failover-started',
    );

    let after = before;
    await waitUntil(
      'Sentinel to name a new primary',
      async () => {
        after = await sentinelPrimary();
        return after !== before;
      },
      60_000,
    );
    const switched = Date.now();
    const topology = valkeyCard(page, 'Valkey topology');
    await waitFor(
      page,
      topology
        .getByText(new RegExp(`primary ${after.replace(/\./g, '\\.')}`))
        .first(),
      'failover-shown',
      2 * CARD_REFRESH_MS + 5000,
    );
    expect(Date.now() - switched).toBeLessThanOrEqual(
      2 * CARD_REFRESH_MS + 5000,
    );
    await screenshotElement(card, 'valkey-operations-failover-result');
    await screenshotElement(topology, 'valkey-operations-after-failover');
    await page.close();
  });
});
