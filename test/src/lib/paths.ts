import path from 'node:path';

/**
 * The repository root. These tests always run from source (they are never
 * built), so __dirname is the real location of this file.
 */
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** This folder, for files that sit beside the helpers (validate-k8s.mjs). */
// eslint-disable-next-line no-restricted-syntax
export const testLibDir = __dirname;
