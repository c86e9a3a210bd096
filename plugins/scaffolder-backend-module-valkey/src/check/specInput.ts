import { InputError } from '@backstage/errors';
import {
  instanceSpecFromForm,
  ValkeyInstanceForm,
} from '@valkey-backstage/plugin-valkey-common';

/**
 * The raw spec from `instance` (a spec) or `form` (the form's values, mapped
 * as the form maps them). The render action and the form check both take
 * either, so the same input gets the same answer from both.
 */
export function specInputOf(input: {
  instance?: unknown;
  form?: unknown;
}): unknown {
  const { instance, form } = input;
  if (form === undefined) return instance;
  if (instance !== undefined) {
    throw new InputError(
      'give either "instance" (an instance spec) or "form" (the form values), not both',
    );
  }
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    throw new InputError('form: must be the object of form values');
  }
  return instanceSpecFromForm(form as ValkeyInstanceForm);
}
