#!/usr/bin/env node
// Generates (default) or checks (--check) values.schema.json from the
// values.yaml defaults plus the rules below (enums, bounds, patterns).
// Exit code 1 with --check when the committed schema differs.
// Usage: node gen-schema.mjs [--check] [--values path] [--schema path]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir, flag, option, YAML } from './cli.mjs';

const valuesPath = option('--values') ?? join(chartDir, 'values.yaml');
const schemaPath = option('--schema') ?? join(chartDir, 'values.schema.json');
const check = flag('--check');

// Objects whose keys are free (Kubernetes structures passed through as-is).
const FREE = new Set(['global', 'securityContext', 'containerSecurityContext', 'metrics.securityContext',
  'resources', 'resources.limits', 'resources.requests']);
const STR_OR_INT = new Set(['pdb.minAvailable', 'pdb.maxUnavailable', 'metrics.serviceMonitor.sampleLimit',
  'metrics.serviceMonitor.targetLimit', 'metrics.podMonitor.sampleLimit',
  'metrics.podMonitor.targetLimit', 'autoscaling.hpa.targetMemory', 'autoscaling.hpa.targetCPU',
  'cluster.persistence.size', 'sentinel.dataPersistence.size', 'replication.persistence.size']);
const ENUMS = {
  mode: ['standalone', 'replication', 'sentinel', 'cluster'],
  'image.variant': ['rpm', 'hardened'],
  'image.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'metrics.image.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'config.logLevel': ['', 'debug', 'verbose', 'notice', 'warning', 'nothing'],
  'config.appendfsync': ['always', 'everysec', 'no'],
  'cluster.requireFullCoverage': ['yes', 'no'],
  'cluster.allowReadsWhenDown': ['yes', 'no'],
  'cluster.init.hookType': ['helm', 'argocd'],
  'standalone.strategy.type': ['Recreate', 'RollingUpdate'],
  'statefulset.updateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'statefulset.podManagementPolicy': ['', 'OrderedReady', 'Parallel'],
  'service.type': ['ClusterIP', 'NodePort', 'LoadBalancer'],
  'externalAccess.service.type': ['ClusterIP', 'NodePort', 'LoadBalancer'],
  'externalAccess.service.externalTrafficPolicy': ['Cluster', 'Local'],
  'persistentVolumeClaimRetentionPolicy.whenDeleted': ['Retain', 'Delete'],
  'persistentVolumeClaimRetentionPolicy.whenScaled': ['Retain', 'Delete'],
  resourcePreset: ['none', 'nano', 'micro', 'small', 'medium', 'large', 'xlarge'],
  'podAntiAffinityPreset.type': ['', 'soft', 'hard'],
  'sentinel.podAntiAffinityPreset.type': ['', 'soft', 'hard'],
  'topologySpread.whenUnsatisfiable': ['ScheduleAnyway', 'DoNotSchedule'],
  'tls.authClients': ['yes', 'no', 'optional'],
  'tls.certManager.issuerRef.kind': ['Issuer', 'ClusterIssuer'],
  'backup.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'backup.destination': ['pvc', 's3'],
  'backup.s3.serverSideEncryption': ['', 'AES256', 'aws:kms'],
  'autoscaling.vpa.updateMode': ['Off', 'Initial', 'Recreate', 'Auto'],
  dnsPolicy: ['', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
};
const MIN = {
  'cluster.replicas': 6, 'cluster.replicasPerPrimary': 0, 'cluster.nodeTimeout': 100,
  'cluster.busPort': 1, 'cluster.replicaValidityFactor': 0, 'cluster.init.waitTimeoutSeconds': 10,
  'standalone.replicas': 0, 'replication.replicas': 0, 'sentinel.replicas': 2,
  'sentinel.sentinelReplicas': 3, 'sentinel.quorum': 1, 'sentinel.port': 1,
  'sentinel.downAfterMilliseconds': 100, 'sentinel.failoverTimeout': 1000, 'sentinel.parallelSyncs': 1,
  'sentinel.primaryLookupTimeoutSeconds': 0, 'service.port': 1, 'tls.port': 1, 'metrics.port': 1,
  'externalAccess.service.port': 1, 'backup.retention': 1, 'backup.sourceOrdinal': 0,
  'backup.retentionDays': 0, 'backup.s3.incompleteGraceMinutes': 10,
  'auth.passwordRotation.interval': 1, 'sentinel.roleLabeler.interval': 1,
  'config.minReplicasToWrite': 0, 'config.minReplicasMaxLag': 0,
  'autoscaling.hpa.minReplicas': 1, 'autoscaling.hpa.maxReplicas': 1,
  terminationGracePeriodSeconds: 0, 'gracefulFailover.timeoutSeconds': 1,
  'metrics.prometheusRule.backupStaleSeconds': 60,
  ...Object.fromEntries(
    ['memoryUsedRatio', 'evictedKeysPerSecond', 'rejectedConnections', 'clientsUsedRatio',
      'replicationLagSeconds', 'primaryRoleChanges', 'restarts']
      .map(k => [`metrics.prometheusRule.thresholds.${k}`, 0]),
  ),
};
const MAX = {
  'service.port': 65535, 'tls.port': 65535, 'metrics.port': 65535, 'cluster.busPort': 65535,
  'sentinel.port': 65535, 'externalAccess.service.port': 65535,
};
const PROM_DURATION = '^[1-9][0-9]*(s|m|h|d)$';
const PATTERN = {
  'config.maxmemory': '^$|^[0-9]+([kKmMgG][bB]?)?$',
  'backup.schedule': '^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$',
  clusterDomain: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  'acl.monitoringUser.name': '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  'acl.operationsUser.name': '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  'metrics.prometheusRule.thresholds.primaryFlappingWindow': PROM_DURATION,
  'metrics.prometheusRule.thresholds.restartWindow': PROM_DURATION,
  'metrics.prometheusRule.runbookBaseUrl': '^$|^https?://[^\\s"]+$',
};
const EXTRA = {
  'acl.users': {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        permissions: { type: 'string', description: 'ACL rules (no passwords)' },
        password: { type: ['string', 'number'] },
        existingPasswordSecret: { type: 'string' },
        passwordKey: { type: 'string' },
        enabled: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
};

function propertiesOf(path, obj) {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, schemaFor(path ? `${path}.${k}` : k, v)]),
  );
}

