import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ValkeyMode,
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
  VALKEY_MODE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { isDnsLabel, MAX_RELEASE_NAME } from './dnsLabel';

const MODES: ValkeyMode[] = [
  'standalone',
  'replication',
  'sentinel',
  'cluster',
];

/** What an entity says about its Valkey instance. Names only: never where to connect. */
export interface InstanceAnnotations {
  instance: string;
  environments: string[];
  mode?: ValkeyMode;
}

/** Reads and checks the entity's valkey annotations; InputError (400) says what to fix. */
export function readInstanceAnnotations(entity: Entity): InstanceAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const instance = annotations[VALKEY_INSTANCE_ANNOTATION];
  if (!instance) {
    throw new InputError(
      `the entity has no ${VALKEY_INSTANCE_ANNOTATION} annotation; set it to the Helm release name`,
    );
  }
  if (!isDnsLabel(instance, MAX_RELEASE_NAME)) {
    throw new InputError(
      `annotation ${VALKEY_INSTANCE_ANNOTATION}: "${instance}" is not a valid release name; use a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most ${MAX_RELEASE_NAME} characters`,
    );
  }
  const rawEnvironments = annotations[VALKEY_ENVIRONMENTS_ANNOTATION] ?? '';
  const environments = rawEnvironments
    .split(',')
    .map(e => e.trim())
    .filter(Boolean);
  for (const environment of environments) {
    if (!isDnsLabel(environment)) {
      throw new InputError(
        `annotation ${VALKEY_ENVIRONMENTS_ANNOTATION}: "${environment}" is not a DNS label; list environment names separated by commas, e.g. "dev,prod"`,
      );
    }
  }
  const mode = annotations[VALKEY_MODE_ANNOTATION];
  if (mode !== undefined && !MODES.includes(mode as ValkeyMode)) {
    throw new InputError(
      `annotation ${VALKEY_MODE_ANNOTATION}: "${mode}" is not a mode; use one of ${MODES.join(
        ', ',
      )}`,
    );
  }
  return {
    instance,
    environments,
    ...(mode ? { mode: mode as ValkeyMode } : {}),
  };
}
