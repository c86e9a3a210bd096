#!/usr/bin/env node
// Runs the valkey-gitops CLI from source (no build step): the Backstage CLI's
// Node transform compiles the TypeScript on the fly.
require('@backstage/cli/config/nodeTransform.cjs');
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2), process.stdout, process.stderr).then(code => {
  process.exitCode = code;
});
