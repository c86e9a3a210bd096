/**
 * Reads a rendered folder back as files (paths relative to it, forward
 * slashes), the shape the renderer produces. A missing folder reads as empty.
 */
import fs from 'fs/promises';
import path from 'path';
import type { RenderedFile } from '../render';

export async function readFolderFiles(dir: string): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  async function walk(rel: string) {
    const entries = await fs
      .readdir(path.join(dir, rel), { withFileTypes: true })
      .catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' && rel === '') return [];
        throw e;
      });
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        files.push({
          path: child,
          content: await fs.readFile(path.join(dir, child), 'utf8'),
        });
      }
    }
  }
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
