/**
 * Writes a render into a folder the user names (the CLI's `--out`) without
 * ever deleting or overwriting a file this tool did not write.
 *
 * A render leaves a marker file listing the files it wrote. The next render
 * into the same folder replaces exactly those files: files it no longer
 * renders are removed, files somebody else put there stay. A non-empty folder
 * without a marker is refused, and so is a render that would overwrite a file
 * the marker does not list. Nothing is written when a check fails: the new
 * files are staged next to the folder first, then moved in.
 */
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'fs/promises';
import path from 'path';
import type { RenderedFile } from '../render';

/** The marker a render leaves in its folder; its content is the list of files it wrote. */
export const RENDER_MARKER = '.valkey-gitops-render.json';

/** A folder that cannot be rendered into without touching what somebody else wrote. */
export class ForeignFolderError extends Error {
  readonly name = 'ForeignFolderError';
}

interface RenderMarker {
  renderedBy: 'valkey-gitops';
  files: string[];
}

async function readMarker(folder: string): Promise<RenderMarker | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, RENDER_MARKER), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const marker = JSON.parse(text);
    if (
      marker?.renderedBy === 'valkey-gitops' &&
      Array.isArray(marker.files) &&
      marker.files.every((f: unknown) => typeof f === 'string')
    ) {
      return marker;
    }
  } catch {
    // handled below
  }
  throw new ForeignFolderError(
    `${folder} has a ${RENDER_MARKER} that valkey-gitops did not write (it is not a list of rendered files); ` +
      'remove it if the folder is yours to replace, or choose another --out folder',
  );
}

async function listEntries(folder: string): Promise<string[] | undefined> {
  try {
    return await fs.readdir(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new ForeignFolderError(
        `${folder} is a file, not a folder; choose another --out folder`,
      );
    throw e;
  }
}

async function isFile(p: string) {
  return fs
    .lstat(p)
    .then(s => !s.isDirectory())
    .catch(() => false);
}

async function removeEmptyParents(folder: string, file: string) {
  let dir = path.dirname(file);
  while (dir !== folder && dir.startsWith(folder + path.sep)) {
    if ((await fs.readdir(dir)).length > 0) return;
    await fs.rmdir(dir);
    dir = path.dirname(dir);
  }
}

export interface RenderInPlaceResult {
  written: string[];
  removed: string[];
  /** Files in the folder that the render did not write and left alone. */
  keptForeign: number;
}

/** Renders `files` into `folder`: a new or empty folder, or one a previous render wrote. */
export async function renderInPlace(
  folder: string,
  files: RenderedFile[],
): Promise<RenderInPlaceResult> {
  const entries = await listEntries(folder);
  const marker = entries ? await readMarker(folder) : undefined;
  if (entries && entries.length > 0 && !marker) {
    throw new ForeignFolderError(
      `${folder} is not empty and was not written by valkey-gitops (no ${RENDER_MARKER} in it), ` +
        'so nothing was written; choose an empty or new --out folder, or a folder a previous render wrote',
    );
  }
  const previous = new Set(marker?.files ?? []);
  const next = new Set(files.map(f => f.path));
  const clashes: string[] = [];
  for (const file of files) {
    const target = resolveSafeChildPath(folder, file.path);
    if (!previous.has(file.path) && (await isFile(target)))
      clashes.push(file.path);
  }
  if (clashes.length > 0) {
    throw new ForeignFolderError(
      `${folder} holds ${clashes.join(
        ', ',
      )}, which the previous render did not write; ` +
        'nothing was written. Move those files away or choose another --out folder',
    );
  }

  await fs.mkdir(path.dirname(folder), { recursive: true });
  const staging = await fs.mkdtemp(
    path.join(path.dirname(folder), '.valkey-render-'),
  );
  try {
    for (const file of files) {
      const staged = resolveSafeChildPath(staging, file.path);
      await fs.mkdir(path.dirname(staged), { recursive: true });
      await fs.writeFile(staged, file.content, 'utf8');
    }
    const newMarker: RenderMarker = {
      renderedBy: 'valkey-gitops',
      files: [...next].sort(),
    };
    await fs.writeFile(
      path.join(staging, RENDER_MARKER),
      `${JSON.stringify(newMarker, null, 2)}\n`,
    );

    await fs.mkdir(folder, { recursive: true });
    for (const file of files) {
      const target = resolveSafeChildPath(folder, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(resolveSafeChildPath(staging, file.path), target);
    }
    const removed: string[] = [];
    for (const old of [...previous].sort()) {
      if (next.has(old)) continue;
      const target = resolveSafeChildPath(folder, old);
      if (!(await isFile(target))) continue;
      await fs.rm(target);
      await removeEmptyParents(folder, target);
      removed.push(old);
    }
    await fs.rename(
      path.join(staging, RENDER_MARKER),
      path.join(folder, RENDER_MARKER),
    );
    const all = await fs.readdir(folder, { recursive: true });
    let keptForeign = 0;
    for (const entry of all) {
      const rel = entry.split(path.sep).join('/');
      if (rel === RENDER_MARKER || next.has(rel)) continue;
      if (await isFile(path.join(folder, entry))) keptForeign++;
    }
    return { written: [...next], removed, keptForeign };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
