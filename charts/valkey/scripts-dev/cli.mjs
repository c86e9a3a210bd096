// Shared by the chart's generator scripts: the yaml parser, --name value
// options and the chart folder.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const YAML = require('yaml');
export const chartDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
/** The value after `--name` on the command line, if any. */
export const option = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
/** Whether `--name` is on the command line. */
export const flag = name => args.includes(name);
