export {
  ValkeyInstanceNameField,
  validateInstanceName,
} from './ValkeyInstanceNameField';
export {
  ValkeyEnvironmentPickerField,
  validateEnvironment,
} from './ValkeyEnvironmentPickerField';
export {
  ValkeyPolicyCheckField,
  validatePolicyCheck,
} from './ValkeyPolicyCheckField';
export {
  ValkeyChangePreviewField,
  validateChangePreview,
} from './ValkeyChangePreviewField';
