import { Browser } from 'playwright-core';
import {
  demoStatusConfig,
  startDemo,
  ValkeyDemo,
} from '@valkey-backstage/valkey-local';
import { launchBrowser } from './browser';
import { Portal, startPortal, waitForEntity } from './portal';

export interface DemoPortal {
  demo: ValkeyDemo;
  portal: Portal;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The local Valkey demo, this repository's portal pointed at it (status cached
 * for `refreshSeconds`, the timeline observer looking every
 * `timelineIntervalSeconds` when given), and Chromium; returns once both demo entities are in
 * the catalog.
 */
export async function startDemoPortal(
  refreshSeconds: number,
  options: { timelineIntervalSeconds?: number } = {},
): Promise<DemoPortal> {
  const demo = await startDemo();
  let portal: Portal | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await portal?.stop();
    await demo.destroy();
  };
  try {
    portal = await startPortal({
      config: {
        valkey: {
          status: demoStatusConfig(demo.ports, refreshSeconds),
          ...(options.timelineIntervalSeconds
            ? { timeline: { intervalSeconds: options.timelineIntervalSeconds } }
            : {}),
        },
      },
    });
    browser = await launchBrowser();
    await waitForEntity(portal, { kind: 'resource', name: 'demo-cluster' });
    await waitForEntity(portal, { kind: 'resource', name: 'demo-sentinel' });
  } catch (e) {
    await stop();
    throw e;
  }
  return { demo, portal, browser, stop };
}
