/*
 * A throwaway CA and one certificate signed by it (serverAuth and clientAuth,
 * for 127.0.0.1 and localhost), made with openssl for one test run. Written
 * as the chart's TLS Secret keys: ca.crt, tls.crt, tls.key.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliTls } from '@valkey-backstage/valkey-local';

function openssl(args: string[], cwd: string) {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

export function writeTlsSecret(dir: string): CliTls {
  const ec = [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
  ];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-days',
      '1',
      '-subj',
      '/CN=valkey-test-ca',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    ],
    dir,
  );
  openssl(
    [
      'req',
      ...ec,
      '-subj',
      '/CN=valkey',
      '-keyout',
      'tls.key',
      '-out',
      'tls.csr',
    ],
    dir,
  );
  writeFileSync(
    join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'tls.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      'ext.cnf',
      '-out',
      'tls.crt',
    ],
    dir,
  );
  return {
    caFile: join(dir, 'ca.crt'),
    certFile: join(dir, 'tls.crt'),
    keyFile: join(dir, 'tls.key'),
  };
}

/** Where the chart mounts the TLS Secret (tls.certMountPath default). */
export const TLS_MOUNT = '/etc/valkey/tls';

/** The rendered config files name TLS files under the mount path: point them at `tlsDir`. */
export function pointConfigAtTls(configDir: string, tlsDir: string) {
  for (const f of readdirSync(configDir)) {
    const file = join(configDir, f);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replaceAll(`${TLS_MOUNT}/`, `${tlsDir}/`),
    );
  }
}
