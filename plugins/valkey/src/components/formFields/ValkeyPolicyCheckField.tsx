import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import type {
  ValkeyFormCheck,
  ValkeyFormProblem,
} from '@valkey-backstage/plugin-valkey-common';
import { effectiveSettingsLine } from './effectiveSettings';
import { FormCheckClient, intentOf } from './formCheckClient';
import { useLiveFormCheck } from './useLiveFormCheck';

function problemLine(p: ValkeyFormProblem): string {
  return p.environment && !p.message.startsWith(p.environment)
    ? `${p.environment} · ${p.label}: ${p.message}`
    : `${p.label}: ${p.message}`;
}

/** The check's answer in a few lines: the field's value, shown on the review page. */
function summaryOf(check: ValkeyFormCheck): string {
  if (!check.ok) {
    return `Still to change: ${check.problems.map(problemLine).join(' ')}`;
  }
  return check.environments.map(effectiveSettingsLine).join('\n');
}

/**
 * Runs the whole form through the render action's renderer and policy (in
 * memory) while the user fills it in: shows what each environment's policy
 * still requires, or the effective settings per environment. Its value is
 * that summary, so the review page shows it too.
 */
export function ValkeyPolicyCheckField(
  props: FieldExtensionComponentProps<string>,
) {
  const check = useLiveFormCheck(props, {
    intent: intentOf,
    summary: summaryOf,
  });

  return (
    <Box my={2} aria-live="polite" data-testid="valkey-policy-check">
      <Typography variant="subtitle2">
        {props.schema.title ?? 'Check against the environment rules'}
      </Typography>
      {check.loading && !check.value && (
        <Typography variant="body2">Checking…</Typography>
      )}
      {check.error && (
        <Alert severity="warning">
          Could not check the form: {check.error.message}
        </Alert>
      )}
      {check.value && !check.value.ok && (
        <Alert severity="error">
          <Typography variant="body2">
            Still to change before Create:
          </Typography>
          <ul>
            {check.value.problems.map((p, i) => (
              <li key={i}>{problemLine(p)}</li>
            ))}
          </ul>
        </Alert>
      )}
      {check.value?.ok && (
        <Alert severity="success">
          <Typography variant="body2">
            Every environment's rules are met. Effective settings:
          </Typography>
          <ul>
            {check.value.environments.map(e => (
              <li key={e.name}>{effectiveSettingsLine(e)}</li>
            ))}
          </ul>
        </Alert>
      )}
    </Box>
  );
}

/**
 * With `ui:options: { blocking: true }` (the last page), blocks Create while
 * an environment's rules are not met; on earlier pages the check only informs,
 * since later pages may still fix what it reports.
 */
export const validatePolicyCheck: CustomFieldValidator<
  string,
  { blocking?: boolean }
> = async (_value, validation, context) => {
  if (!context.uiSchema?.['ui:options']?.blocking) return;
  const form = context.formData as Record<string, unknown>;
  const result = await FormCheckClient.fromApiHolder(
    context.apiHolder,
  ).checkForm(form, intentOf(form));
  for (const problem of result.problems)
    validation.addError(problemLine(problem));
};
