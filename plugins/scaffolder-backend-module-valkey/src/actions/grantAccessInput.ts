/**
 * The input of `valkey:gitops:grant-access`, checked field by field with
 * messages in the form's words. The scaffolder passes raw input, so every
 * field is checked here.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ACL_PERMISSION_PRESET_NAMES,
  AclPermissionPreset,
  AclUserSpec,
  InstanceNameSpec,
  keyPrefixProblem,
  VALKEY_ENTITY_KIND,
} from '@valkey-backstage/plugin-valkey-common';
import type { AccessGrant } from '../change';

export function readGrantInput(raw: unknown): AccessGrant {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(
      'input must be an object with instance, consumer, keyPrefix, permissions and namespace',
    );
  }
  const input = raw as Record<string, unknown>;
  const instance = readInstance(input.instance);
  const consumer = readConsumer(input.consumer);
  const userName = readUserName(input.userName, consumer.name);
  const keyPrefix = readKeyPrefix(input.keyPrefix);
  const permissions = readPermissions(input.permissions);
  const namespace = readNamespace(input.namespace);
  return {
    instance,
    consumer: stringifyEntityRef(consumer),
    userName,
    keyPrefix,
    permissions,
    namespace,
  };
}

function refOf(value: unknown, defaultKind: string) {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

function readInstance(value: unknown): string {
  const ref = refOf(value, VALKEY_ENTITY_KIND);
  const name = ref && InstanceNameSpec.safeParse(ref.name);
  if (
    !ref ||
    !name?.success ||
    ref.kind.toLocaleLowerCase('en-US') !==
      VALKEY_ENTITY_KIND.toLocaleLowerCase('en-US') ||
    ref.namespace !== 'default'
  ) {
    throw new InputError(
      'Instance: pick the Valkey instance from the list (its name, such as orders-cache)',
    );
  }
  return name.data;
}

function readConsumer(value: unknown) {
  const ref = refOf(value, 'component');
  const valid =
    ref &&
    ref.kind.toLocaleLowerCase('en-US') === 'component' &&
    AclUserSpec.shape.consumer.safeParse(stringifyEntityRef(ref)).success;
  if (!valid) {
    throw new InputError(
      'Consumer: pick the component that will use the instance from the list (such as orders-api)',
    );
  }
  return ref;
}

function readUserName(value: unknown, consumerName: string): string {
  const userNameSpec = AclUserSpec.shape.name;
  if (value !== undefined && value !== null && value !== '') {
    const parsed = userNameSpec.safeParse(value);
    if (!parsed.success) {
      throw new InputError(`User name: ${parsed.error.issues[0].message}`);
    }
    return parsed.data;
  }
  const derived = userNameSpec.safeParse(consumerName);
  if (!derived.success) {
    throw new InputError(
      `User name: the component's name "${consumerName}" cannot be a user name (it ${derived.error.issues[0].message}); type a user name`,
    );
  }
  return derived.data;
}

function readKeyPrefix(value: unknown): string {
  if (typeof value !== 'string') {
    throw new InputError(
      'Key prefix: type the prefix of the keys this component may use, such as orders',
    );
  }
  const problem = keyPrefixProblem(value);
  if (problem) throw new InputError(`Key prefix "${value}": ${problem}`);
  return value;
}

function readPermissions(value: unknown): AclPermissionPreset {
  if (
    typeof value !== 'string' ||
    !(ACL_PERMISSION_PRESET_NAMES as readonly string[]).includes(value)
  ) {
    throw new InputError(
      `Permissions: choose one of ${ACL_PERMISSION_PRESET_NAMES.join(', ')}`,
    );
  }
  return value as AclPermissionPreset;
}

function readNamespace(value: unknown): string {
  const parsed = AclUserSpec.shape.consumerNamespace.unwrap().safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      typeof value === 'string' && value !== ''
        ? `Namespace "${value}": ${parsed.error.issues[0].message}`
        : 'Namespace: type the Kubernetes namespace the component runs in, such as orders',
    );
  }
  return parsed.data;
}
