import { INSTANCE_NAME_MAX_LENGTH } from './instanceSpec';

/** The naming rule of an instance, in the words the form shows. */
export const INSTANCE_NAME_RULE = `lowercase letters, digits and hyphens; starts with a letter and does not end with a hyphen; at most ${INSTANCE_NAME_MAX_LENGTH} characters`;

/**
 * What is wrong with a proposed instance name, in plain words, or undefined
 * when it follows the rule. The same rule as the spec schema's `name`.
 */
export function instanceNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') {
    return `Give the instance a name: ${INSTANCE_NAME_RULE}.`;
  }
  if (name.length > INSTANCE_NAME_MAX_LENGTH) {
    return `"${name.slice(0, 60)}" has ${
      name.length
    } characters; use at most ${INSTANCE_NAME_MAX_LENGTH}.`;
  }
  if (!/^[a-z]/.test(name)) {
    return `Start the name with a lowercase letter (${INSTANCE_NAME_RULE}).`;
  }
  if (/[^-a-z0-9]/.test(name)) {
    return `Use only lowercase letters, digits and hyphens in the name (no spaces, capitals or other characters).`;
  }
  if (name.endsWith('-')) {
    return 'Do not end the name with a hyphen.';
  }
  return undefined;
}
