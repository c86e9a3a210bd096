import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { repoRoot } from './portal';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots; the README's pictures are copied from here. */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with the flags that work as root on a closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A screenshot of one element. Backstage pages scroll inside their own
 * container, so a full-page screenshot stops at the viewport.
 */
export async function screenshotElement(
  locator: Locator,
  name: string,
): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  const page = locator.page();
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (box && viewport && box.y + box.height > viewport.height) {
    // Grow the window until the whole element is on screen.
    await page.setViewportSize({
      width: viewport.width,
      height: Math.ceil(box.y + box.height + 24),
    });
    await locator.scrollIntoViewIfNeeded();
  }
  await locator.screenshot({ path });
  return path;
}

/** A Valkey card (plugins/valkey) by its title, e.g. "Valkey topology". */
export function valkeyCard(page: Page, title: string): Locator {
  return page.getByTestId(`valkey-card-${title}`).first();
}

/**
 * Signs in as guest when the sign-in page asks for it. The new frontend system
 * loads its sign-in page lazily, so this waits for either the page's button or
 * the app's navigation (already signed in).
 */
export async function signInAsGuest(page: Page): Promise<void> {
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter
    .or(page.getByRole('navigation'))
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  if (await enter.isVisible()) await enter.click();
}

/**
 * Waits for `what`; on failure saves a screenshot `failed-<name>` and throws
 * with what the page showed and the tail of `logs()` (the portal's output).
 */
export async function waitForOrExplain(
  page: Page,
  what: Locator,
  name: string,
  logs: () => string,
  timeout = 90_000,
): Promise<void> {
  try {
    await what.first().waitFor({ timeout });
  } catch (e) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(no page)');
    throw new Error(
      `${(e as Error).message}\n--- page ---\n${shown.slice(
        0,
        3000,
      )}\n--- logs ---\n${logs().slice(-3000)}`,
    );
  }
}

/**
 * Runs one UI step of a test; on failure saves a screenshot `failed-<name>`
 * and throws with what the page showed and the tail of `logs()`.
 */
export async function uiStep(
  page: Page,
  name: string,
  logs: () => string,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(no page)');
    throw new Error(
      `${name}: ${(e as Error).message}\n--- page ---\n${shown.slice(
        0,
        3000,
      )}\n--- logs ---\n${logs().slice(-3000)}`,
    );
  }
}
