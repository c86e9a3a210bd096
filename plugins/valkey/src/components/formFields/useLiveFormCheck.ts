import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  ValkeyFormCheck,
  ValkeyFormIntent,
} from '@valkey-backstage/plugin-valkey-common';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { formWithout } from './effectiveSettings';
import { useFormCheckClient } from './formCheckClient';
import { useDebounced } from './useDebounced';

/**
 * The whole form (without this field and the `exclude`d ones) through the
 * backend's form check while the user types; the field's value becomes
 * `summary(check)`, so the review page shows it.
 */
export function useLiveFormCheck(
  props: FieldExtensionComponentProps<string>,
  options: {
    exclude?: string[];
    intent(form: Record<string, unknown>): ValkeyFormIntent;
    summary(check: ValkeyFormCheck): string | undefined;
  },
) {
  const { onChange, formData, name } = props;
  const client = useFormCheckClient();
  const all = (props.formContext as { formData?: Record<string, unknown> })
    ?.formData;
  const form = formWithout(all, name, ...(options.exclude ?? []));
  const request = useDebounced(JSON.stringify(form), 400);
  const check = useAsync(async () => {
    const values = JSON.parse(request);
    return client.checkForm(values, options.intent(values));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, request]);

  const summary = check.value && options.summary(check.value);
  useEffect(() => {
    if (summary && summary !== formData) onChange(summary);
  }, [summary, formData, onChange]);
  return check;
}
