/**
 * Status documents recorded by the status backend's tests against real Valkey
 * processes (plugins/valkey-common/src/__fixtures__/status).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';

const dir = join(
  dirname(
    require.resolve('@valkey-backstage/plugin-valkey-common/package.json'),
  ),
  'src',
  '__fixtures__',
  'status',
);

export type RecordedStatusName =
  | 'cluster-healthy'
  | 'cluster-pfail'
  | 'cluster-failed-primary'
  | 'sentinel'
  | 'sentinel-noquorum'
  | 'replication'
  | 'standalone'
  | 'standalone-auth-failed';

export function recordedStatus(name: RecordedStatusName): InstanceStatus {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
}
