/**
 * RFC 1123 DNS labels: the rule every Kubernetes name we render or resolve
 * follows (namespaces, environments, storage classes, Helm release names).
 */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A lowercase RFC 1123 label of at most `max` characters. */
export function isDnsLabel(value: string, max = 63): boolean {
  return value.length <= max && DNS_LABEL_PATTERN.test(value);
}

/** Longest Helm release name the chart accepts (its object names add suffixes). */
export const MAX_RELEASE_NAME = 53;
