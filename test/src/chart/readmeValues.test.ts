/* The README values table is generated from values.yaml and must not diverge. */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chartDir } from '../lib/helm';

const script = path.join(chartDir, 'scripts-dev', 'readme-values.mjs');
const run = (args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('README values table', () => {
  it('matches values.yaml', () => {
    const r = run(['--check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('lists every documented key including the ones tools depend on', () => {
    const readme = fs.readFileSync(path.join(chartDir, 'README.md'), 'utf8');
    for (const key of [
      'auth.existingSecret',
      'auth.existingSecretPasswordKey',
      'acl.users',
      'acl.monitoringUser.name',
      'cluster.init.hookType',
      'backup.schedule',
      'tls.certManager.enabled',
    ]) {
      expect(readme).toContain(`| \`${key}\` |`);
    }
  });

  it('fails when a key is added to values.yaml but not to the README', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-check-'));
    try {
      const values = path.join(tmp, 'values.yaml');
      const readme = path.join(tmp, 'README.md');
      fs.writeFileSync(
        values,
        `${fs.readFileSync(
          path.join(chartDir, 'values.yaml'),
          'utf8',
        )}\n# -- a new knob\nnewKnob: true\n`,
      );
      fs.copyFileSync(path.join(chartDir, 'README.md'), readme);
      const r = run(['--check', '--values', values, '--readme', readme]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('missing in README: newKnob');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('fails when a default changes', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-check-'));
    try {
      const values = path.join(tmp, 'values.yaml');
      fs.writeFileSync(
        values,
        fs
          .readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')
          .replace('size: 8Gi', 'size: 9Gi'),
      );
      const readme = path.join(tmp, 'README.md');
      fs.copyFileSync(path.join(chartDir, 'README.md'), readme);
      const r = run(['--check', '--values', values, '--readme', readme]);
      expect(r.status).toBe(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
