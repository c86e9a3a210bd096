import { isDnsLabel } from '@valkey-backstage/plugin-valkey-common';

export {
  isDnsLabel,
  MAX_RELEASE_NAME,
} from '@valkey-backstage/plugin-valkey-common';

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
