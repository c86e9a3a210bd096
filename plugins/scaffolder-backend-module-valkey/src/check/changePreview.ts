/**
 * The form's preview of a change to an existing instance: the new render
 * against the stored folder, exactly as the render action will compare them,
 * in memory. A stored folder that cannot be read becomes a problem to show
 * before Create, since the action would refuse it too.
 */
import {
  ValkeyChangePreview,
  ValkeyFormProblem,
} from '@valkey-backstage/plugin-valkey-common';
import { compareWithStored, describeRenderDiff } from '../change';
import type { GitopsConfig } from '../config/gitopsConfig';
import type { ReadStoredFolder } from '../workspace/storedFolderSource';
import type { CheckedRender } from './checkForm';

/** Compares the render checkForm made of a valid form with the stored folder. */
export async function previewChange(
  rendered: CheckedRender,
  gitops: GitopsConfig,
  readStored: ReadStoredFolder,
): Promise<{ change: ValkeyChangePreview } | { problem: ValkeyFormProblem }> {
  const { spec, result } = rendered;
  try {
    const plan = compareWithStored({
      storedFiles: await readStored(gitops, result.targetPath),
      newSpec: spec,
      newFiles: result.files,
    });
    return {
      change: {
        added: plan.diff.added,
        changed: plan.diff.changed,
        deleted: plan.diff.deleted,
        summary: describeRenderDiff(plan.diff),
        destructive: plan.destructive.map(d => d.message),
      },
    };
  } catch (e) {
    return {
      problem: {
        field: 'changeOf',
        label: 'Instance being changed',
        message: (e as Error).message,
      },
    };
  }
}
