import {
  KubernetesReader,
  kubernetesErrorMessage,
} from '../backup/KubernetesReader';
import { CredentialsConfig } from '../config/statusConfig';
import { fillPattern } from './fillPattern';
import { ResolvedTarget } from './resolveTarget';

export type ResolvedCredentials =
  | { username?: string; password?: string }
  | { error: string };

/**
 * The username and password of one configured user (monitoring or
 * operations) for a target: inline from config, or read from the Kubernetes
 * Secret the config names. `who` names the user in error messages.
 */
export async function resolveCredentials(
  credentials: CredentialsConfig | undefined,
  target: ResolvedTarget,
  kube: KubernetesReader | undefined,
  who: string,
): Promise<ResolvedCredentials> {
  if (!credentials) return {};
  if (!('secretRef' in credentials)) {
    return { username: credentials.username, password: credentials.password };
  }
  const name = fillPattern(credentials.secretRef.name, {
    instance: target.instance,
    namespace: target.namespace,
    environment: target.environment,
  });
  if (!kube) {
    return {
      error: `the ${who} password is read from a Secret, which needs a kubernetes cluster for environment ${target.environment}`,
    };
  }
  try {
    const password = await kube.secretValue(
      target.namespace,
      name,
      credentials.secretRef.key,
    );
    return { username: credentials.username, password };
  } catch (error) {
    return {
      error: `could not read the ${who} password from Secret ${
        target.namespace
      }/${name} key ${credentials.secretRef.key}: ${kubernetesErrorMessage(
        error,
      )}`,
    };
  }
}
