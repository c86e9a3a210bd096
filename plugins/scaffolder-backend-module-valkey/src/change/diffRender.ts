/**
 * What a day-2 change does to the files of a rendered folder: the pure
 * comparison of the stored folder with a new render, by path and content.
 */
import type { RenderedFile } from '../render';

export interface RenderDiff {
  added: string[];
  changed: string[];
  deleted: string[];
  unchanged: string[];
}

/** Compares the stored files with the new render; every list is sorted by path. */
export function diffRender(
  oldFiles: ReadonlyArray<RenderedFile>,
  newFiles: ReadonlyArray<RenderedFile>,
): RenderDiff {
  const before = new Map(oldFiles.map(f => [f.path, f.content]));
  const after = new Map(newFiles.map(f => [f.path, f.content]));
  const diff: RenderDiff = {
    added: [],
    changed: [],
    deleted: [],
    unchanged: [],
  };
  for (const [path, content] of after) {
    if (!before.has(path)) diff.added.push(path);
    else if (before.get(path) === content) diff.unchanged.push(path);
    else diff.changed.push(path);
  }
  for (const path of before.keys()) {
    if (!after.has(path)) diff.deleted.push(path);
  }
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

/** One line per kind, e.g. `1 added (values-prod.yaml), 2 changed (...), nothing deleted`. */
export function describeRenderDiff(diff: RenderDiff): string {
  const part = (count: string[], what: string) =>
    count.length ? `${count.length} ${what} (${count.join(', ')})` : undefined;
  const parts = [
    part(diff.added, 'added'),
    part(diff.changed, 'changed'),
    part(diff.deleted, 'deleted'),
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no file changes';
}
