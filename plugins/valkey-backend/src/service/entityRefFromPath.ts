import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/** The entity reference of an `/entities/:namespace/:kind/:name/...` route, each part checked. */
export function entityRefFromPath(
  params: Partial<Record<string, string>>,
): string {
  const { namespace = '', kind = '', name = '' } = params;
  for (const [part, value] of Object.entries({ namespace, kind, name })) {
    if (!REF_PART.test(value)) {
      throw new InputError(
        `path segment ${part}: "${value}" is not a valid entity ${part}`,
      );
    }
  }
  return stringifyEntityRef({ kind, namespace, name });
}
