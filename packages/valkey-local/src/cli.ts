import { execFile } from 'node:child_process';

/** Client certificate, key and the CA that signed the server's certificate. */
export interface CliTls {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface CliAuth {
  user?: string;
  password?: string;
  /** Connect with TLS (`--tls --cacert --cert --key`). */
  tls?: CliTls;
}

/**
 * Runs `valkey-cli` against host:port. The password goes through REDISCLI_AUTH,
 * never on the command line.
 */
export async function valkeyCli(
  address: { host: string; port: number },
  args: string[],
  auth: CliAuth = {},
  timeoutMs = 10_000,
): Promise<string> {
  const cliArgs = ['-h', address.host, '-p', String(address.port)];
  if (auth.user) cliArgs.push('--user', auth.user);
  if (auth.tls)
    cliArgs.push(
      '--tls',
      '--cacert',
      auth.tls.caFile,
      '--cert',
      auth.tls.certFile,
      '--key',
      auth.tls.keyFile,
    );
  const env = { ...process.env };
  delete env.REDISCLI_AUTH;
  if (auth.password) env.REDISCLI_AUTH = auth.password;
  return new Promise((resolveOut, reject) => {
    execFile(
      'valkey-cli',
      [...cliArgs, ...args],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `valkey-cli ${args.join(' ')} on ${address.host}:${
                address.port
              } failed: ${error.message} ${stderr}`,
            ),
          );
          return;
        }
        resolveOut(stdout);
      },
    );
  });
}
