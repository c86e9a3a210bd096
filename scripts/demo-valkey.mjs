#!/usr/bin/env node
// The local Valkey demo of `npm start`: a 6-node cluster (ports 7100-7105, bus
// 17100-17105) and a Sentinel group (data 7200-7202, Sentinels 27200-27202) on
// 127.0.0.1, without a password. app-config.yaml points the status backend at
// these ports. Runs until SIGINT/SIGTERM, then stops every process it started.
//
// Run by scripts/start.mjs as:
//   node --require @backstage/cli/config/nodeTransform.cjs scripts/demo-valkey.mjs --stop-with-parent
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// valkey-local is TypeScript source; the node transform above compiles it on load.
const {
  DEMO_PORTS,
  busyDemoPorts,
  startDemo,
} = require('@valkey-backstage/valkey-local');

const log = message => console.log(`[valkey-demo] ${message}`);

function hasBinary(name) {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (
  !hasBinary('valkey-server') ||
  !hasBinary('valkey-sentinel') ||
  !hasBinary('valkey-cli')
) {
  log(
    'valkey-server, valkey-sentinel or valkey-cli is not installed: no live demo.',
  );
  log(
    'Install Valkey 8 with `bash scripts/install-system-deps.sh valkey` (Debian), then run `npm start` again.',
  );
  process.exit(0);
}

const busy = await busyDemoPorts(DEMO_PORTS);
if (busy.length) {
  log(
    `ports ${busy.join(
      ', ',
    )} on 127.0.0.1 are in use, so the demo cannot start.`,
  );
  log(
    'Is another `npm start` (or an old demo) still running? Stop it, or free those ports, and start again.',
  );
  log(
    'The portal runs anyway; the demo cards will say the instances are unreachable.',
  );
  process.exit(0);
}

let demo;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (demo) {
    log('stopping the demo Valkey processes');
    await demo.destroy().catch(e => log(`stop failed: ${e.message}`));
  }
  process.exit(code);
}
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
if (process.argv.includes('--stop-with-parent')) {
  // start.mjs gives us a pipe as stdin: if it dies without signalling, the pipe closes.
  process.stdin.on('end', () => stop(0));
  process.stdin.resume();
}

log('starting a 6-node cluster and a Sentinel group on 127.0.0.1 ...');
const started = Date.now();
try {
  demo = await startDemo(DEMO_PORTS);
} catch (e) {
  log(`the demo failed to start: ${e.message}`);
  process.exit(1);
}
if (stopping) {
  await demo.destroy();
  process.exit(0);
}
log(
  `ready in ${((Date.now() - started) / 1000).toFixed(
    1,
  )} s: cluster on ${demo.ports.cluster.join(',')}, ` +
    `Sentinel primary ${
      demo.ports.sentinelData[0]
    }, replicas ${demo.ports.sentinelData.slice(1).join(',')}, ` +
    `Sentinels ${demo.ports.sentinels.join(',')}`,
);
