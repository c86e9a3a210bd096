/**
 * The entity page of a new instance, as the template renders it, in `dev`, an
 * environment the portal has no status settings for, and in `local`, which
 * it watches but where the instance's service does not exist yet: the status
 * cards say so in one grey line (no error panel, no stack trace, no polling), and the
 * Connect card shows the endpoints and code from the entity's connection facts.
 * Real portal, real Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import {
  connectionFacts,
  VALKEY_CONNECTION_ANNOTATION,
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

describe("a new instance's entity page in Chromium", () => {
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
            [VALKEY_CONNECTION_ANNOTATION]: JSON.stringify([
              connectionFacts({
                release: 'new-cache',
                environment: 'dev',
                namespace: 'valkey-dev',
                mode: 'replication',
                servicePort: 6379,
                tls: { enabled: true, port: 6380, disablePlaintext: false },
                readService: true,
                primaryService: true,
                password: {
                  secretName: 'new-cache-auth',
                  secretKey: 'valkey-password',
                },
              }),
            ]),
          },
        },
        spec: { type: 'valkey', owner: 'group:default/team-orders' },
      }),
    );
    // Merged, not yet synced: `local` is watched (its pattern names
    // <instance>.invalid, which no DNS server answers, like a Service never created).
    const undeployedFile = join(tmp, 'undeployed.yaml');
    writeFileSync(
      undeployedFile,
      stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'fresh-cache',
          annotations: {
            [VALKEY_INSTANCE_ANNOTATION]: 'fresh-cache',
            [VALKEY_ENVIRONMENTS_ANNOTATION]: 'local',
            [VALKEY_MODE_ANNOTATION]: 'standalone',
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
            { type: 'file', target: undeployedFile },
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

  const STATUS_REQUEST = /\/api\/valkey\/entities\/[^?]+\/status\?/;

  /** The entity's page with its topology card showing the calm line; counts status requests. */
  async function calmTopologyCard(entity: string, picture: string) {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    const statusRequests: string[] = [];
    page.on('request', r => {
      if (STATUS_REQUEST.test(r.url())) statusRequests.push(r.url());
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/${entity}`);
    await signInAsGuest(page);
    const card = valkeyCard(page, 'Valkey topology');
    const line = card.getByTestId('valkey-status-unavailable');
    await waitForOrExplain(page, line, picture, () => portal.logs(), 90_000);
    return { page, card, line, statusRequests };
  }

  it('an environment without status settings: one grey line, no error, no polling', async () => {
    const { page, card, line, statusRequests } = await calmTopologyCard(
      'new-cache',
      'calm-not-configured',
    );
    await expect(line.textContent()).resolves.toBe(
      'status not configured for dev',
    );
    const seen = statusRequests.length;
    expect(seen).toBeGreaterThanOrEqual(1);
    // The cards poll every 5 s by default: three intervals without a request.
    await page.waitForTimeout(15_000);
    expect(statusRequests.length).toBe(seen);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(
      /HTTP 400|Error|at \S+ \(|valkey\.status\.environments/,
    );
    await expect(
      card.getByRole('button', { name: 'Check again' }).count(),
    ).resolves.toBe(0);
    const file = await screenshotElement(card, 'calm-not-configured');
    expect(file).toMatch(/calm-not-configured\.png$/);
    await page.close();
  });

  it('a watched environment the instance is not deployed to yet: one grey line, no polling, and Check again asks once', async () => {
    await waitForEntity(portal, { kind: 'resource', name: 'fresh-cache' });
    const { page, card, line, statusRequests } = await calmTopologyCard(
      'fresh-cache',
      'calm-not-deployed',
    );
    await expect(line.textContent()).resolves.toMatch(
      /^not deployed yet in local: /,
    );
    const seen = statusRequests.length;
    await page.waitForTimeout(12_000);
    expect(statusRequests.length).toBe(seen);
    await screenshotElement(card, 'calm-not-deployed');
    const asked = page.waitForRequest(r => STATUS_REQUEST.test(r.url()));
    await card.getByRole('button', { name: 'Check again' }).click();
    await asked;
    expect(statusRequests.length).toBe(seen + 1);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/HTTP \d{3}|Error|ENOTFOUND|at \S+ \(/);
    await page.close();
  });

  it('the Connect card: endpoints, TLS, the password Secret and code to copy for each language', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${portal.appUrl}/catalog/default/resource/new-cache`);
    await signInAsGuest(page);
    const card = page.getByTestId('valkey-card-Connect');
    await waitForOrExplain(
      page,
      card.getByText(
        'Writes (primary): new-cache-valkey.valkey-dev.svc.cluster.local:6380',
      ),
      'connect-card',
      () => portal.logs(),
      90_000,
    );
    await card.getByText('TLS: on').waitFor();
    await card
      .getByText(/Password: Secret new-cache-auth, key valkey-password/)
      .waitFor();
    await expect(
      card.getByTestId('valkey-snippet-node').innerText(),
    ).resolves.toContain("import Valkey from 'iovalkey'");
    const file = await screenshotElement(card, 'connect-card-node');
    expect(file).toMatch(/connect-card-node\.png$/);
    await card.getByRole('tab', { name: 'Spring Boot' }).click();
    await expect(
      card.getByTestId('valkey-snippet-spring').innerText(),
    ).resolves.toContain('spring.data.redis.ssl.enabled=true');
    await page.close();
  });
});
