import { existsSync, statSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signInAsGuest } from '../lib/browser';
import { freePort } from '@valkey-backstage/valkey-local';
import { Portal, startPortal, waitForEntity } from '../lib/portal';

jest.setTimeout(300_000);

describe('the running portal in Chromium', () => {
  let portal: Portal;
  let browser: Browser;
  /** Nothing listens here: the demo cluster entity points at a Valkey that is not running. */
  let closedPort: number;

  beforeAll(async () => {
    closedPort = await freePort();
    portal = await startPortal({
      config: {
        valkey: {
          status: {
            environments: [
              {
                name: 'local',
                host: '{instance}.invalid',
                instances: {
                  'demo-cluster': { host: '127.0.0.1', port: closedPort },
                },
              },
            ],
          },
        },
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists the product System in the catalog', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(
      `${portal.appUrl}/catalog?filters[kind]=system&filters[user]=all`,
    );
    await signInAsGuest(page);
    await page
      .getByRole('link', { name: 'Valkey self-service' })
      .first()
      .waitFor({ timeout: 60_000 });
    const file = await screenshot(page, 'catalog-systems');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
  });

  it('shows the Valkey cards on a Valkey resource page, saying when the instance is unreachable', async () => {
    await waitForEntity(portal, { kind: 'resource', name: 'demo-cluster' });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/demo-cluster`);
    await signInAsGuest(page);
    await page.getByText('Valkey topology').waitFor({ timeout: 60_000 });
    const topology = page.getByTestId('valkey-card-Valkey topology');
    await topology.getByText('Instance demo-cluster in local').waitFor();
    await topology.getByText('Unreachable:').waitFor({ timeout: 60_000 });
    await topology
      .getByText(`connect ECONNREFUSED 127.0.0.1:${closedPort}`, {
        exact: false,
      })
      .first()
      .waitFor();
    const alerts = await topology.getByRole('alert').allTextContents();
    expect(alerts.join('\n')).toMatch(
      new RegExp(`Unreachable: .*ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}`),
    );
    await screenshot(page, 'resource-demo-cluster');
  });

  it('opens the Create page with the New Valkey instance template', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(`${portal.appUrl}/create`);
    await signInAsGuest(page);
    await page
      .getByRole('tab', { name: 'Templates' })
      .waitFor({ timeout: 60_000 });
    const template = page
      .getByRole('article')
      .filter({ hasText: 'New Valkey instance' })
      .first();
    await template.waitFor({ timeout: 60_000 });
    expect(await template.isVisible()).toBe(true);
    await screenshot(page, 'create-page');
  });
});
