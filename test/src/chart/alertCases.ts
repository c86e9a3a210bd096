/*
 * For every default alert: input series (promtool's expanding notation, one
 * sample a minute) on which it must fire, and healthy ones on which it must
 * stay quiet. Labels are those of a release "rel" in namespace "data".
 */
export const ns = 'data';
export const service = 'rel-valkey-metrics';
const pod = 'rel-valkey-0';
const base = `namespace="${ns}", service="${service}", pod="${pod}"`;
const podLabels = { namespace: ns, service, pod };

export type Series = { series: string; values: string };
export type AlertCase = {
  /** minutes after the first sample at which the alert is evaluated */
  evalMinutes: number;
  firing: Series[];
  healthy: Series[];
  /** labels of the firing alert besides alertname and severity */
  labels: Record<string, string>;
};

const one = (metric: string, values: string, extra = ''): Series => ({
  series: `${metric}{${base}${extra}}`,
  values,
});

/** Role of pods a and b minute by minute: a is primary in even tens of minutes. */
function flappingRoles(minutes: number, flapping: boolean): Series[] {
  const out: Series[] = [];
  for (const p of ['rel-valkey-0', 'rel-valkey-1']) {
    for (const role of ['master', 'slave']) {
      const holds = (i: number) => {
        const aPrimary = flapping ? Math.floor(i / 10) % 2 === 0 : true;
        const isPrimary = p === 'rel-valkey-0' ? aPrimary : !aPrimary;
        return (role === 'master') === isPrimary;
      };
      const values: string[] = [];
      for (let i = 0; i <= minutes; i++) {
        if (holds(i)) values.push('1');
        else values.push(i > 0 && holds(i - 1) ? 'stale' : '_');
      }
      out.push({
        series: `redis_instance_info{namespace="${ns}", service="${service}", pod="${p}", role="${role}"}`,
        values: values.join(' '),
      });
    }
  }
  return out;
}

