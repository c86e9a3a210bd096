/**
 * The render step shared by `valkey:gitops:render` and
 * `valkey:gitops:grant-access`: render the spec, for a change compare it with
 * the stored folder (refusing an unconfirmed destructive change), write the
 * folder atomically into the workspace and set the render outputs.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { describeRenderDiff, planChange, ChangePlan } from '../change';
import { loadChartForConfig } from '../chart/loadChart';
import type { GitopsConfig } from '../config/gitopsConfig';
import { renderFromInput, RenderResult } from '../render';
import { readStoredFolder } from '../workspace/storedFolder';
import type { ReadStoredFolder } from '../workspace/storedFolderSource';
import { writeFolderAtomically } from '../workspace/writeFolder';

/** The outputs every render step sets (see the render action's output schema). */
export interface RenderOutputs {
  targetPath: string;
  sourcePath: string;
  entityRef: string;
  catalogInfoPath: string;
  files: string[];
  pullRequestBody: string;
  changeSummary?: string;
  filesToDelete: string[];
  destructiveChanges?: string[];
}

export interface RenderStepContext {
  workspacePath: string;
  isDryRun?: boolean;
  logger: LoggerService;
  output(
    name: keyof RenderOutputs,
    value: RenderOutputs[keyof RenderOutputs],
  ): void;
}

export async function renderIntoWorkspace(
  ctx: RenderStepContext,
  options: {
    gitops: GitopsConfig;
    instance: unknown;
    newRepository?: { url: string };
    change?: { of: string; confirmDestructive: boolean };
    /** Where a change finds the stored folder (default: the local repository). */
    readStored?: ReadStoredFolder;
    /** A line for the pull request that says why (e.g. the access granted). */
    reason?: string;
    /** For a new instance: throws when its name is taken (catalog or folder). */
    refuseTakenName?: (name: string) => Promise<void>;
  },
): Promise<{ result: RenderResult; plan?: ChangePlan }> {
  const { gitops, instance, newRepository, change } = options;
  const chart = loadChartForConfig(gitops);
  const result = renderFromInput(instance, gitops, chart, newRepository);
  let plan: ChangePlan | undefined;
  if (!change) {
    await options.refuseTakenName?.(parseEntityRef(result.entityRef).name);
  } else {
    const spec = parseValkeyInstanceSpec(instance);
    if (!spec.success) throw new Error('unreachable: rendered spec');
    if (spec.spec.name !== change.of) {
      throw new InputError(
        `The name of an instance cannot be changed (${change.of} -> ${spec.spec.name}); create a new instance and retire the old one instead`,
      );
    }
    plan = planChange({
      storedFiles: await (options.readStored ?? readStoredFolder)(
        gitops,
        result.targetPath,
      ),
      newSpec: spec.spec,
      newFiles: result.files,
      confirmDestructive: change.confirmDestructive,
    });
  }

  const target = await writeFolderAtomically(
    ctx.workspacePath,
    result.targetPath,
    result.files,
  );
  ctx.logger.info(
    `${ctx.isDryRun ? '[dry run] ' : ''}Rendered ${
      result.files.length
    } files for ${result.entityRef} into ${target}`,
  );
  ctx.output('targetPath', result.targetPath);
  ctx.output('sourcePath', result.targetPath);
  ctx.output('entityRef', result.entityRef);
  ctx.output(
    'catalogInfoPath',
    `/${
      result.targetPath === '.' ? '' : `${result.targetPath}/`
    }catalog-info.yaml`,
  );
  ctx.output(
    'files',
    result.files.map(f => f.path),
  );
  // A change knows the stored folder, so it deletes exactly what the new render
  // drops; otherwise every path an earlier render may have written and this
  // one does not (absent paths are skipped by the pull-request step).
  ctx.output('filesToDelete', plan ? plan.diff.deleted : result.staleFiles);
  if (!plan) {
    ctx.output('pullRequestBody', result.pullRequestBody);
    return { result };
  }
  const summary = describeRenderDiff(plan.diff);
  ctx.logger.info(`Change of ${result.entityRef}: ${summary}`);
  ctx.output('changeSummary', summary);
  ctx.output(
    'destructiveChanges',
    plan.destructive.map(d => d.message),
  );
  ctx.output(
    'pullRequestBody',
    `${changeSection(summary, plan, options.reason)}\n\n${
      result.pullRequestBody
    }`,
  );
  return { result, plan };
}

function changeSection(
  summary: string,
  plan: ChangePlan,
  reason: string | undefined,
): string {
  const lines = ['## What this change does', ''];
  if (reason) lines.push(reason, '');
  lines.push(`Files: ${summary}.`);
  if (plan.destructive.length) {
    lines.push('', 'Confirmed destructive changes:');
    lines.push(...plan.destructive.map(d => `- ${d.message}`));
  }
  return lines.join('\n');
}
