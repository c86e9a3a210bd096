/**
 * Writes a rendered folder so that it is either fully there or not at all:
 * every file goes into a staging directory next to the target first, then the
 * staging directory replaces the target with renames. On any error the
 * staging directory is removed and the previous content is put back.
 */
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'fs/promises';
import path from 'path';
import type { RenderedFile } from '../render';

async function exists(p: string) {
  return fs
    .stat(p)
    .then(() => true)
    .catch(() => false);
}

async function writeStaging(staging: string, files: RenderedFile[]) {
  for (const file of files) {
    const target = resolveSafeChildPath(staging, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');
  }
}

/**
 * Replaces `<root>/<relDir>` with exactly `files`. `relDir` `.` means the root
 * itself: then each top-level entry is swapped in, and swapped back on error.
 */
export async function writeFolderAtomically(
  root: string,
  relDir: string,
  files: RenderedFile[],
): Promise<string> {
  await fs.mkdir(root, { recursive: true });
  const target = relDir === '.' ? root : resolveSafeChildPath(root, relDir);
  const staging = await fs.mkdtemp(path.join(root, '.valkey-render-'));
  const backup = `${staging}-previous`;
  try {
    await writeStaging(staging, files);
    await fs.chmod(staging, 0o755);
    if (target === root) {
      await swapEntries(root, staging, backup);
    } else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      const hadPrevious = await exists(target);
      if (hadPrevious) await fs.rename(target, backup);
      try {
        await fs.rename(staging, target);
      } catch (e) {
        if (hadPrevious) await fs.rename(backup, target);
        throw e;
      }
    }
    await fs.rm(backup, { recursive: true, force: true });
    return target;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function swapEntries(root: string, staging: string, backup: string) {
  const entries = (await fs.readdir(staging)).sort();
  const moved: Array<{ name: string; hadPrevious: boolean }> = [];
  await fs.mkdir(backup);
  try {
    for (const name of entries) {
      const dest = path.join(root, name);
      const hadPrevious = await exists(dest);
      if (hadPrevious) await fs.rename(dest, path.join(backup, name));
      moved.push({ name, hadPrevious });
      await fs.rename(path.join(staging, name), dest);
    }
  } catch (e) {
    for (const { name, hadPrevious } of moved.reverse()) {
      await fs.rm(path.join(root, name), { recursive: true, force: true });
      if (hadPrevious)
        await fs.rename(path.join(backup, name), path.join(root, name));
    }
    throw e;
  }
}
