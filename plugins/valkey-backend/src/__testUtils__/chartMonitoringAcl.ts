import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const chartTemplates = resolve(
  __dirname,
  '../../../../charts/valkey/templates',
);

/**
 * The monitoring user's permissions exactly as the chart grants them (read from
 * the chart's templates), so tests run the probes with no more rights than a
 * real deployment gives them.
 */
export function chartMonitoringPermissions(kind: 'data' | 'sentinel'): string {
  const file = kind === 'data' ? 'configmap.yaml' : 'sentinel-configmap.yaml';
  const text = readFileSync(resolve(chartTemplates, file), 'utf8');
  const line = text
    .split('\n')
    .find(l => l.includes('monitoring-password on -@all'));
  if (!line)
    throw new Error(
      `no monitoring user line in charts/valkey/templates/${file}`,
    );
  return line.slice(line.indexOf('on -@all') + 3).trim();
}

export const MONITOR_USER = 'valkey-monitor';
export const MONITOR_PASSWORD = 'monitor-test-password';

/** A config line creating the monitoring user with the chart's permissions. */
export function monitoringUserLine(
  kind: 'data' | 'sentinel',
  options: { without?: string; password?: string } = {},
): string {
  let permissions = chartMonitoringPermissions(kind);
  if (options.without) {
    const parts = permissions.split(/\s+/);
    if (!parts.includes(options.without)) {
      throw new Error(`the chart does not grant ${options.without}`);
    }
    permissions = parts.filter(p => p !== options.without).join(' ');
  }
  return `user ${MONITOR_USER} on >${
    options.password ?? MONITOR_PASSWORD
  } ${permissions}`;
}
