#!/usr/bin/env node
/* eslint-disable no-console */
// `npm run bench` for the Valkey frontend plugin. Prints:
//  1. the gzip size of the JavaScript the plugin adds to an app (target <= 150 KB);
//  2. the time from navigating to the demo cluster's entity page until the
//     topology card shows live data, in real Chromium against the real portal
//     (dev server, as `npm start` runs it) and a real Valkey cluster: for an
//     in-app navigation from the catalog (the 1.5 s target), and for a full
//     page load of the unminified dev bundle (reported, no target). The first,
//     cold visit is reported apart: it includes the dev compile and sign-in.
// Skips part 2 with a message when valkey-server or Chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { measureBundle } from './bundleSize.mjs';

const require = createRequire(import.meta.url);
const root = resolve(new URL('../../..', import.meta.url).pathname);
require(join(
  root,
  'node_modules',
  '@backstage',
  'cli',
  'config',
  'nodeTransform.cjs',
));

const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;

const bundle = await measureBundle();
console.log(
  `valkey plugin bundle: ${kb(bundle.gzip)} gzip (${kb(bundle.raw)} minified, ${
    bundle.files
  } chunks); target <= 150 KB: ${
    bundle.gzip <= 150 * 1024 ? 'met' : 'NOT met'
  }`,
);

function has(binary, args = ['--version']) {
  try {
    execFileSync(binary, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!has('valkey-server') || !existsSync(chromiumPath)) {
  console.log(
    'time to live data: skipped, needs valkey-server and Chromium (bash scripts/install-system-deps.sh)',
  );
  process.exit(0);
}

const harness = join(root, 'test', 'src', 'lib');
const portalLib = require(join(harness, 'portal.ts'));
const browserLib = require(join(harness, 'browser.ts'));
const valkeyLocal = require('@valkey-backstage/valkey-local');

const { startDemo, demoStatusConfig } = valkeyLocal;
const { startPortal, waitForEntity } = portalLib;
const { launchBrowser, signInAsGuest } = browserLib;

const runs = Number(process.env.BENCH_RUNS ?? 5);
const demo = await startDemo();
let portal;
let browser;
try {
  portal = await startPortal({
    config: { valkey: { status: demoStatusConfig(demo.ports, 5) } },
  });
  await waitForEntity(portal, { kind: 'resource', name: 'demo-cluster' });
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
  });
  const url = `${portal.appUrl}/catalog/default/resource/demo-cluster`;
  const live = page =>
    page.getByText('cluster state ok').first().waitFor({ timeout: 120_000 });

  const cold = await context.newPage();
  let start = Date.now();
  await cold.goto(url);
  await signInAsGuest(cold);
  await live(cold);
  console.log(
    `time to live data, first visit (dev server compile + sign-in): ${
      Date.now() - start
    } ms`,
  );
  await cold.close();

  // In-app navigation, as a user clicks from the catalog to the entity: the
  // app is loaded once, then react-router switches pages.
  const catalogList =
    '/catalog?filters%5Bkind%5D=resource&filters%5Buser%5D=all';
  const page = await context.newPage();
  await page.goto(`${portal.appUrl}${catalogList}`);
  await page
    .getByText('Demo Valkey cluster')
    .first()
    .waitFor({ timeout: 120_000 });
  const navigate = path =>
    page.evaluate(to => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  const inApp = [];
  for (let i = 0; i < runs; i++) {
    start = Date.now();
    await navigate('/catalog/default/resource/demo-cluster');
    await live(page);
    inApp.push(Date.now() - start);
    await navigate(catalogList);
    await page
      .getByText('cluster state ok')
      .first()
      .waitFor({ state: 'detached' });
  }
  const median = values =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `time to live data, in-app navigation to the entity page until the topology card shows live data: median ${median(
      inApp,
    )} ms over ${runs} runs (${inApp.join(', ')} ms); target <= 1500 ms: ${
      median(inApp) <= 1500 ? 'met' : 'NOT met'
    }`,
  );

  // A full page load in the dev server (unminified bundle, as `npm start` serves it).
  const fullLoads = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await context.newPage();
    start = Date.now();
    await fresh.goto(url);
    await live(fresh);
    fullLoads.push(Date.now() - start);
    await fresh.close();
  }
  console.log(
    `time to live data, full page load from the dev server (whole app bundle, unminified): median ${median(
      fullLoads,
    )} ms over ${runs} runs (${fullLoads.join(', ')} ms)`,
  );
} finally {
  await browser?.close();
  await portal?.stop();
  await demo.destroy();
}
