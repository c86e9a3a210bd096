import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the live status of a Valkey instance entity. */
export const valkeyStatusReadPermission = createPermission({
  name: 'valkey.status.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Running an operation (back up now, fail over) on a Valkey instance entity.
 * A resource permission on the entity, so a policy can grant it to the
 * entity's owners only (`catalogConditions.isEntityOwner`).
 */
export const valkeyInstanceOperatePermission = createPermission({
  name: 'valkey.instance.operate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Reading the stored spec (instance.yaml) of a Valkey instance entity, which
 * "Change this instance" pre-fills the form from. The spec holds no secret.
 */
export const valkeyInstanceSpecReadPermission = createPermission({
  name: 'valkey.instance.spec.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

export const valkeyPermissions = [
  valkeyStatusReadPermission,
  valkeyInstanceOperatePermission,
  valkeyInstanceSpecReadPermission,
];
