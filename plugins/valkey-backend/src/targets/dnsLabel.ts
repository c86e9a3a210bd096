const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A lowercase RFC 1123 label of at most `max` characters. */
export function isDnsLabel(value: string, max = 63): boolean {
  return value.length <= max && DNS_LABEL.test(value);
}

/** A hostname made of DNS labels (or an IPv4 literal), at most 253 characters. */
export function isHostname(value: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    return value.split('.').every(part => Number(part) <= 255);
  }
  return (
    value.length <= 253 &&
    value.split('.').every(label => isDnsLabel(label.toLowerCase()))
  );
}

/** Longest Helm release name the chart accepts (names are suffixed). */
export const MAX_RELEASE_NAME = 53;
