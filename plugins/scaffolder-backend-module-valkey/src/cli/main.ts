/**
 * `valkey-gitops`: the renderer behind the scaffolder action, on the command line.
 *
 *   valkey-gitops render --spec instance.yaml --out DIR [--config app-config.yaml]
 *   valkey-gitops validate --spec instance.yaml [--config app-config.yaml]
 *
 * Exit 0 on success; 1 when the spec or config is refused; 2 for usage errors.
 * Nothing is written unless the whole render succeeds.
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { loadChartForConfig } from '../chart/loadChart';
import { renderFromInput, RenderError } from '../render';
import {
  ForeignFolderError,
  RENDER_MARKER,
  renderInPlace,
} from '../workspace/renderInPlace';
import { readGitopsConfigFile } from './readConfigFile';
import { SAMPLE_SPEC } from './sampleSpec';
import { UsageError } from './usageError';

const USAGE = `Usage:
  valkey-gitops render --spec instance.yaml --out DIR [--config app-config.yaml]
  valkey-gitops validate --spec instance.yaml [--config app-config.yaml]

--spec     the Valkey instance spec (YAML or JSON)
--out      folder to write the rendered GitOps folder into: a new or empty folder,
           or one a previous render wrote (it leaves ${RENDER_MARKER}); files the
           render no longer produces are removed there, other files are left alone
--config   app-config file with a valkey.gitops section (default: ./app-config.yaml)

A sample --spec file:

${SAMPLE_SPEC}`;

interface Writable {
  write(text: string): unknown;
}

function parseArgs(args: string[]) {
  const [command, ...rest] = args;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const match = /^--(spec|out|config)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument "${arg}"`);
    const value = match[2] ?? rest[++i];
    if (value === undefined || value === '')
      throw new UsageError(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  return { command, options };
}

function readSpecFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the spec file ${file}`);
  }
  if (text.length > 1_000_000)
    throw new UsageError(
      `${file} is larger than 1 MB; an instance spec is a few hundred bytes`,
    );
  try {
    return parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (e) {
    throw new UsageError(`${file} is not valid YAML: ${(e as Error).message}`);
  }
}

export async function main(
  args: string[],
  stdout: Writable,
  stderr: Writable,
): Promise<number> {
  try {
    const { command, options } = parseArgs(args);
    if (command === 'help' || command === '--help' || command === '-h') {
      stdout.write(USAGE);
      return 0;
    }
    if (command !== 'render' && command !== 'validate') {
      throw new UsageError(
        command ? `unknown command "${command}"` : 'a command is required',
      );
    }
    if (!options.spec) throw new UsageError('--spec is required');
    if (command === 'render' && !options.out)
      throw new UsageError('--out is required for render');

    const configFile = path.resolve(options.config ?? 'app-config.yaml');
    const config = readGitopsConfigFile(configFile);
    const chart = loadChartForConfig(config, path.dirname(configFile));
    const result = renderFromInput(readSpecFile(options.spec), config, chart);

    if (command === 'validate') {
      stdout.write(
        `OK: ${result.entityRef} renders ${
          result.files.length
        } files for ${result.environments.map(e => e.name).join(', ')} into ${
          result.targetPath
        }\n`,
      );
      return 0;
    }
    const out = path.resolve(options.out);
    const written = await renderInPlace(out, result.files);
    stdout.write(
      `Rendered ${result.entityRef} (${result.targetPath}) into ${out}:\n`,
    );
    for (const file of result.files) stdout.write(`  ${file.path}\n`);
    for (const file of written.removed)
      stdout.write(`  removed ${file} (no longer rendered)\n`);
    if (written.keptForeign > 0)
      stdout.write(
        `  left ${written.keptForeign} file(s) alone that valkey-gitops did not write\n`,
      );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`valkey-gitops: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ForeignFolderError) {
      stderr.write(`valkey-gitops: ${e.message}\n`);
      return 1;
    }
    if (e instanceof RenderError || (e as Error)?.name === 'InputError') {
      stderr.write(
        `valkey-gitops: ${(e as Error).message}\nNothing was written.\n`,
      );
      return 1;
    }
    stderr.write(
      `valkey-gitops: ${
        (e as Error)?.message ?? String(e)
      }\nNothing was written.\n`,
    );
    return 1;
  }
}
