import { InputError } from '@backstage/errors';
import type { RenderIssue } from './types';

export function describeIssue(issue: RenderIssue): string {
  const where = issue.environment ? `environment "${issue.environment}": ` : '';
  return `${where}${issue.field}: ${issue.message}`;
}

/** The spec, the config or the merged values were refused; nothing was rendered. */
export class RenderError extends InputError {
  readonly issues: RenderIssue[];

  constructor(issues: RenderIssue[]) {
    super(
      `The Valkey instance cannot be rendered:\n${issues
        .map(i => `- ${describeIssue(i)}`)
        .join('\n')}`,
    );
    this.issues = issues;
  }
}
