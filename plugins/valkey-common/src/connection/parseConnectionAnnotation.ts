/**
 * Reads the connection annotation of an entity. Annotations are user
 * controlled: anything that is not a well-formed list of connection facts is
 * refused with a message instead of being rendered into code.
 */
import { isDnsLabel } from '../dnsLabel';
import type { EnvironmentConnection } from './connectionFacts';

const MODES = ['standalone', 'replication', 'sentinel', 'cluster'];
const HOST =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const USER = /^[a-z][a-z0-9_-]{0,31}$/;

function endpoint(v: any): boolean {
  return (
    v === undefined ||
    (typeof v === 'object' &&
      v !== null &&
      typeof v.host === 'string' &&
      v.host.length <= 253 &&
      HOST.test(v.host) &&
      Number.isInteger(v.port) &&
      v.port > 0 &&
      v.port < 65536)
  );
}

function secretRef(v: any): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.secretName === 'string' &&
    isDnsLabel(v.secretName, 253) &&
    typeof v.secretKey === 'string' &&
    SECRET_KEY.test(v.secretKey)
  );
}

function isConnection(c: any): c is EnvironmentConnection {
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.environment === 'string' &&
    isDnsLabel(c.environment) &&
    typeof c.namespace === 'string' &&
    isDnsLabel(c.namespace) &&
    MODES.includes(c.mode) &&
    typeof c.tls === 'boolean' &&
    endpoint(c.primary) &&
    endpoint(c.read) &&
    endpoint(c.clusterSeed) &&
    endpoint(c.sentinel) &&
    (c.sentinel === undefined ||
      (typeof c.sentinel.primaryName === 'string' &&
        /^[-_.a-zA-Z0-9]{1,64}$/.test(c.sentinel.primaryName))) &&
    (c.primary || c.sentinel || c.clusterSeed) &&
    (c.password === undefined || secretRef(c.password)) &&
    Array.isArray(c.aclUsers) &&
    c.aclUsers.every(
      (u: any) =>
        secretRef(u) && typeof u.user === 'string' && USER.test(u.user),
    )
  );
}

export type ConnectionAnnotation =
  | { ok: true; connections: EnvironmentConnection[] }
  | { ok: false; message: string };

export function parseConnectionAnnotation(
  value: string | undefined,
): ConnectionAnnotation {
  if (value === undefined || value.trim() === '')
    return {
      ok: false,
      message:
        'This instance has no connection details yet. Creating or changing it with the Valkey form adds them.',
    };
  let parsed: unknown;
  try {
    parsed = value.length <= 100_000 ? JSON.parse(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length === 0 ||
    parsed.length > 20 ||
    !parsed.every(isConnection)
  )
    return {
      ok: false,
      message:
        'The connection details of this instance are not readable. Changing it with the Valkey form writes them again.',
    };
  return { ok: true, connections: parsed };
}
