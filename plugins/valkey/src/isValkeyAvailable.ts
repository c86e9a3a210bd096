import { Entity } from '@backstage/catalog-model';
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';

/**
 * True when the entity describes a Valkey instance the plugin can show:
 * it carries the instance annotation.
 *
 * @public
 */
export function isValkeyAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[VALKEY_INSTANCE_ANNOTATION]);
}
