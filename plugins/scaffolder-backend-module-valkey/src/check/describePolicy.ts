import type { EnvironmentPolicy } from '../config/gitopsConfig';

/**
 * An environment's policy in plain words, for the environment picker, e.g.
 * "needs high availability (Sentinel or cluster), TLS and scheduled backups".
 */
export function describePolicy(policy: EnvironmentPolicy): string {
  const needs: string[] = [];
  if (policy.requireHighAvailability)
    needs.push('high availability (Sentinel or cluster)');
  if (policy.requireAuth) needs.push('password authentication');
  if (policy.requireTls) needs.push('TLS');
  if (policy.requireBackups) needs.push('scheduled backups');
  if (policy.requirePersistence) needs.push('persistent storage');
  const limits: string[] = [];
  if (policy.allowedModes)
    limits.push(`modes ${policy.allowedModes.join(', ')} only`);
  if (policy.allowedSizes)
    limits.push(`sizes ${policy.allowedSizes.join(', ')} only`);
  const parts: string[] = [];
  if (needs.length) parts.push(`needs ${joinWords(needs)}`);
  if (limits.length) parts.push(joinWords(limits));
  return parts.length ? parts.join('; ') : 'no extra requirements';
}

function joinWords(words: string[]): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
