/**
 * The entity page of an instance in an environment the portal has no status
 * settings for (a new instance in `dev`, as the template creates it): one
 * grey line per card, no error panel, no stack trace, and no polling.
 * Real portal, real Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import {
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
  VALKEY_MODE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import {
  launchBrowser,
  screenshotElement,
  signInAsGuest,
  valkeyCard,
  waitForOrExplain,
} from '../lib/browser';
import { Portal, repoRoot, startPortal, waitForEntity } from '../lib/portal';

jest.setTimeout(400_000);

describe('calm states on the entity page in Chromium', () => {
  let tmp: string;
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'valkey-calm-'));
    const entityFile = join(tmp, 'catalog-info.yaml');
    writeFileSync(
      entityFile,
      stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'new-cache',
          annotations: {
            [VALKEY_INSTANCE_ANNOTATION]: 'new-cache',
            [VALKEY_ENVIRONMENTS_ANNOTATION]: 'dev',
            [VALKEY_MODE_ANNOTATION]: 'replication',
          },
        },
        spec: { type: 'valkey', owner: 'group:default/team-orders' },
      }),
    );
    portal = await startPortal({
      config: {
        catalog: {
          locations: [
            { type: 'file', target: join(repoRoot, 'catalog-info.yaml') },
            { type: 'file', target: entityFile },
          ],
        },
      },
    });
    browser = await launchBrowser();
    await waitForEntity(portal, { kind: 'resource', name: 'new-cache' });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('an environment without status settings: one grey line, no error, no polling', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    const statusRequests: string[] = [];
    page.on('request', r => {
      if (/\/api\/valkey\/entities\/[^?]+\/status\?/.test(r.url()))
        statusRequests.push(r.url());
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/new-cache`);
    await signInAsGuest(page);
    const card = valkeyCard(page, 'Valkey topology');
    await waitForOrExplain(
      page,
      card.getByTestId('valkey-status-unavailable'),
      'calm-not-configured',
      () => portal.logs(),
      90_000,
    );
    await expect(
      card.getByTestId('valkey-status-unavailable').textContent(),
    ).resolves.toBe('status not configured for dev');
    const seen = statusRequests.length;
    expect(seen).toBeGreaterThanOrEqual(1);
    // The cards poll every 5 s by default: three intervals without a request.
    await page.waitForTimeout(15_000);
    expect(statusRequests.length).toBe(seen);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(
      /HTTP 400|Error|at \S+ \(|valkey\.status\.environments/,
    );
    const file = await screenshotElement(card, 'calm-not-configured');
    expect(file).toMatch(/calm-not-configured\.png$/);
    await page.close();
  });
});
