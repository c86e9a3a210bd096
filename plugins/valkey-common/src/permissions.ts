import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the live status of a Valkey instance entity. */
export const valkeyStatusReadPermission = createPermission({
  name: 'valkey.status.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

export const valkeyPermissions = [valkeyStatusReadPermission];
