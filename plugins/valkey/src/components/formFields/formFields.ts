/**
 * The form fields as new-frontend-system form fields (loaded by the
 * FormFieldBlueprint extensions in alpha.tsx). Names are the `ui:field`
 * values a template uses.
 */
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ValkeyChangePreviewField,
  ValkeyEnvironmentPickerField,
  ValkeyInstanceNameField,
  ValkeyPolicyCheckField,
  validateChangePreview,
  validateEnvironment,
  validateInstanceName,
  validatePolicyCheck,
} from '.';

export const valkeyInstanceNameFormField = createFormField({
  name: 'ValkeyInstanceName',
  component: ValkeyInstanceNameField as any,
  validation: validateInstanceName as any,
});

export const valkeyEnvironmentPickerFormField = createFormField({
  name: 'ValkeyEnvironmentPicker',
  component: ValkeyEnvironmentPickerField as any,
  validation: validateEnvironment as any,
});

export const valkeyPolicyCheckFormField = createFormField({
  name: 'ValkeyPolicyCheck',
  component: ValkeyPolicyCheckField as any,
  validation: validatePolicyCheck as any,
});

export const valkeyChangePreviewFormField = createFormField({
  name: 'ValkeyChangePreview',
  component: ValkeyChangePreviewField as any,
  validation: validateChangePreview as any,
});
