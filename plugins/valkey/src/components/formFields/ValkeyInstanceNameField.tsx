import TextField from '@material-ui/core/TextField';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  INSTANCE_NAME_RULE,
  instanceNameProblem,
} from '@valkey-backstage/plugin-valkey-common';
import useAsync from 'react-use/esm/useAsync';
import {
  FormCheckClient,
  intentOf,
  useFormCheckClient,
} from './formCheckClient';
import { useDebounced } from './useDebounced';

/**
 * The instance name, with the naming rule in words and, while typing, whether
 * the name is free (no catalog entity, no GitOps folder of that name).
 */
export function ValkeyInstanceNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, idSchema, schema } = props;
  const client = useFormCheckClient();
  const name = useDebounced(formData ?? '');
  const intent = intentOf({
    ...(props.formContext as { formData?: object } | undefined)?.formData,
    name,
  });
  const ruleProblem = name ? instanceNameProblem(name) : undefined;
  const check = useAsync(async () => {
    if (!name || ruleProblem) return undefined;
    return client.checkName(name, intent);
  }, [client, name, intent, ruleProblem]);

  let helper = `Becomes the Helm release and the catalog name, e.g. orders-cache. Use ${INSTANCE_NAME_RULE}.`;
  let bad = Boolean(rawErrors?.length);
  if (ruleProblem) {
    helper = ruleProblem;
    bad = true;
  } else if (check.error) {
    helper = `Could not check whether the name is free: ${check.error.message}`;
  } else if (check.value) {
    helper = check.value.message;
    bad = !check.value.ok;
  } else if (check.loading && name) {
    helper = `Checking whether "${name}" is free…`;
  }
  // The form shows its own errors under the field: do not say the same twice.
  const shownByForm = rawErrors?.includes(helper) ?? false;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Instance name'}
      required={required}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value)}
      error={bad}
      helperText={shownByForm ? undefined : helper}
      margin="normal"
      inputProps={{
        autoFocus: props.uiSchema?.['ui:autofocus'],
        'aria-describedby': `${idSchema?.$id}-helper-text`,
      }}
      FormHelperTextProps={{ id: `${idSchema?.$id}-helper-text` }}
    />
  );
}

/** Blocks Next (and Create) on a name that breaks the rule or is taken. */
export const validateInstanceName: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const problem = instanceNameProblem(value);
  if (problem) {
    validation.addError(problem);
    return;
  }
  const result = await FormCheckClient.fromApiHolder(
    context.apiHolder,
  ).checkName(value, intentOf({ ...context.formData, name: value }));
  if (!result.ok) validation.addError(result.message);
};
