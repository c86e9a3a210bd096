/**
 * Links into the scaffolder for day-2 flows. The scaffolder page is mounted
 * at /create in Backstage apps by default; the templates are the ones this
 * project ships (templates/valkey-instance, templates/valkey-retire).
 */
import { stringifyEntityRef, Entity } from '@backstage/catalog-model';

type TemplateFormData = Record<string, unknown>;

export const SCAFFOLDER_PATH = '/create';
export const CHANGE_TEMPLATE_NAME = 'valkey-instance';
export const RETIRE_TEMPLATE_NAME = 'valkey-retire';

/** `/create/templates/default/<template>?formData=<json>`: the scaffolder opens the form pre-filled. */
export function templateUrl(template: string, formData: TemplateFormData) {
  const query = new URLSearchParams({ formData: JSON.stringify(formData) });
  return `${SCAFFOLDER_PATH}/templates/default/${template}?${query}`;
}

/** The retire form, with the instance already chosen (the user still types its name). */
export function retireUrl(entity: Entity) {
  return templateUrl(RETIRE_TEMPLATE_NAME, {
    name: stringifyEntityRef(entity),
    publisher: 'local',
  });
}
