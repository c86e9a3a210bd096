/**
 * Render issues in the form's words: which field to change (by its title) and
 * how, without config keys or schema paths. The render action keeps the
 * precise technical message; the form shows this one.
 */
import type { ValkeyFormProblem } from '@valkey-backstage/plugin-valkey-common';
import type { RenderIssue } from '../render';

/** Form field titles by the spec field they fill. */
const LABELS: Array<[RegExp, string]> = [
  [/^name$/, 'Instance name'],
  [/^owner$/, 'Owner'],
  [/^system$/, 'System'],
  [/^description$/, 'Description'],
  [/^mode$/, 'Mode'],
  [/(^|\.)size$/, 'Size'],
  [/^topology\.replicas$/, 'Replicas'],
  [/topology\.sentinels$/, 'Sentinels'],
  [/topology\.shards$/, 'Shards (primaries)'],
  [/topology\.replicasPerPrimary$/, 'Replicas per primary'],
  [/^persistence\.size$/, 'Volume size per pod'],
  [/persistence/, 'Persistent storage'],
  [/^auth\.aclUsers/, 'Application users'],
  [/auth/, 'Password authentication'],
  [/tls/, 'TLS'],
  [/backups\.schedule$/, 'Backup schedule'],
  [/backups\.retention$/, 'Backups to keep'],
  [/backups/, 'Scheduled backups'],
  [/metrics/, 'Prometheus metrics'],
  [/^environments/, 'Environments'],
  [/^image/, 'Image'],
];

function labelOf(field: string): string {
  return LABELS.find(([pattern]) => pattern.test(field))?.[1] ?? 'Form';
}

/** What to do, per policy rule, in the words of the form. */
function ruleAdvice(issue: RenderIssue, env: string): string | undefined {
  switch (issue.rule) {
    case 'requireHighAvailability':
      return `${env} needs high availability: choose Sentinel or Cluster as the mode (Topology page).`;
    case 'requireTls':
      return `${env} needs TLS: turn TLS on (Security page), or set "TLS in this environment" for ${env} (Environments page).`;
    case 'requireBackups':
      return `${env} needs scheduled backups: turn Scheduled backups on (Backups and monitoring page), or set "Backups in this environment" for ${env} (Environments page).`;
    case 'requirePersistence':
      return `${env} needs persistent storage: turn Persistent storage on (Topology page).`;
    case 'requireAuth':
      return `${env} needs password authentication: turn Password authentication on (Security page).`;
    case 'allowedModes':
    case 'allowedSizes':
      return `${env}: ${issue.message.replace(/ in size \(or .*$/, '')}.`;
    case 'tlsIssuer':
      return `TLS cannot be turned on in ${env}: no certificate issuer is set up there. Turn TLS off for ${env}, or ask the platform team to set one up.`;
    default:
      return undefined;
  }
}

/** Drops config keys and schema paths a form user cannot act on. */
function plainMessage(message: string): string {
  return message
    .replace(/\s*\((?:chart )?values\.schema\.json\)/g, '')
    .replace(/\s*\(?valkey\.gitops\.[^\s)]*\)?/g, '')
    .replace(/; check\s*$/, '');
}

export function formProblemOf(issue: RenderIssue): ValkeyFormProblem {
  const env = issue.environment;
  const advice = env ? ruleAdvice(issue, env) : undefined;
  return {
    ...(env ? { environment: env } : {}),
    field: issue.field,
    label: labelOf(
      issue.field.replace(/^environments\[\d+\]\.overrides\./, ''),
    ),
    message: advice ?? plainMessage(issue.message),
  };
}
