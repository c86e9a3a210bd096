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
import { storedSpecOf } from './storedSpec';

export interface ChangePlan {
  diff: RenderDiff;
  destructive: DestructiveChange[];
}

export function planChange(options: {
  storedFiles: ReadonlyArray<RenderedFile>;
  newSpec: ValkeyInstanceSpec;
  newFiles: ReadonlyArray<RenderedFile>;
  confirmDestructive: boolean;
}): ChangePlan {
  const { storedFiles, newSpec, newFiles, confirmDestructive } = options;
  const storedSpec = storedSpecOf(storedFiles, newSpec.name);
  const destructive = destructiveChanges(storedSpec, newSpec);
  if (destructive.length > 0 && !confirmDestructive) {
    throw new InputError(
      `This change can lose data, so it needs your confirmation: tick "I understand these changes can lose data" and run it again.\n${destructive
        .map(d => `- ${d.message}`)
        .join('\n')}`,
    );
  }
  return { diff: diffRender(storedFiles, newFiles), destructive };
}
