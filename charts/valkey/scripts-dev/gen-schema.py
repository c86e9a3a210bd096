#!/usr/bin/env python3
"""Generates values.schema.json from values.yaml defaults plus the rules below.
Run: python3 charts/valkey/scripts-dev/gen-schema.py  (needs PyYAML)."""
import json, os, yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.dirname(HERE)
values = yaml.safe_load(open(os.path.join(CHART, 'values.yaml')))

FREE = {'global', 'securityContext', 'containerSecurityContext', 'metrics.securityContext',
        'resources', 'resources.limits', 'resources.requests'}
STR_OR_INT = {'pdb.minAvailable', 'pdb.maxUnavailable', 'metrics.serviceMonitor.sampleLimit',
              'metrics.serviceMonitor.targetLimit', 'metrics.podMonitor.sampleLimit',
              'metrics.podMonitor.targetLimit', 'autoscaling.hpa.targetMemory', 'autoscaling.hpa.targetCPU',
              'cluster.persistence.size', 'sentinel.dataPersistence.size', 'replication.persistence.size'}
ENUMS = {
    'mode': ['standalone', 'replication', 'sentinel', 'cluster'],
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
    'resourcePreset': ['none', 'nano', 'micro', 'small', 'medium', 'large', 'xlarge'],
    'podAntiAffinityPreset.type': ['', 'soft', 'hard'],
    'sentinel.podAntiAffinityPreset.type': ['', 'soft', 'hard'],
    'topologySpread.whenUnsatisfiable': ['ScheduleAnyway', 'DoNotSchedule'],
    'tls.authClients': ['yes', 'no', 'optional'],
    'tls.certManager.issuerRef.kind': ['Issuer', 'ClusterIssuer'],
    'backup.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
    'autoscaling.vpa.updateMode': ['Off', 'Initial', 'Recreate', 'Auto'],
    'dnsPolicy': ['', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
}
MIN = {
    'cluster.replicas': 6, 'cluster.replicasPerPrimary': 0, 'cluster.nodeTimeout': 100,
    'cluster.busPort': 1, 'cluster.replicaValidityFactor': 0, 'cluster.init.waitTimeoutSeconds': 10,
    'standalone.replicas': 0, 'replication.replicas': 0, 'sentinel.replicas': 2,
    'sentinel.sentinelReplicas': 3, 'sentinel.quorum': 1, 'sentinel.port': 1,
    'sentinel.downAfterMilliseconds': 100, 'sentinel.failoverTimeout': 1000, 'sentinel.parallelSyncs': 1,
    'sentinel.primaryLookupTimeoutSeconds': 0, 'service.port': 1, 'tls.port': 1, 'metrics.port': 1,
    'externalAccess.service.port': 1, 'backup.retention': 1, 'backup.sourceOrdinal': 0,
    'auth.passwordRotation.interval': 1, 'sentinel.roleLabeler.interval': 1,
    'config.minReplicasToWrite': 0, 'config.minReplicasMaxLag': 0,
    'autoscaling.hpa.minReplicas': 1, 'autoscaling.hpa.maxReplicas': 1,
    'terminationGracePeriodSeconds': 0, 'gracefulFailover.timeoutSeconds': 1,
}
MAX = {'service.port': 65535, 'tls.port': 65535, 'metrics.port': 65535, 'cluster.busPort': 65535,
       'sentinel.port': 65535, 'externalAccess.service.port': 65535}
PATTERN = {
    'config.maxmemory': r'^$|^[0-9]+([kKmMgG][bB]?)?$',
    'backup.schedule': r'^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$',
    'clusterDomain': r'^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
    'acl.monitoringUser.name': r'^[A-Za-z0-9][A-Za-z0-9_.-]*$',
    'acl.operationsUser.name': r'^[A-Za-z0-9][A-Za-z0-9_.-]*$',
}
EXTRA = {
    'acl.users': {
        'type': 'object',
        'additionalProperties': {
            'type': 'object',
            'properties': {
                'permissions': {'type': 'string', 'description': 'ACL rules (no passwords)'},
                'password': {'type': ['string', 'number']},
                'existingPasswordSecret': {'type': 'string'},
                'passwordKey': {'type': 'string'},
                'enabled': {'type': 'boolean'},
            },
            'additionalProperties': False,
        },
    },
}
PORTS_ROOT = ['image.pullSecrets']


def schema_for(path, val):
    if path in EXTRA:
        return EXTRA[path]
    if path in STR_OR_INT:
        s = {'type': ['string', 'integer']}
    elif val is None:
        s = {'type': ['array', 'null'], 'items': {'type': 'string'}}
    elif isinstance(val, bool):
        s = {'type': 'boolean'}
    elif isinstance(val, int):
        s = {'type': 'integer'}
    elif isinstance(val, str):
        s = {'type': 'string'}
    elif isinstance(val, list):
        s = {'type': 'array'}
    elif isinstance(val, dict):
        s = {'type': 'object'}
        if val and path not in FREE:
            s['properties'] = {k: schema_for(f'{path}.{k}' if path else k, v) for k, v in val.items()}
            s['additionalProperties'] = False
        elif val:
            s['properties'] = {k: schema_for(f'{path}.{k}' if path else k, v) for k, v in val.items()}
    else:
        s = {}
    if path in ENUMS:
        s['enum'] = ENUMS[path]
    if path in MIN:
        s['minimum'] = MIN[path]
    if path in MAX:
        s['maximum'] = MAX[path]
    if path in PATTERN:
        s['pattern'] = PATTERN[path]
    return s


root = schema_for('', values)
root['$schema'] = 'http://json-schema.org/draft-07/schema#'
root['title'] = 'valkey chart values'
root['properties']['commonLabels']['additionalProperties'] = {'type': 'string'}
out = json.dumps(root, indent=2) + '\n'
open(os.path.join(CHART, 'values.schema.json'), 'w').write(out)
print('wrote values.schema.json')
