/**
 * Day 2 in Chromium, like a user: an instance committed by the real scaffolder
 * (started through the API, as a finished "New Valkey instance" run), then
 * changed and retired from its entity page's menu. The real portal, the real
 * templates, a local Git repository in a temp dir. Screenshots go to
 * test-results/screenshots/day-two-*.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshot,
  signInAsGuest,
  uiStep,
} from '../lib/browser';
import { guestToken, Portal, startPortal, waitForEntity } from '../lib/portal';

jest.setTimeout(300_000);

const NAME = 'basket-cache';
const FOLDER = `valkey/${NAME}`;

describe('change and retire an instance from its entity page', () => {
  let tmp: string;
  let gitopsRepo: string;
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitopsRepo, ...args]).toString();
  const lastCommit = () =>
    git('show', '--name-status', '--format=', 'HEAD').trim().split('\n');

  const step = (name: string, fn: () => Promise<void>) =>
    uiStep(page, `day-two-${name}`, () => portal.logs(), fn);

  async function openMenuItem(item: string) {
    await page.goto(`${portal.appUrl}/catalog/default/resource/${NAME}`);
    await signInAsGuest(page);
    await page
      .getByRole('button', { name: 'More actions' })
      .click({ timeout: 90_000 });
    await page.getByRole('menuitem', { name: item }).click();
  }

  /** Next through the form pages up to the review. */
  async function toReview() {
    for (let i = 0; i < 12; i++) {
      if (await onLastPage()) {
        await page.getByRole('button', { name: 'Review' }).click();
        return;
      }
      await page.getByRole('button', { name: 'Next' }).click();
    }
    throw new Error('no Review button after 12 pages');
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'valkey-day-two-ui-'));
    gitopsRepo = join(tmp, 'gitops');
    portal = await startPortal({
      config: {
        valkey: {
          gitops: { localRepository: { path: gitopsRepo, branch: 'main' } },
        },
        catalog: {
          locations: [
            { type: 'file', target: '../../catalog-info.yaml' },
            {
              type: 'file',
              target: join(gitopsRepo, 'valkey', '*', 'catalog-info.yaml'),
            },
          ],
        },
      },
    });
    await waitForEntity(portal, {
      kind: 'template',
      name: 'valkey-instance',
    });
    const token = await guestToken(portal);
    const created = await fetch(
      `${portal.backendUrl}/api/scaffolder/v2/tasks`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          templateRef: 'template:default/valkey-instance',
          values: {
            name: NAME,
            owner: 'group:default/team-orders',
            mode: 'replication',
            size: 'small',
            replicas: 2,
            persistenceEnabled: true,
            persistenceSize: '8Gi',
            environments: [{ name: 'dev' }, { name: 'staging' }],
            authEnabled: true,
            tlsEnabled: false,
            imageVariant: 'rpm',
            backupsEnabled: false,
            metricsEnabled: true,
            publisher: 'local',
          },
        }),
      },
    );
    if (created.status !== 201)
      throw new Error(`task not created: ${await created.text()}`);
    await waitForEntity(portal, { kind: 'resource', name: NAME });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Chromium reports a benign "ResizeObserver loop" error when the menu's
    // popover closes while the page re-lays out; the dev server would cover
    // the page with its error overlay for it.
    await page.addInitScript(() =>
      window.addEventListener('error', e => {
        if (String(e.message).includes('ResizeObserver loop'))
          e.stopImmediatePropagation();
      }),
    );
  }, 280_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('"Change this instance" opens the form pre-filled from the stored spec', async () => {
    await step('open-change', async () => {
      await openMenuItem('Change this instance');
      await page.getByLabel('Instance name').waitFor({ timeout: 60_000 });
      await screenshot(page, 'day-two-1-change-prefilled');
    });
    await expect(page.getByLabel('Instance name').inputValue()).resolves.toBe(
      NAME,
    );
    expect(decodeURIComponent(page.url())).toContain(`"changeOf":"${NAME}"`);
  });

  /** Next through the pages, removing staging where the environments are. */
  async function removeStagingAndGoToLastPage() {
    for (let i = 0; i < 12; i++) {
      const envs = page.getByRole('button', { name: /^Environment\b/ });
      if ((await envs.count()) === 2) {
        await page.getByRole('button', { name: 'Remove' }).nth(1).click();
        await screenshot(page, 'day-two-2-environment-removed');
      }
      if (await onLastPage()) return;
      await page.getByRole('button', { name: 'Next' }).click();
    }
    throw new Error('no Review button after 12 pages');
  }

  /**
   * True on the last page. The form's submit button reads Next, or Review on
   * the last page, and is disabled while the page validates (the live checks
   * ask the backend); its label counts only once it is enabled again.
   */
  async function onLastPage() {
    const forward = page
      .getByRole('button', { name: /^(Next|Review)$/ })
      .first();
    await forward.waitFor();
    for (let i = 0; i < 300 && !(await forward.isEnabled()); i++) {
      await page.waitForTimeout(100);
    }
    return (await forward.innerText()).trim() === 'Review';
  }

  it('before Create, the form shows which files the change touches and refuses the data loss until it is confirmed', async () => {
    const before = git('rev-parse', 'HEAD').trim();
    await step('preview', async () => {
      await removeStagingAndGoToLastPage();
      const preview = page.getByTestId('valkey-change-preview');
      await preview
        .getByText('This change can lose data', { exact: false })
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'day-two-3-preview');
      // Review is refused with the same words while the box is not ticked.
      await page.getByRole('button', { name: 'Review' }).click();
      await page
        .getByRole('listitem')
        .filter({ hasText: /This change can lose data \(staging is removed/ })
        .first()
        .waitFor({ timeout: 20_000 });
      await screenshot(page, 'day-two-4-refused');
    });
    const shown = await page.getByTestId('valkey-change-preview').innerText();
    expect(shown).toMatch(/Deleted \(\d+\)/);
    expect(shown).toContain('values-staging.yaml');
    expect(shown).toContain('argocd/staging.yaml');
    expect(shown).toContain('staging is removed');
    expect(shown).not.toContain('values-dev.yaml');
    await expect(
      page.getByRole('button', { name: 'Create' }).count(),
    ).resolves.toBe(0);
    expect(git('rev-parse', 'HEAD').trim()).toBe(before);
  });

  it('confirmed, the review shows the change, and the commit deletes the environment’s files', async () => {
    await step('confirm', async () => {
      await page
        .getByRole('checkbox', {
          name: 'I understand these changes can lose data',
        })
        .check();
      await screenshot(page, 'day-two-5-confirmation');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).waitFor();
      await page
        .getByText(/Files: .*deleted \(.*values-staging\.yaml/)
        .first()
        .waitFor({ timeout: 20_000 });
      await screenshot(page, 'day-two-5b-review');
      await page.getByRole('button', { name: 'Create' }).click();
      await page
        .getByRole('button', { name: 'What this change does' })
        .click({ timeout: 120_000 });
      await page
        .getByText('Confirmed destructive changes', { exact: false })
        .first()
        .waitFor();
      await screenshot(page, 'day-two-6-changed');
    });
    const text = await page.locator('body').innerText();
    expect(text).toContain('deleted (');
    expect(text).toContain('Confirmed destructive changes: staging is removed');
    const touched = lastCommit();
    expect(touched).toEqual(
      expect.arrayContaining([
        `D\t${FOLDER}/values-staging.yaml`,
        `D\t${FOLDER}/argocd/staging.yaml`,
        `M\t${FOLDER}/instance.yaml`,
      ]),
    );
  });

  it('"Retire this instance" deletes the folder and the entity after the name is typed', async () => {
    await step('retire', async () => {
      await openMenuItem('Retire this instance');
      await page
        .getByLabel('Type the instance name to confirm')
        .fill(NAME, { timeout: 60_000 });
      await screenshot(page, 'day-two-7-retire-form');
      await toReview();
      await page.getByRole('button', { name: 'Create' }).click();
      await page
        .getByText('is removed from the catalog', { exact: false })
        .first()
        .waitFor({ timeout: 120_000 });
      await screenshot(page, 'day-two-8-retired');
    });
    expect(existsSync(join(gitopsRepo, FOLDER))).toBe(false);
    expect(lastCommit().every(l => l.startsWith(`D\t${FOLDER}/`))).toBe(true);
    const token = await guestToken(portal);
    const res = await fetch(
      `${portal.backendUrl}/api/catalog/entities/by-name/resource/default/${NAME}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(404);
    expect(readFileSync(join(gitopsRepo, '.git', 'HEAD'), 'utf8')).toContain(
      'main',
    );
  });
});
