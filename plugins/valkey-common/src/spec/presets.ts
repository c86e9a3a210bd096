/**
 * Named presets a user picks in the form instead of raw values. The chart maps
 * size presets to resources itself (`resourcePreset`); ACL permission presets
 * are turned into ACL rules by the renderer.
 */
import { keyPatternOf } from './keyPrefix';

/** Deployment modes of the chart, in the order the form shows them. */
export const VALKEY_MODES = [
  'standalone',
  'replication',
  'sentinel',
  'cluster',
] as const;

/** The chart's `resourcePreset` names, smallest first. */
export const SIZE_PRESETS = [
  'nano',
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
] as const;
export type SizePreset = (typeof SIZE_PRESETS)[number];

/** CPU/memory of each size preset, as the chart's `valkey.resourcePresets` defines them. */
export const SIZE_PRESET_RESOURCES: Record<
  SizePreset,
  {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
  }
> = {
  nano: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '250m', memory: '256Mi' },
  },
  micro: {
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { cpu: '500m', memory: '512Mi' },
  },
  small: {
    requests: { cpu: '500m', memory: '512Mi' },
    limits: { cpu: '1', memory: '1Gi' },
  },
  medium: {
    requests: { cpu: '1', memory: '1Gi' },
    limits: { cpu: '2', memory: '2Gi' },
  },
  large: {
    requests: { cpu: '2', memory: '2Gi' },
    limits: { cpu: '4', memory: '4Gi' },
  },
  xlarge: {
    requests: { cpu: '4', memory: '4Gi' },
    limits: { cpu: '8', memory: '8Gi' },
  },
};

/** ACL permission presets and the Valkey ACL rules each one stands for. */
export const ACL_PERMISSION_PRESETS = {
  'read-only': '~* &* -@all +@read +@connection',
  'read-write': '~* &* +@all -@admin -@dangerous',
  admin: '~* &* +@all',
} as const;
export type AclPermissionPreset = keyof typeof ACL_PERMISSION_PRESETS;
export const ACL_PERMISSION_PRESET_NAMES = Object.keys(
  ACL_PERMISSION_PRESETS,
) as [AclPermissionPreset, ...AclPermissionPreset[]];

/**
 * The ACL rules of a preset; with a key prefix, keys and pub/sub channels are
 * limited to `<prefix>:*` instead of every key and channel.
 */
export function aclRulesFor(
  preset: AclPermissionPreset,
  keyPrefix?: string,
): string {
  const rules = ACL_PERMISSION_PRESETS[preset];
  if (keyPrefix === undefined) return rules;
  return rules
    .replace(/^~\* /, `~${keyPatternOf(keyPrefix)} `)
    .replace(/ &\* /, ` &${keyPatternOf(keyPrefix)} `);
}

/** Image variants of the chart. */
export const IMAGE_VARIANTS = ['rpm', 'hardened'] as const;

/** Where the wrapper chart takes the valkey chart from. */
export const CHART_SOURCES = ['vendored', 'repository'] as const;
