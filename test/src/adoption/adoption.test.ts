/**
 * Adoption: our packages, packed as they would be published, installed into
 * apps that @backstage/create-app makes (new frontend system, and legacy
 * frontend), moved to the registry's newest Backstage line, with
 * only the steps of the README's "Install into your Backstage". Each app must
 * hold exactly one copy of every @backstage/* package, start, and show the
 * live topology of a real local cluster; the new app also lists and dry-runs
 * the template and runs the installed CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { startCluster, Topology } from '@valkey-backstage/valkey-local';
import {
  launchBrowser,
  screenshot,
  screenshotElement,
  signInAsGuest,
  valkeyCard,
  waitForOrExplain,
} from '../lib/browser';
import { guestToken, Portal, startPortal, waitForEntity } from '../lib/portal';
import { clusterShardsFromCli, clusterShardsOnPage } from '../lib/valkeyPage';
import {
  addBackendLines,
  addLegacyEntityPage,
  addPackages,
  addReadmeEntity,
  AdopterApp,
  bumpToNewestLine,
  countBackstagePackages,
  createApp,
  duplicateBackstagePackages,
  mergeReadmeConfig,
  ourDependenciesOffTheRootCopy,
  run,
  yarnInstall,
} from './adopterApp';
import { packPackages } from './packPackages';

jest.setTimeout(3_600_000);

const timings: string[] = [];
async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  const result = await fn();
  const line = `[adoption] ${name}: ${((Date.now() - started) / 1000).toFixed(
    1,
  )} s`;
  timings.push(line);
  // eslint-disable-next-line no-console
  console.log(line);
  return result;
}

let work: string;
let tarballs: Map<string, string>;
let cluster: Topology;
let browser: Browser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'valkey-adoption-'));
  tarballs = await step(
    'build and pack the 4 packages, npm publish --dry-run each',
    () => packPackages(join(work, 'packs')),
  );
  cluster = await step('start a 6-node Valkey cluster', () => startCluster());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await cluster?.destroy();
  // eslint-disable-next-line no-console
  console.log(`[adoption] timings\n${timings.join('\n')}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The adopter's own config, pointing the README's `prod` environment at the local cluster. */
function loopbackConfig(entityName: string) {
  return {
    // create-app's config reads the GitHub token from GITHUB_TOKEN; the pull
    // request step needs one to build its client even in a dry run, which
    // never calls GitHub.
    integrations: {
      github: [{ host: 'github.com', token: 'dry-run-only-not-a-token' }],
    },
    valkey: {
      status: {
        refreshIntervalSeconds: 5,
        environments: [
          {
            name: 'prod',
            host: '{instance}.invalid',
            port: 6379,
            instances: {
              [entityName]: { host: '127.0.0.1', port: cluster.nodes[0].port },
            },
          },
        ],
      },
    },
  };
}

async function installAs(
  name: string,
  options: { legacy: boolean; newestLine: boolean },
) {
  const app = await step(
    `${name}: create-app${options.legacy ? ' --legacy' : ''}`,
    () => createApp(work, name, { legacy: options.legacy }),
  );
  if (options.newestLine) {
    await step(`${name}: bump @backstage/* to the newest line`, () =>
      bumpToNewestLine(app),
    );
  }
  const entity = await step(`${name}: the README's steps`, () => {
    addPackages(app, tarballs);
    addBackendLines(app);
    if (app.legacy) addLegacyEntityPage(app);
    mergeReadmeConfig(app);
    return addReadmeEntity(app);
  });
  await step(`${name}: yarn install`, () => yarnInstall(app));
  return { app, entity };
}

async function openTopology(
  page: Page,
  portal: Portal,
  entity: string,
  shot: string,
) {
  await page.goto(`${portal.appUrl}/catalog/default/resource/${entity}`);
  await signInAsGuest(page);
  const card = valkeyCard(page, 'Valkey topology');
  await waitForOrExplain(
    page,
    card.getByText('cluster state ok'),
    shot,
    () => portal.logs(),
    120_000,
  );
  await screenshotElement(card, shot);
  return card;
}

/** The card's shards (slots, primary, replicas) and what valkey-cli reports. */
async function liveShards(
  page: Page,
  portal: Portal,
  entity: string,
  shot: string,
) {
  await openTopology(page, portal, entity, shot);
  return {
    fromCli: await clusterShardsFromCli(cluster.nodes[0]),
    onPage: await clusterShardsOnPage(page),
  };
}

