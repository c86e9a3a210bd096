import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import type {
  ValkeyChangePreview,
  ValkeyFormCheck,
} from '@valkey-backstage/plugin-valkey-common';
import { formWithout } from './effectiveSettings';
import { FormCheckClient } from './formCheckClient';
import { useLiveFormCheck } from './useLiveFormCheck';

/** The form's own fields that say nothing about the instance. */
const NOT_THE_INSTANCE = ['confirmDestructive', 'policyCheck'];

const CONFIRM_LABEL = 'I understand these changes can lose data';

/** The preview in a few lines: the field's value, shown on the review page. */
function summaryOf(check: ValkeyFormCheck): string | undefined {
  if (!check.change) return undefined;
  const { summary, destructive } = check.change;
  return destructive.length
    ? `Files: ${summary}. Can lose data: ${destructive.join('; ')}.`
    : `Files: ${summary}. Nothing is lost.`;
}

function FileList(props: { title: string; paths: string[] }) {
  if (props.paths.length === 0) return null;
  return (
    <>
      <Typography variant="body2">
        {props.title} ({props.paths.length}):
      </Typography>
      <ul>
        {props.paths.map(p => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChangeDetails(props: { change: ValkeyChangePreview }) {
  const { change } = props;
  const touched =
    change.added.length + change.changed.length + change.deleted.length;
  return (
    <>
      <Alert severity={touched ? 'info' : 'success'}>
        {touched ? (
          <>
            <Typography variant="body2">
              The pull request (or local commit) touches only these files of the
              instance's folder:
            </Typography>
            <FileList title="Added" paths={change.added} />
            <FileList title="Changed" paths={change.changed} />
            <FileList title="Deleted" paths={change.deleted} />
          </>
        ) : (
          <Typography variant="body2">
            Nothing changes: the folder already says exactly this.
          </Typography>
        )}
      </Alert>
      {change.destructive.length > 0 && (
        <Box mt={1}>
          <Alert severity="warning">
            <Typography variant="body2">
              This change can lose data. Tick "{CONFIRM_LABEL}" below to go
              ahead, or go back and undo it:
            </Typography>
            <ul>
              {change.destructive.map(d => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
    </>
  );
}

/**
 * For a change of an existing instance: the new render compared with the
 * instance's stored folder, as the render action will compare them. Lists
 * the files added, changed and deleted and what the change can lose; its
 * value is that summary, so the review page shows it before Create.
 */
export function ValkeyChangePreviewField(
  props: FieldExtensionComponentProps<string>,
) {
  const check = useLiveFormCheck(props, {
    exclude: NOT_THE_INSTANCE,
    intent: () => 'change',
    summary: summaryOf,
  });

  return (
    <Box my={2} aria-live="polite" data-testid="valkey-change-preview">
      <Typography variant="subtitle2">
        {props.schema.title ?? 'What this change does'}
      </Typography>
      {check.loading && !check.value && (
        <Typography variant="body2">
          Comparing with the instance as it is now…
        </Typography>
      )}
      {check.error && (
        <Alert severity="warning">
          Could not compare with the instance as it is now:{' '}
          {check.error.message}
        </Alert>
      )}
      {check.value && !check.value.ok && (
        <Alert severity="error">
          <Typography variant="body2">
            Still to change before Create:
          </Typography>
          <ul>
            {check.value.problems.map((p, i) => (
              <li key={i}>
                {p.label}: {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {check.value?.change && <ChangeDetails change={check.value.change} />}
    </Box>
  );
}

/**
 * Blocks Create while the change cannot be compared with the stored folder,
 * and while it can lose data without the confirmation ticked.
 */
export const validateChangePreview: CustomFieldValidator<string> = async (
  _value,
  validation,
  context,
) => {
  const all = context.formData as Record<string, unknown>;
  const result = await FormCheckClient.fromApiHolder(
    context.apiHolder,
  ).checkForm(formWithout(all, 'changePreview', ...NOT_THE_INSTANCE), 'change');
  for (const p of result.problems) {
    validation.addError(`${p.label}: ${p.message}`);
  }
  const destructive = result.change?.destructive ?? [];
  if (destructive.length > 0 && all.confirmDestructive !== true) {
    validation.addError(
      `This change can lose data (${destructive.join(
        '; ',
      )}): tick "${CONFIRM_LABEL}" to go ahead, or go back and undo it`,
    );
  }
};
