/**
 * Environment policy from config, checked on the merged values of each
 * environment (after defaults and overrides), so a default that satisfies a
 * policy counts and an override that breaks it is caught.
 */
import type { EnvironmentPolicy } from '../config/gitopsConfig';
import { valueAt } from './mergeValues';
import type { RenderIssue, Values } from './types';

const HA_MODES = ['sentinel', 'cluster'];

/** `full` holds chart defaults merged with everything the renderer sets. */
export function checkPolicy(
  environment: string,
  envIndex: number,
  policy: EnvironmentPolicy,
  full: Values,
): RenderIssue[] {
  const issues: RenderIssue[] = [];
  const override = (field: string) =>
    `${field} (or environments[${envIndex}].overrides.${field})`;
  const mode = String(full.mode);

  if (policy.allowedModes && !policy.allowedModes.includes(mode as any)) {
    issues.push({
      environment,
      rule: 'allowedModes',
      field: 'mode',
      message: `mode "${mode}" is not allowed in this environment; allowed: ${policy.allowedModes.join(
        ', ',
      )}`,
    });
  }
  const size = String(full.resourcePreset ?? 'none');
  if (policy.allowedSizes && !policy.allowedSizes.includes(size as any)) {
    issues.push({
      environment,
      rule: 'allowedSizes',
      field: 'size',
      message: `size "${size}" is not allowed in this environment; choose one of ${policy.allowedSizes.join(
        ', ',
      )} in ${override('size')}`,
    });
  }
  if (policy.requireHighAvailability && !HA_MODES.includes(mode)) {
    issues.push({
      environment,
      rule: 'requireHighAvailability',
      field: 'mode',
      message: `this environment requires high availability (automatic failover): use mode sentinel or cluster instead of ${mode}`,
    });
  }
  if (policy.requireAuth && valueAt(full, 'auth.enabled') !== true) {
    issues.push({
      environment,
      rule: 'requireAuth',
      field: 'auth.enabled',
      message:
        'this environment requires authentication; set auth.enabled: true',
    });
  }
  if (policy.requireTls && valueAt(full, 'tls.enabled') !== true) {
    issues.push({
      environment,
      rule: 'requireTls',
      field: 'tls.enabled',
      message: `this environment requires TLS; set ${override(
        'tls.enabled',
      )}: true`,
    });
  }
  if (policy.requireBackups && valueAt(full, 'backup.enabled') !== true) {
    issues.push({
      environment,
      rule: 'requireBackups',
      field: 'backups.enabled',
      message: `this environment requires scheduled backups; set ${override(
        'backups.enabled',
      )}: true`,
    });
  }
  if (
    policy.requirePersistence &&
    valueAt(full, 'persistence.enabled') !== true
  ) {
    issues.push({
      environment,
      rule: 'requirePersistence',
      field: 'persistence.enabled',
      message: `this environment requires persistent storage; set ${override(
        'persistence.enabled',
      )}: true`,
    });
  }
  return issues;
}
