/**
 * Granting a consumer component access to an instance: the stored spec plus
 * one ACL user with its own key prefix and a Secret reference in the
 * consumer's namespace. Pure; refuses what would clash with the stored users.
 */
import { InputError } from '@backstage/errors';
import {
  AclPermissionPreset,
  keyPrefixesOverlap,
  MAX_ACL_USERS,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';

export interface AccessGrant {
  /** The instance's name. */
  instance: string;
  /** Full component reference, e.g. component:default/orders-api. */
  consumer: string;
  userName: string;
  keyPrefix: string;
  permissions: AclPermissionPreset;
  /** The consumer's Kubernetes namespace, where its Secret reference goes. */
  namespace: string;
}

export function specWithGrant(
  stored: ValkeyInstanceSpec,
  grant: AccessGrant,
): ValkeyInstanceSpec {
  if (stored.auth?.enabled === false) {
    throw new InputError(
      `${stored.name} has password authentication turned off, so it has no users to give out; turn authentication on with "Change this instance" first. Nothing was changed`,
    );
  }
  const users = stored.auth?.aclUsers ?? [];
  const sameConsumer = users.find(u => u.consumer === grant.consumer);
  if (sameConsumer) {
    throw new InputError(
      `${grant.consumer} already has access to ${stored.name} as user "${
        sameConsumer.name
      }"${
        sameConsumer.keyPrefix
          ? ` with key prefix "${sameConsumer.keyPrefix}"`
          : ''
      }; change that user instead of granting a second one. Nothing was changed`,
    );
  }
  if (users.some(u => u.name === grant.userName)) {
    throw new InputError(
      `${stored.name} already has a user named "${grant.userName}"; choose another user name. Nothing was changed`,
    );
  }
  const overlapping = users.find(
    u =>
      u.keyPrefix !== undefined &&
      keyPrefixesOverlap(u.keyPrefix, grant.keyPrefix),
  );
  if (overlapping) {
    throw new InputError(
      `Key prefix "${grant.keyPrefix}" overlaps "${overlapping.keyPrefix}" of user "${overlapping.name}" on ${stored.name}, so both could reach the same keys; choose a prefix that neither one starts with. Nothing was changed`,
    );
  }
  if (users.length >= MAX_ACL_USERS) {
    throw new InputError(
      `${stored.name} already has ${users.length} users, the most one instance may have; remove a user with "Change this instance" first. Nothing was changed`,
    );
  }
  return {
    ...stored,
    auth: {
      ...stored.auth,
      aclUsers: [
        ...users,
        {
          name: grant.userName,
          permissions: grant.permissions,
          keyPrefix: grant.keyPrefix,
          consumer: grant.consumer,
          consumerNamespace: grant.namespace,
        },
      ],
    },
  };
}
