import type { ValkeyEnvironmentSummary } from '@valkey-backstage/plugin-valkey-common';

/** One environment's effective settings in a line, as the review page shows them. */
export function effectiveSettingsLine(e: ValkeyEnvironmentSummary): string {
  return [
    `${e.name}: ${e.mode}, ${e.topology}`,
    `size ${e.size}`,
    `storage ${e.persistence}`,
    `TLS ${e.tls ? 'on' : 'off'}`,
    `backups ${e.backups}`,
    `metrics ${e.metrics ? 'on' : 'off'}`,
    `password ${e.auth ? 'on' : 'off'}`,
  ].join(', ');
}

/** Form values without the check field's own value (it must not re-trigger itself) and other `keys`. */
export function formWithout(
  formData: Record<string, unknown> | undefined,
  ...keys: string[]
): Record<string, unknown> {
  const rest = { ...formData };
  for (const key of keys) delete rest[key];
  return rest;
}
