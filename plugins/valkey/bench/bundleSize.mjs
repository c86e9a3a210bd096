// The JavaScript the plugin adds to an app, gzip-compressed: the plugin and
// valkey-common bundled with esbuild (minified, code-split like the app's
// lazy chunks), leaving out what every Backstage app already ships (React,
// Material UI, @backstage/*, react-use).
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const pluginDir = resolve(new URL('..', import.meta.url).pathname);
const shared = [
  'react',
  'react-dom',
  'react/*',
  'react-router-dom',
  'react-use',
  'react-use/*',
  '@material-ui/*',
  '@backstage/*',
];

export async function measureBundle() {
  const outdir = mkdtempSync(join(tmpdir(), 'valkey-bundle-'));
  try {
    await build({
      entryPoints: [
        join(pluginDir, 'src', 'index.ts'),
        join(pluginDir, 'src', 'alpha.tsx'),
      ],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      jsx: 'automatic',
      platform: 'browser',
      target: 'es2020',
      outdir,
      external: shared,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    let raw = 0;
    let gzip = 0;
    const files = readdirSync(outdir).filter(f => f.endsWith('.js'));
    for (const file of files) {
      const bytes = readFileSync(join(outdir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { files: files.length, raw, gzip };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
