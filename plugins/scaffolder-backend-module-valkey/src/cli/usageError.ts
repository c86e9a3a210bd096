/** A mistake on the command line or in a file it names: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  readonly name = 'UsageError';
}
