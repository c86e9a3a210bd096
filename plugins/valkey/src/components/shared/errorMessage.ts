import { ResponseError } from '@backstage/errors';

/** The server's own message for a failed backend call, else the error's message. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const response = error as ResponseError;
    const serverMessage = response.body?.error?.message;
    if (serverMessage) return `${serverMessage} (HTTP ${response.statusCode})`;
  }
  return error.message;
}
