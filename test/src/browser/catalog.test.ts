import { existsSync, statSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signInAsGuest } from '../lib/browser';
import { Portal, startPortal } from '../lib/portal';

jest.setTimeout(300_000);

describe('the running portal in Chromium', () => {
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists the product System in the catalog', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${portal.appUrl}/catalog?filters[kind]=system&filters[user]=all`);
    await signInAsGuest(page);
    await page
      .getByRole('link', { name: 'Valkey self-service' })
      .first()
      .waitFor({ timeout: 60_000 });
    const file = await screenshot(page, 'catalog-systems');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
  });

  it('shows the Valkey card on a Valkey resource page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${portal.appUrl}/catalog/default/resource/demo-cluster`);
    await signInAsGuest(page);
    await page.getByText('Valkey topology').waitFor({ timeout: 60_000 });
    await page.getByText('Instance demo-cluster').waitFor();
    await screenshot(page, 'resource-demo-cluster');
  });

  it('opens the Create page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${portal.appUrl}/create`);
    await signInAsGuest(page);
    await page.getByRole('heading', { name: /Create a new component/i }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'create-page');
  });
});
