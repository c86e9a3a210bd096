#!/usr/bin/env node
// The valkey-gitops CLI. From an installed package (no src/ is published) it
// runs the built JavaScript in dist/ with plain node; in this repository it
// runs the TypeScript source through the Backstage CLI's Node transform, a dev
// dependency, because the workspace packages it imports resolve to source too.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
let cli;
if (fs.existsSync(path.join(root, 'src'))) {
  require('@backstage/cli/config/nodeTransform.cjs');
  cli = require('../src/index.ts');
} else {
  cli = require('../dist/index.cjs.js');
}

cli
  .runValkeyGitopsCli(process.argv.slice(2), process.stdout, process.stderr)
  .then(code => {
    process.exitCode = code;
  });
