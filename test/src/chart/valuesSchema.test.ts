/* values.schema.json is generated from values.yaml and must not diverge. */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chartDir } from '../lib/helm';

const script = path.join(chartDir, 'scripts-dev', 'gen-schema.mjs');
const run = (args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

function withTmpValues(
  edit: (values: string) => string,
  body: (dir: string) => void,
) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-check-'));
  try {
    const values = fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8');
    fs.writeFileSync(path.join(tmp, 'values.yaml'), edit(values));
    fs.copyFileSync(
      path.join(chartDir, 'values.schema.json'),
      path.join(tmp, 'values.schema.json'),
    );
    body(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const checkIn = (dir: string) =>
  run([
    '--check',
    '--values',
    path.join(dir, 'values.yaml'),
    '--schema',
    path.join(dir, 'values.schema.json'),
  ]);

describe('values.schema.json', () => {
  it('matches its generator run over values.yaml', () => {
    const r = run(['--check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is reported out of date when a key is added to values.yaml', () => {
    withTmpValues(
      v => `${v}\n# -- a new knob\nnewKnob: true\n`,
      dir => {
        const r = checkIn(dir);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('out of date');
      },
    );
  });

  it('is reported out of date when a default changes type', () => {
    withTmpValues(
      v =>
        v.replace(
          /^terminationGracePeriodSeconds: \d+$/m,
          'terminationGracePeriodSeconds: "30"',
        ),
      dir => {
        expect(checkIn(dir).status).toBe(1);
      },
    );
  });

  it('writes a schema that then passes the check, with the mode enum and a closed top level', () => {
    withTmpValues(
      v => v,
      dir => {
        const write = run([
          '--values',
          path.join(dir, 'values.yaml'),
          '--schema',
          path.join(dir, 'values.schema.json'),
        ]);
        expect(write.status).toBe(0);
        expect(checkIn(dir).status).toBe(0);
        const schema = JSON.parse(
          fs.readFileSync(path.join(dir, 'values.schema.json'), 'utf8'),
        );
        expect(schema.properties.mode.enum).toEqual([
          'standalone',
          'replication',
          'sentinel',
          'cluster',
        ]);
        expect(schema.additionalProperties).toBe(false);
      },
    );
  });
});
