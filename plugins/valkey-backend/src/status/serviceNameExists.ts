import { lookup } from 'node:dns/promises';

/**
 * Whether an instance's service name exists. In Kubernetes a Service that was
 * never created has no DNS name (NXDOMAIN), which is how a new instance looks
 * before Argo CD has synced it. Only a definite "no such name" counts; a DNS
 * failure (EAI_AGAIN) or an address is "exists", so the probe reports it.
 */
export async function serviceNameExists(host: string): Promise<boolean> {
  try {
    await lookup(host);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOTFOUND';
  }
}
