import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a throwaway self-signed EC certificate (valid one day) into `dir` as
 * `cert.pem` and `key.pem`, made with openssl for this test process only.
 */
export function writeSelfSignedCertificate(
  dir: string,
  subject: { commonName: string; subjectAltName: string },
): { certFile: string; keyFile: string; cert: string; key: string } {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${subject.commonName}`,
      '-addext',
      `subjectAltName=${subject.subjectAltName}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    certFile,
    keyFile,
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
  };
}
