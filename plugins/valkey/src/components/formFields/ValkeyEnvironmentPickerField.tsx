import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import useAsync from 'react-use/esm/useAsync';
import { FormCheckClient, useFormCheckClient } from './formCheckClient';

/**
 * Picks one of the environments the platform team configured, showing each
 * one's policy in plain words before the user chooses.
 */
export function ValkeyEnvironmentPickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, idSchema, schema } = props;
  const client = useFormCheckClient();
  const environments = useAsync(() => client.environments(), [client]);
  const choices = environments.value ?? [];
  const chosen = choices.find(e => e.name === formData);
  const labelId = `${idSchema?.$id}-label`;
  let helper = 'Choose where this instance runs.';
  if (environments.error) {
    helper = `Could not load the environments: ${environments.error.message}`;
  } else if (chosen) {
    helper = `${chosen.name}: ${chosen.policy}`;
  } else if (formData) {
    helper = `"${formData}" is not one of the environments set up for Valkey; choose one from the list.`;
  }
  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(environments.error)}
      fullWidth
    >
      <InputLabel id={labelId}>{schema.title ?? 'Environment'}</InputLabel>
      <Select
        labelId={labelId}
        id={idSchema?.$id}
        value={chosen ? formData : ''}
        onChange={e => onChange(String(e.target.value))}
        renderValue={value => String(value)}
      >
        {choices.map(e => (
          <MenuItem key={e.name} value={e.name}>
            <ListItemText primary={e.name} secondary={e.policy} />
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>{helper}</FormHelperText>
    </FormControl>
  );
}

/** Refuses an environment that is not configured (e.g. from a pre-filled link). */
export const validateEnvironment: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  // The scaffolder also calls an item field's validator with the whole list.
  if (typeof value !== 'string') return;
  const choices = await FormCheckClient.fromApiHolder(
    context.apiHolder,
  ).environments();
  if (!choices.some(e => e.name === value)) {
    validation.addError(
      `Choose one of the environments set up for Valkey: ${choices
        .map(e => e.name)
        .join(', ')}.`,
    );
  }
};
