/**
 * Key prefixes of ACL users: a user with prefix `orders` may use the keys
 * `orders:*` (and the pub/sub channels `orders:*`) only. Pure.
 */

/** Segments of letters, digits, "-", "_" and "." joined by ":"; no wildcard or space. */
export const KEY_PREFIX = /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/;
export const KEY_PREFIX_MAX_LENGTH = 64;
export const KEY_PREFIX_RULE_TEXT =
  'use letters, digits, "-", "_" and "." (parts may be joined by ":"), at most 64 characters, with no spaces or wildcards such as * or ?';

/** Why `prefix` is not a usable key prefix, or undefined when it is. */
export function keyPrefixProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return 'must not be empty';
  if (prefix.length > KEY_PREFIX_MAX_LENGTH || !KEY_PREFIX.test(prefix)) {
    return KEY_PREFIX_RULE_TEXT;
  }
  return undefined;
}

/** The key pattern of a prefix, as Valkey ACL rules write it (without `~`). */
export function keyPatternOf(prefix: string): string {
  return `${prefix}:*`;
}

/**
 * Whether two prefixes can reach the same key: `orders` and `orders:eu` do
 * (`orders:eu:1` matches both), `orders` and `orders-eu` do not.
 */
export function keyPrefixesOverlap(a: string, b: string): boolean {
  const x = `${a}:`;
  const y = `${b}:`;
  return x.startsWith(y) || y.startsWith(x);
}
