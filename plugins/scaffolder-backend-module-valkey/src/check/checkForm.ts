/**
 * The form's live check: the spec (mapped from the form values as the action
 * maps them) goes through the same parser, renderer and policy as the render action, in memory (nothing is
 * written), and the answer says what the user still has to change.
 */
import {
  instanceNameProblem,
  parseValkeyInstanceSpec,
  ValkeyFormCheck,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { GitopsConfig } from '../config/gitopsConfig';
import {
  renderGitops,
  RenderError,
  type ChartInput,
  type RenderResult,
} from '../render';
import { formProblemOf } from './formProblems';

/** A valid form's spec and render, for the change preview to compare. */
export interface CheckedRender {
  spec: ValkeyInstanceSpec;
  result: RenderResult;
}

export function checkForm(
  rawSpec: unknown,
  config: GitopsConfig,
  chart: ChartInput,
): { check: ValkeyFormCheck; rendered?: CheckedRender } {
  const name = (rawSpec as { name?: unknown } | undefined)?.name;
  const nameProblem = instanceNameProblem(name);
  try {
    const parsed = parseValkeyInstanceSpec(rawSpec);
    if (!parsed.success) throw new RenderError(parsed.issues);
    const result = renderGitops({ spec: parsed.spec, config, chart });
    return {
      check: { ok: true, problems: [], environments: result.environments },
      rendered: { spec: parsed.spec, result },
    };
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    const problems = e.issues.map(issue =>
      issue.field === 'name' && !issue.environment && nameProblem
        ? { field: 'name', label: 'Instance name', message: nameProblem }
        : formProblemOf(issue),
    );
    return { check: { ok: false, problems, environments: [] } };
  }
}
