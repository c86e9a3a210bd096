import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the live status of a Valkey instance entity. */
export const valkeyStatusReadPermission = createPermission({
  name: 'valkey.status.read',
  attributes: { action: 'read' },
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
  valkeyInstanceSpecReadPermission,
];
