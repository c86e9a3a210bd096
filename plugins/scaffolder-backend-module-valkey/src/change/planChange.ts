/**
 * A day-2 change, decided before anything is written: the stored folder and
 * spec against the new render, which files differ, and whether the change is
 * destructive and confirmed. Pure.
 */
import { InputError } from '@backstage/errors';
import {
  DestructiveChange,
  destructiveChanges,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { RenderedFile } from '../render';
import { diffRender, RenderDiff } from './diffRender';
import { rendererOwnedPath } from './rendererOwned';
import { storedSpecOf } from './storedSpec';

export interface ChangePlan {
  /** `deleted` holds only files the template wrote. */
  diff: RenderDiff;
  destructive: DestructiveChange[];
  /** Files of the stored folder the template did not write: a change keeps them. */
  kept: string[];
}

export interface ChangeInput {
  storedFiles: ReadonlyArray<RenderedFile>;
  newSpec: ValkeyInstanceSpec;
  newFiles: ReadonlyArray<RenderedFile>;
}

/** What the change does, confirmed or not (the form's preview shows this). */
export function compareWithStored(options: ChangeInput): ChangePlan {
  const { storedFiles, newSpec, newFiles } = options;
  const storedSpec = storedSpecOf(storedFiles, newSpec.name);
  const diff = diffRender(storedFiles, newFiles);
  const owned = rendererOwnedPath(newSpec.name, [
    ...storedSpec.environments.map(e => e.name),
    ...newSpec.environments.map(e => e.name),
  ]);
  return {
    diff: { ...diff, deleted: diff.deleted.filter(owned) },
    destructive: destructiveChanges(storedSpec, newSpec),
    kept: diff.deleted.filter(p => !owned(p)),
  };
}

/** The change to write: refuses an unconfirmed destructive one. */
export function planChange(
  options: ChangeInput & { confirmDestructive: boolean },
): ChangePlan {
  const plan = compareWithStored(options);
  const { destructive } = plan;
  if (destructive.length > 0 && !options.confirmDestructive) {
    throw new InputError(
      `This change can lose data, so it needs your confirmation: tick "I understand these changes can lose data" and run it again.\n${destructive
        .map(d => `- ${d.message}`)
        .join('\n')}`,
    );
  }
  return plan;
}
