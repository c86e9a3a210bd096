import { ProblemKind } from '@valkey-backstage/plugin-valkey-common';

/**
 * A failure talking to one Valkey node, classified into the problem kinds of
 * the status contract so probes can report it in the section it affects.
 */
export class ValkeyClientError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly address: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'ValkeyClientError';
  }
}

/** Maps an error reply code to a problem kind. */
export function kindOfReplyError(code: string, message: string): ProblemKind {
  if (code === 'NOPERM') return 'no-permission';
  if (code === 'WRONGPASS' || code === 'NOAUTH') return 'auth-failed';
  if (/invalid (username-)?password|AUTH .*failed/i.test(message)) {
    return 'auth-failed';
  }
  return 'protocol';
}

/** Maps a socket error to a problem kind. */
export function kindOfSocketError(error: NodeJS.ErrnoException): ProblemKind {
  switch (error.code) {
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ECONNRESET':
    case 'EPIPE':
      return 'unreachable';
    default:
      return error.code?.startsWith('ERR_TLS') ||
        error.code?.startsWith('CERT_') ||
        error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
        error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
        error.code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? 'protocol'
        : 'unreachable';
  }
}

/** The error as a {@link ValkeyClientError}, classifying unknown errors as protocol errors. */
export function asClientError(
  error: unknown,
  address: string,
  command?: string,
): ValkeyClientError {
  if (error instanceof ValkeyClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ValkeyClientError('protocol', message, address, command);
}