function schemaFor(path, val) {
  if (EXTRA[path]) return EXTRA[path];
  let s;
  if (STR_OR_INT.has(path)) s = { type: ['string', 'integer'] };
  else if (val === null || val === undefined) s = { type: ['array', 'null'], items: { type: 'string' } };
  else if (typeof val === 'boolean') s = { type: 'boolean' };
  else if (Number.isInteger(val)) s = { type: 'integer' };
  else if (typeof val === 'number') s = { type: 'number' };
  else if (typeof val === 'string') s = { type: 'string' };
  else if (Array.isArray(val)) s = { type: 'array' };
  else if (typeof val === 'object') {
    s = { type: 'object' };
    if (Object.keys(val).length) {
      s.properties = propertiesOf(path, val);
      if (!FREE.has(path)) s.additionalProperties = false;
    }
  } else s = {};
  if (ENUMS[path]) s.enum = ENUMS[path];
  if (path in MIN) s.minimum = MIN[path];
  if (path in MAX) s.maximum = MAX[path];
  if (PATTERN[path]) s.pattern = PATTERN[path];
  return s;
}

const values = YAML.parse(readFileSync(valuesPath, 'utf8'));
const root = schemaFor('', values);
root.$schema = 'http://json-schema.org/draft-07/schema#';
root.title = 'valkey chart values';
root.properties.commonLabels.additionalProperties = { type: 'string' };
const schema = `${JSON.stringify(root, null, 2)}\n`;

if (check) {
  const current = readFileSync(schemaPath, 'utf8');
  if (current !== schema) {
    console.error(
      `${schemaPath} is out of date with values.yaml (run: node charts/valkey/scripts-dev/gen-schema.mjs)`,
    );
    process.exit(1);
  }
  console.log(`values.schema.json matches values.yaml`);
} else {
  writeFileSync(schemaPath, schema);
  console.log(`wrote ${schemaPath}`);
}