describe('a new-frontend-system app from create-app, on the newest Backstage line', () => {
  let app: AdopterApp;
  let entity: { name: string };
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    ({ app, entity } = await installAs('adopter-nfs', {
      legacy: false,
      newestLine: true,
    }));
  });

  afterAll(async () => {
    await page?.close();
    await portal?.stop();
  });

  it('holds exactly one copy of every @backstage/* package', () => {
    expect(countBackstagePackages(app)).toBeGreaterThan(50);
    expect(duplicateBackstagePackages(app)).toEqual({});
    expect(ourDependenciesOffTheRootCopy(app)).toEqual([]);
  });

  it('starts, and the discovered cards show the live cluster', async () => {
    portal = await step('adopter-nfs: start backend and frontend', () =>
      startPortal({ root: app.dir, config: loopbackConfig(entity.name) }),
    );
    await waitForEntity(portal, { kind: 'resource', name: entity.name });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const shards = await step('adopter-nfs: entity page to live topology', () =>
      liveShards(page, portal, entity.name, 'adopter-nfs-topology'),
    );
    expect(shards.fromCli).toHaveLength(3);
    expect(shards.onPage).toEqual(shards.fromCli);
  });

  it('offers "New Valkey instance" on the Create page', async () => {
    await page.goto(`${portal.appUrl}/create`);
    await signInAsGuest(page);
    const template = page.getByText('New Valkey instance').first();
    await template.waitFor({ timeout: 60_000 });
    expect(await template.isVisible()).toBe(true);
    await screenshot(page, 'adopter-nfs-create');
  });

  it('dry-runs the installed template, the vendored chart among its files, and the installed CLI validates an instance', async () => {
    const token = await guestToken(portal);
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    const templateRes = await fetch(
      `${portal.backendUrl}/api/catalog/entities/by-name/template/default/valkey-instance`,
      { headers },
    );
    expect(templateRes.status).toBe(200);
    const template = await templateRes.json();
    const values = {
      // Not orders-cache: the README's entity has that name, and a new
      // instance with a taken name is refused before anything is written.
      name: 'payments-cache',
      owner: 'group:default/guests',
      mode: 'cluster',
      size: 'small',
      shards: 3,
      replicasPerPrimary: 1,
      persistenceEnabled: true,
      persistenceSize: '8Gi',
      environments: [{ name: 'prod' }],
      authEnabled: true,
      tlsEnabled: false,
      backupsEnabled: false,
      metricsEnabled: false,
      publisher: 'github-pr',
      gitopsRepoUrl: 'github.com?owner=acme&repo=gitops',
    };
    const dryRun = await step('adopter-nfs: template dry run', async () => {
      const res = await fetch(
        `${portal.backendUrl}/api/scaffolder/v2/dry-run`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify({ template, values, directoryContents: [] }),
        },
      );
      return { status: res.status, body: await res.json() };
    });
    expect([
      dryRun.status,
      dryRun.status === 200 ? '' : JSON.stringify(dryRun.body).slice(0, 3000),
    ]).toEqual([200, '']);
    const files = dryRun.body.directoryContents as Array<{
      path: string;
      base64Content: string;
    }>;
    const paths = files.map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'valkey/payments-cache/Chart.yaml',
        'valkey/payments-cache/values-prod.yaml',
        'valkey/payments-cache/argocd/prod.yaml',
        'valkey/payments-cache/charts/valkey/Chart.yaml',
        'valkey/payments-cache/charts/valkey/values.schema.json',
      ]),
    );
    const vendored = parse(
      Buffer.from(
        files.find(
          f => f.path === 'valkey/payments-cache/charts/valkey/Chart.yaml',
        )!.base64Content,
        'base64',
      ).toString(),
    );
    expect(vendored.name).toBe('valkey');

    // The same instance as an instance spec file, for the CLI.
    const spec = join(work, 'orders-cache.instance.yaml');
    writeFileSync(
      spec,
      stringify({
        name: 'orders-cache',
        owner: 'group:default/guests',
        mode: 'cluster',
        size: 'small',
        topology: { shards: 3, replicasPerPrimary: 1 },
        persistence: { enabled: true, size: '8Gi' },
        auth: { enabled: true },
        environments: [{ name: 'prod' }],
      }),
    );
    const out = await step('adopter-nfs: npx valkey-gitops validate', () =>
      run('npx', ['valkey-gitops', 'validate', '--spec', spec], {
        cwd: app.dir,
      }),
    );
    expect(out).toMatch(/orders-cache/);
    const rejected = join(work, 'bad.instance.yaml');
    writeFileSync(
      rejected,
      readFileSync(spec, 'utf8').replace(/name: prod/, 'name: qa'),
    );
    await expect(
      run('npx', ['valkey-gitops', 'validate', '--spec', rejected], {
        cwd: app.dir,
      }),
    ).rejects.toThrow(/qa/);
  });
});

describe('a legacy app from create-app --legacy, on the newest Backstage line', () => {
  let app: AdopterApp;
  let entity: { name: string };
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    ({ app, entity } = await installAs('adopter-legacy', {
      legacy: true,
      newestLine: true,
    }));
  });

  afterAll(async () => {
    await page?.close();
    await portal?.stop();
  });

  it('our packages add no copy of any @backstage/* package', () => {
    expect(countBackstagePackages(app)).toBeGreaterThan(50);
    expect(ourDependenciesOffTheRootCopy(app)).toEqual([]);
    // The legacy template's own @backstage/app-defaults (1.7.12, the newest in
    // the registry) still asks for the 1.55 frontend-plugin-api: any second
    // copy must sit inside a package of the template, never inside ours.
    const extraCopies = Object.values(duplicateBackstagePackages(app))
      .flat()
      .filter(where => where.split('node_modules/').length > 2);
    // eslint-disable-next-line no-console
    console.log(
      `[adoption] adopter-legacy: copies the template brings: ${
        extraCopies.join(', ') || 'none'
      }`,
    );
    expect(
      extraCopies.filter(where => where.includes('@valkey-backstage')),
    ).toEqual([]);
  });

  it("starts, and the README's EntitySwitch case shows the live cluster", async () => {
    portal = await step('adopter-legacy: start backend and frontend', () =>
      startPortal({ root: app.dir, config: loopbackConfig(entity.name) }),
    );
    await waitForEntity(portal, { kind: 'resource', name: entity.name });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const shards = await step(
      'adopter-legacy: entity page to live topology',
      () => liveShards(page, portal, entity.name, 'adopter-legacy-topology'),
    );
    expect(shards.fromCli).toHaveLength(3);
    expect(shards.onPage).toEqual(shards.fromCli);
    await page.getByRole('tab', { name: 'Valkey' }).click();
    await valkeyCard(page, 'Valkey')
      .getByText('cluster state ok')
      .waitFor({ timeout: 60_000 });
  });
});