export const alertCases: Record<string, AlertCase> = {
  ValkeyInstanceDown: {
    evalMinutes: 10,
    firing: [one('redis_up', '0x10')],
    healthy: [one('redis_up', '1x10')],
    labels: podLabels,
  },
  ValkeyLastRdbSaveFailed: {
    evalMinutes: 10,
    firing: [one('redis_rdb_last_bgsave_status', '0x10')],
    healthy: [one('redis_rdb_last_bgsave_status', '1x10')],
    labels: podLabels,
  },
  ValkeyAofWriteFailed: {
    evalMinutes: 10,
    firing: [
      one('redis_aof_last_write_status', '0x10'),
      one('redis_aof_last_bgrewrite_status', '1x10'),
    ],
    healthy: [
      one('redis_aof_last_write_status', '1x10'),
      one('redis_aof_last_bgrewrite_status', '1x10'),
    ],
    labels: podLabels,
  },
  ValkeyMemoryNearMaxmemory: {
    evalMinutes: 20,
    firing: [
      one('redis_memory_used_bytes', '95x20'),
      one('redis_memory_max_bytes', '100x20'),
    ],
    // 95 bytes used but no maxmemory set: nothing to be near
    healthy: [
      one('redis_memory_used_bytes', '95x20'),
      one('redis_memory_max_bytes', '0x20'),
    ],
    labels: podLabels,
  },
  ValkeyKeysEvicted: {
    evalMinutes: 20,
    firing: [one('redis_evicted_keys_total', '0+600x20')], // 10 per second
    healthy: [one('redis_evicted_keys_total', '0+6x20')], // 0.1 per second
    labels: podLabels,
  },
  ValkeyRejectedConnections: {
    evalMinutes: 10,
    firing: [one('redis_rejected_connections_total', '0+1x10')],
    healthy: [one('redis_rejected_connections_total', '0x10')],
    labels: podLabels,
  },
  ValkeyClientsNearMaxclients: {
    evalMinutes: 10,
    firing: [
      one('redis_connected_clients', '95x10'),
      one('redis_config_maxclients', '100x10'),
    ],
    healthy: [
      one('redis_connected_clients', '10x10'),
      one('redis_config_maxclients', '100x10'),
    ],
    labels: podLabels,
  },
  ValkeyRestartLoop: {
    evalMinutes: 10,
    firing: [
      one('redis_uptime_in_seconds', '60 120 180 30 90 30 90 30 90 150 210'),
    ],
    healthy: [one('redis_uptime_in_seconds', '60+60x10')],
    labels: podLabels,
  },
  ValkeyReplicationLinkDown: {
    evalMinutes: 10,
    firing: [
      one(
        'redis_master_link_up',
        '0x10',
        ', master_host="p", master_port="6379"',
      ),
    ],
    healthy: [
      one(
        'redis_master_link_up',
        '1x10',
        ', master_host="p", master_port="6379"',
      ),
    ],
    labels: { ...podLabels, master_host: 'p', master_port: '6379' },
  },
  ValkeyReplicationLag: {
    evalMinutes: 10,
    firing: [
      one(
        'redis_connected_slave_lag_seconds',
        '60x10',
        ', slave_ip="10.0.0.2"',
      ),
    ],
    healthy: [
      one('redis_connected_slave_lag_seconds', '1x10', ', slave_ip="10.0.0.2"'),
    ],
    labels: podLabels,
  },
  ValkeyPrimaryFlapping: {
    evalMinutes: 60,
    firing: flappingRoles(60, true),
    healthy: flappingRoles(60, false),
    labels: { namespace: ns, service },
  },
  ValkeyClusterStateNotOk: {
    evalMinutes: 10,
    firing: [one('redis_cluster_state', '0x10')],
    healthy: [one('redis_cluster_state', '1x10')],
    labels: podLabels,
  },
  ValkeyClusterSlotsFailing: {
    evalMinutes: 10,
    firing: [
      one('redis_cluster_slots_fail', '0x10'),
      one('redis_cluster_slots_pfail', '3x10'),
    ],
    healthy: [
      one('redis_cluster_slots_fail', '0x10'),
      one('redis_cluster_slots_pfail', '0x10'),
    ],
    labels: podLabels,
  },
  ValkeySentinelQuorumLost: {
    evalMinutes: 10,
    firing: [
      one(
        'redis_sentinel_master_ckquorum_status',
        '0x10',
        ', master_name="mymaster", message="NOQUORUM"',
      ),
      one(
        'redis_sentinel_master_ok_sentinels',
        '3x10',
        ', master_name="mymaster", master_address="p:6379"',
      ),
    ],
    healthy: [
      one(
        'redis_sentinel_master_ckquorum_status',
        '1x10',
        ', master_name="mymaster", message="OK"',
      ),
      one(
        'redis_sentinel_master_ok_sentinels',
        '3x10',
        ', master_name="mymaster", master_address="p:6379"',
      ),
    ],
    labels: { ...podLabels, master_name: 'mymaster', message: 'NOQUORUM' },
  },
  ValkeySentinelTilt: {
    evalMinutes: 10,
    firing: [one('redis_sentinel_tilt', '1x10')],
    healthy: [one('redis_sentinel_tilt', '0x10')],
    labels: podLabels,
  },
  ValkeyBackupStale: {
    evalMinutes: 20,
    // last success two and a half days before the evaluation window
    firing: [
      {
        series: `kube_cronjob_status_last_successful_time{namespace="${ns}", cronjob="rel-valkey-backup"}`,
        values: '-216000x20',
      },
    ],
    // a success every minute
    healthy: [
      {
        series: `kube_cronjob_status_last_successful_time{namespace="${ns}", cronjob="rel-valkey-backup"}`,
        values: '0+60x20',
      },
    ],
    labels: { namespace: ns, cronjob: 'rel-valkey-backup' },
  },
};

const common = [
  'ValkeyInstanceDown',
  'ValkeyLastRdbSaveFailed',
  'ValkeyAofWriteFailed',
  'ValkeyMemoryNearMaxmemory',
  'ValkeyKeysEvicted',
  'ValkeyRejectedConnections',
  'ValkeyClientsNearMaxclients',
  'ValkeyRestartLoop',
];
const replicated = [
  'ValkeyReplicationLinkDown',
  'ValkeyReplicationLag',
  'ValkeyPrimaryFlapping',
];

/** The default rules of each mode, in the order the chart renders them (ValkeyBackupStale follows with backup.enabled). */
export const expectedAlerts = {
  standalone: common,
  replication: [...common, ...replicated],
  sentinel: [
    ...common,
    ...replicated,
    'ValkeySentinelQuorumLost',
    'ValkeySentinelTilt',
  ],
  cluster: [
    ...common,
    ...replicated,
    'ValkeyClusterStateNotOk',
    'ValkeyClusterSlotsFailing',
  ],
};
