/**
 * "New Valkey instance" in Chromium, like a user: the real backend and frontend
 * (startPortal), every form page filled through the UI, the task run by the real
 * scaffolder, the folder committed into a local Git repository in a temp dir,
 * and the new entity shown by the real catalog. Screenshots of each step go to
 * test-results/screenshots/new-instance-*.png.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import {
  launchBrowser,
  screenshot,
  screenshotDir,
  signInAsGuest,
} from '../lib/browser';
import { Portal, repoRoot, startPortal } from '../lib/portal';

jest.setTimeout(300_000);

// Not a name in the demo catalog (examples/ has a component checkout-sessions).
const NAME = 'cart-sessions';
const FOLDER = `valkey/${NAME}`;
const ENVIRONMENTS = ['dev', 'prod'];
const PASSWORDISH =
  /(password|passwd|requirepass|masterauth)\s*[:=]\s*["']?[^\s"'${}]{4,}/i;

function deepMerge(base: any, over: any): any {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof over !== 'object' ||
    over === null ||
    Array.isArray(over)
  ) {
    return over === undefined ? base : over;
  }
  const out = { ...base };
  for (const [key, value] of Object.entries(over))
    out[key] = deepMerge(base[key], value);
  return out;
}

describe('New Valkey instance in the portal, local mode', () => {
  let tmp: string;
  let gitopsRepo: string;
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitopsRepo, ...args]).toString();

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'valkey-new-instance-'));
    gitopsRepo = join(tmp, 'gitops');
    portal = await startPortal({
      config: {
        valkey: {
          gitops: { localRepository: { path: gitopsRepo, branch: 'main' } },
        },
        // The same two locations as app-config.yaml, with the local repository moved to tmp.
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
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs a UI step; on failure saves a screenshot and says what the page showed. */
  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (e) {
      await screenshot(page, `failed-new-instance-${name}`).catch(
        () => undefined,
      );
      const shown = await page
        .locator('body')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(
        `${name}: ${(e as Error).message}\n--- page ---\n${shown.slice(
          0,
          3000,
        )}\n--- logs ---\n${portal.logs().slice(-3000)}`,
      );
    }
  }

  /** Picks `option` in the Material UI select labelled `label` (the nth one on the page). */
  async function choose(label: string, option: string | RegExp, nth = 0) {
    await page
      .getByRole('button', { name: new RegExp(`^${label}\\b`) })
      .nth(nth)
      .click();
    await page.getByRole('option', { name: option }).click();
  }

  /** The app scrolls inside its layout, so a full-page shot is one screen: grow the window to the content first. */
  async function screenshotWhole(name: string) {
    const height = await page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('main, main *')).map(
          e => e.scrollHeight,
        ),
      ),
    );
    await page.setViewportSize({
      width: 1400,
      height: Math.min(Math.max(height + 120, 1000), 4000),
    });
    await page.waitForTimeout(500);
    await screenshot(page, name);
    await page.setViewportSize({ width: 1400, height: 1000 });
  }

  /** A field's value once the form has filled in its default (that happens just after the field appears). */
  async function settledValue(locator: ReturnType<Page['locator']>) {
    const deadline = Date.now() + 10_000;
    let value = await locator.inputValue();
    while (value === '' && Date.now() < deadline) {
      await page.waitForTimeout(200);
      value = await locator.inputValue();
    }
    return value;
  }

  /** Which Choose button of the Create page belongs to the template titled `title`. */
  async function templateCardIndex(title: string): Promise<number> {
    const titles = await page
      .getByTestId('template-card-actions--create')
      .evaluateAll((buttons, wanted) => {
        return buttons.map(b => {
          let el: Element | null = b;
          while (el && !(el.textContent ?? '').includes(wanted as string))
            el = el.parentElement;
          return el
            ? el.querySelectorAll(
                '[data-testid="template-card-actions--create"]',
              ).length
            : 0;
        });
      }, title);
    const index = titles.indexOf(1);
    if (index < 0) throw new Error(`no template card titled ${title}`);
    return index;
  }

  async function next(button = 'Next') {
    await page.getByRole('button', { name: button }).click();
  }

  it('fills every form page through the UI and submits', async () => {
    await step('open', async () => {
      await page.goto(`${portal.appUrl}/create`);
      await signInAsGuest(page);
      // The template's own card: the one whose Choose link leads to it (the
      // Create page lists every template, and the grid is an article too).
      await page
        .getByText('New Valkey instance', { exact: true })
        .first()
        .waitFor({ timeout: 90_000 });
      await page
        .getByTestId('template-card-actions--create')
        .nth(await templateCardIndex('New Valkey instance'))
        .click({ timeout: 90_000 });
    });

    await step('basics', async () => {
      const name = page.getByLabel('Instance name');
      const helper = page.locator('#root_name-helper-text');
      // The rule in words before anything is typed, never the raw pattern.
      await expect(helper.innerText()).resolves.toContain(
        'lowercase letters, digits and hyphens; starts with a letter',
      );
      await name.fill('Checkout');
      await page
        .getByText('Start the name with a lowercase letter')
        .waitFor({ timeout: 10_000 });
      // An existing instance's name is refused at once, and Next stays on the page.
      await name.fill('demo-cluster');
      await page
        .getByText(/"demo-cluster" is already taken in the catalog/)
        .waitFor({ timeout: 20_000 });
      await page.getByRole('textbox', { name: 'Owner' }).click();
      await page.getByRole('option', { name: 'team-orders' }).click();
      await screenshotWhole('new-instance-1a-name-taken');
      await next();
      // The form's error list at the top of the page.
      await page
        .getByRole('listitem')
        .filter({ hasText: /^'Instance name' .*already taken in the catalog/ })
        .first()
        .waitFor({ timeout: 20_000 });
      await expect(
        page.getByRole('heading', { name: 'Topology' }).count(),
      ).resolves.toBe(0);
      await name.fill(NAME);
      await page.getByText(`"${NAME}" is free.`).waitFor({ timeout: 20_000 });
      await page.getByRole('textbox', { name: 'System' }).click();
      await page.getByRole('option', { name: 'Valkey self-service' }).click();
      await page
        .getByLabel('Description')
        .fill('Sessions of the checkout service');
      await screenshotWhole('new-instance-1-basics');
      await next();
    });

    await step('topology', async () => {
      // Replication first: its number counts read replicas besides the primary.
      await expect(
        settledValue(page.getByRole('spinbutton', { name: 'Read replicas' })),
      ).resolves.toBe('2');
      await choose('Mode', 'Sentinel (automatic failover)');
      // Sentinel's own number, with the documented default: 3 = 1 primary + 2 replicas.
      await expect(
        settledValue(
          page.getByRole('spinbutton', { name: 'Data pods in total' }),
        ),
      ).resolves.toBe('3');
      await expect(
        page.getByRole('spinbutton', { name: 'Read replicas' }).count(),
      ).resolves.toBe(0);
      await choose('Sentinel pods', '5');
      await choose('Size', 'small');
      await page
        .getByRole('textbox', { name: 'Volume size per pod' })
        .fill('10Gi');
      await screenshotWhole('new-instance-2-topology');
      await next();
    });

    await step('security', async () => {
      await expect(
        page
          .getByRole('checkbox', { name: 'Password authentication' })
          .isChecked(),
      ).resolves.toBe(true);
      await page.getByRole('button', { name: 'Add Item' }).click();
      await page
        .getByRole('textbox', { name: 'User name' })
        .fill('checkout-api');
      await choose('Permissions', 'read-write');
      await choose('Image', /^Hardened/);
      await screenshotWhole('new-instance-3-security');
      await next();
    });

    await step('backups-monitoring', async () => {
      const schedule = page.getByRole('textbox', { name: 'Backup schedule' });
      // The schedule is asked for only while backups are on.
      await expect(schedule.count()).resolves.toBe(0);
      await page.getByRole('checkbox', { name: 'Scheduled backups' }).check();
      await schedule.waitFor();
      await page.getByRole('checkbox', { name: 'Scheduled backups' }).uncheck();
      await expect(schedule.count()).resolves.toBe(0);
      await page.getByRole('checkbox', { name: 'ServiceMonitor' }).check();
      await page.getByRole('checkbox', { name: 'Alert rules' }).check();
      await screenshotWhole('new-instance-4-backups-monitoring');
      await next();
    });

    await step('environments', async () => {
      const check = page.getByTestId('valkey-policy-check');
      await check
        .getByText("Every environment's rules are met")
        .waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Add Item' }).click();
      // Each environment's policy shows in plain words before it is chosen.
      await page
        .getByRole('button', { name: /^Environment\b/ })
        .nth(1)
        .click();
      await page
        .getByRole('option', {
          name: /^prod.*needs high availability \(Sentinel or cluster\).*TLS.*scheduled backups/,
        })
        .click();
      // prod's policy, before Create: TLS and backups are still missing.
      await check
        .getByText(/prod needs TLS: turn TLS on/)
        .waitFor({ timeout: 20_000 });
      await check.getByText(/prod needs scheduled backups/).waitFor();
      await screenshotWhole('new-instance-5a-environments-policy');
      await next();
      // Next is refused with the same words in the form's error list.
      await page
        .getByRole('listitem')
        .filter({
          hasText: /^'Effective settings per environment' .*prod needs TLS/,
        })
        .first()
        .waitFor({ timeout: 20_000 });
      // Switch them on for prod only, and size it up.
      await choose('Size', 'medium', 1);
      await choose('TLS in this environment', /^(Yes|true)$/, 1);
      await choose('Backups in this environment', /^(Yes|true)$/, 1);
      await check
        .getByText("Every environment's rules are met")
        .waitFor({ timeout: 20_000 });
      await expect(check.innerText()).resolves.toMatch(
        /prod: sentinel, 3 data pods[^\n]*TLS on, backups 0 2 \* \* \*/,
      );
      await expect(check.innerText()).resolves.toMatch(
        /dev: sentinel[^\n]*TLS off, backups off/,
      );
      await screenshotWhole('new-instance-5-environments');
      await next();
    });

    await step('publisher', async () => {
      await expect(
        page.getByRole('button', { name: /^Publish to/ }).innerText(),
      ).resolves.toContain('Local Git repository');
      // The data-loss confirmation is only for a change of an existing instance.
      await expect(
        page
          .getByRole('checkbox', {
            name: 'I understand these changes can lose data',
          })
          .count(),
      ).resolves.toBe(0);
      await screenshotWhole('new-instance-6-publisher');
      await next('Review');
    });

    await step('review', async () => {
      await page.getByText(NAME).first().waitFor();
      // The review shows the effective settings per environment: prod's TLS and backups on.
      const review = await page.locator('body').innerText();
      expect(review).toContain('Effective settings per environment');
      expect(review).toMatch(/prod: sentinel[^\n]*TLS on/);
      // No top-level TLS/backups row contradicting prod's.
      expect(review).not.toMatch(/^(TLS|Scheduled backups)\b/m);
      expect(review).not.toMatch(
        /Create a new component|valkey\.gitops|Environments-1/,
      );
      await screenshotWhole('new-instance-7-review');
      await page.getByRole('button', { name: 'Create' }).click();
    });
  });

  it('the task finishes and the result page shows the local commit and the catalog link', async () => {
    await step('result', async () => {
      await page
        .getByText('Committed', { exact: false })
        .first()
        .waitFor({ timeout: 180_000 });
      await page
        .getByRole('link', { name: /Open the instance in the catalog/i })
        .waitFor();
      await screenshotWhole('new-instance-8-result');
    });
    const head = git('rev-parse', 'HEAD').trim();
    await expect(page.locator('body').innerText()).resolves.toContain(head);
  });

  it('the local repository has the commit with the expected files', () => {
    expect(git('log', '--format=%s', '-n', '1')).toContain(
      `Valkey instance ${NAME}`,
    );
    const files = git('ls-tree', '-r', '--name-only', 'HEAD', FOLDER)
      .split('\n')
      .filter(Boolean);
    const expected = [
      'Chart.yaml',
      'values.yaml',
      ...ENVIRONMENTS.flatMap(env => [
        `values-${env}.yaml`,
        `argocd/${env}.yaml`,
      ]),
      'catalog-info.yaml',
      'instance.yaml',
      'README.md',
    ].map(f => `${FOLDER}/${f}`);
    expect(files).toEqual(expect.arrayContaining(expected));
    expect(files.filter(f => f.startsWith(`${FOLDER}/secrets/`))).toEqual(
      ENVIRONMENTS.map(env => `${FOLDER}/secrets/${env}-README.md`),
    );
    expect(
      files.filter(
        f => /values-[^/]+\.yaml$/.test(f) && !f.includes('/charts/'),
      ),
    ).toHaveLength(ENVIRONMENTS.length);
    expect(git('status', '--porcelain')).toBe('');
    writeListings(files);
  });

  it('what the form said is in the values: sentinel topology, prod overrides, ACL user, backups', () => {
    const show = (file: string) => parse(git('show', `HEAD:${FOLDER}/${file}`));
    const merged = (env: string) =>
      deepMerge(show('values.yaml'), show(`values-${env}.yaml`)).valkey;
    const dev = merged('dev');
    const prod = merged('prod');
    expect(dev).toMatchObject({
      mode: 'sentinel',
      sentinel: { replicas: 3, sentinelReplicas: 5 },
      persistence: { enabled: true, size: '10Gi' },
    });
    expect(dev.image.variant).toBe('hardened');
    expect(dev.acl.users['checkout-api']).toMatchObject({
      existingPasswordSecret: `${NAME}-acl-users`,
      passwordKey: 'checkout-api',
    });
    expect(dev.metrics).toMatchObject({
      enabled: true,
      serviceMonitor: { enabled: true },
      prometheusRule: { enabled: true },
    });
    expect(dev.tls?.enabled ?? false).toBe(false);
    expect(dev.backup?.enabled ?? false).toBe(false);
    expect(prod.tls.enabled).toBe(true);
    // Backups are on for prod only, and the form asks no schedule then: helm
    // fills in the chart's documented one (02:00 daily, keep 7).
    const chartBackup = parse(
      readFileSync(join(repoRoot, 'charts', 'valkey', 'values.yaml'), 'utf8'),
    ).backup;
    expect(deepMerge(chartBackup, prod.backup)).toMatchObject({
      enabled: true,
      schedule: '0 2 * * *',
      retention: 7,
    });
    expect(prod.resourcePreset).toBe('medium');
    expect(show('catalog-info.yaml').spec).toEqual({
      type: 'valkey',
      owner: 'group:default/team-orders',
      system: 'system:default/valkey-self-service',
    });
  });

  it('no committed file contains a password', () => {
    const files = git('ls-tree', '-r', '--name-only', 'HEAD')
      .split('\n')
      .filter(Boolean);
    const vendored = `${FOLDER}/charts/valkey/`;
    const rendered = files.filter(f => !f.startsWith(vendored));
    expect(rendered.length).toBeGreaterThanOrEqual(9);
    for (const file of rendered) {
      expect([file, PASSWORDISH.test(git('show', `HEAD:${file}`))]).toEqual([
        file,
        false,
      ]);
    }
    // The vendored chart is a byte copy of charts/valkey (whose own docs say "Password: <secret name>"),
    // checked by test/src/chart/secretHygiene.test.ts.
    for (const file of files.filter(f => f.startsWith(vendored))) {
      const original = readFileSync(
        join(repoRoot, 'charts', 'valkey', file.slice(vendored.length)),
      );
      expect([
        file,
        execFileSync('git', ['-C', gitopsRepo, 'show', `HEAD:${file}`]).equals(
          original,
        ),
      ]).toEqual([file, true]);
    }
  });

  it('the new instance is in the catalog and its page opens', async () => {
    await step('entity', async () => {
      await page.goto(`${portal.appUrl}/catalog/default/resource/${NAME}`);
      await page
        .getByRole('heading', { name: `Valkey ${NAME}` })
        .first()
        .waitFor({ timeout: 60_000 });
      await page
        .getByText('Sessions of the checkout service')
        .first()
        .waitFor();
      await page.waitForTimeout(2000);
      await screenshot(page, 'new-instance-9-entity');
    });
    const about = await page.locator('body').innerText();
    expect(about).toContain('team-orders');
    expect(about).toContain('Valkey self-service');
    expect(about).toMatch(/TYPE\s+valkey/i);
  });

  /** Writes a file tree of the folder and `git show --stat` for the README, and values-prod.yaml as a sample. */
  function writeListings(files: string[]) {
    const vendored = `${FOLDER}/charts/valkey/`;
    const own = files
      .filter(f => !f.startsWith(vendored))
      .map(f => f.slice(FOLDER.length + 1));
    const entries = [
      ...own
        .filter(f => !f.includes('/'))
        .map(f => ({ name: f, children: [] as string[] })),
      ...[
        ...new Set(own.filter(f => f.includes('/')).map(f => f.split('/')[0])),
      ].map(dir => ({
        name: `${dir}/`,
        children: own
          .filter(f => f.startsWith(`${dir}/`))
          .map(f => f.slice(dir.length + 1)),
      })),
      {
        name: `charts/valkey/   (vendored copy of the chart, ${
          files.length - own.length
        } files)`,
        children: [],
      },
    ];
    const tree = [`${FOLDER}/`];
    entries.forEach((entry, i) => {
      const last = i === entries.length - 1;
      tree.push(`${last ? '└── ' : '├── '}${entry.name}`);
      entry.children.forEach((child, j) =>
        tree.push(
          `${last ? '    ' : '│   '}${
            j === entry.children.length - 1 ? '└── ' : '├── '
          }${child}`,
        ),
      );
    });
    const stat = git(
      'show',
      '--stat=90',
      `--relative=${FOLDER}/`,
      '--format=commit %H%nAuthor: %an <%ae>%n%n    %s%n',
      'HEAD',
    )
      .split('\n')
      .filter(line => !line.trimStart().startsWith('charts/valkey/'))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(
      join(screenshotDir, 'new-instance-files.txt'),
      `${tree.join(
        '\n',
      )}\n\n$ git -C <local GitOps repository> show --stat --relative=${FOLDER}/ HEAD   (vendored chart lines left out)\n${stat}`,
    );
    writeFileSync(
      join(screenshotDir, 'new-instance-values-prod.yaml'),
      git('show', `HEAD:${FOLDER}/values-prod.yaml`),
    );
  }

  it('renders the committed file list as a picture', async () => {
    const text = readFileSync(
      join(screenshotDir, 'new-instance-files.txt'),
      'utf8',
    );
    const listing = await browser.newPage({
      viewport: { width: 900, height: 400 },
    });
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    await listing.setContent(
      `<body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:20px;color:#d4d4d4;font:14px/1.45 monospace">${escaped}</pre></body>`,
    );
    const file = await screenshot(listing, 'new-instance-files');
    await listing.close();
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
    expect(text).toContain('values-prod.yaml');
  });
});
