/**
 * The form's live check: the spec (mapped from the form values as the action
 * maps them) goes through the same parser, renderer and policy as the render action, in memory (nothing is
 * written), and the answer says what the user still has to change.
 */
import {
  instanceNameProblem,
  ValkeyFormCheck,
} from '@valkey-backstage/plugin-valkey-common';
import type { GitopsConfig } from '../config/gitopsConfig';
import { renderFromInput, RenderError, type ChartInput } from '../render';
import { formProblemOf } from './formProblems';

export function checkForm(
  rawSpec: unknown,
  config: GitopsConfig,
  chart: ChartInput,
): ValkeyFormCheck {
  const name = (rawSpec as { name?: unknown } | undefined)?.name;
  const nameProblem = instanceNameProblem(name);
  try {
    const result = renderFromInput(rawSpec, config, chart);
    return { ok: true, problems: [], environments: result.environments };
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    const problems = e.issues.map(issue =>
      issue.field === 'name' && !issue.environment && nameProblem
        ? { field: 'name', label: 'Instance name', message: nameProblem }
        : formProblemOf(issue),
    );
    return { ok: false, problems, environments: [] };
  }
}
