/*
 * Every metric name the chart's default PrometheusRule may use, with where it
 * comes from. The exporter is the one in values.yaml (metrics.image); the links
 * point at that exact tag, so a tag bump means re-checking this list
 * (test/src/chart/alerts.test.ts fails until exporterTag matches).
 */
export const exporterImage = 'oliver006/redis_exporter';
export const exporterTag = 'v1.67.0';

const src = (file: string, line: number) =>
  `https://github.com/oliver006/redis_exporter/blob/${exporterTag}/exporter/${file}#L${line}`;

export type MetricSource = { from: string; source: string };

export const alertMetrics: Record<string, MetricSource> = {
  redis_up: {
    from: 'exporter: 1 when the scrape of the Valkey target succeeded',
    source: src('exporter.go', 553),
  },
  redis_uptime_in_seconds: {
    from: 'INFO server uptime_in_seconds',
    source: src('exporter.go', 130),
  },
  redis_connected_clients: {
    from: 'INFO clients connected_clients',
    source: src('exporter.go', 135),
  },
  redis_config_maxclients: {
    from: 'CONFIG GET maxclients',
    source: src('exporter.go', 605),
  },
  redis_memory_used_bytes: {
    from: 'INFO memory used_memory',
    source: src('exporter.go', 162),
  },
  redis_memory_max_bytes: {
    from: 'INFO memory maxmemory',
    source: src('exporter.go', 178),
  },
  redis_rdb_last_bgsave_status: {
    from: 'INFO persistence rdb_last_bgsave_status (ok=1, err=0, see metrics.go#L50)',
    source: src('exporter.go', 218),
  },
  redis_aof_last_bgrewrite_status: {
    from: 'INFO persistence aof_last_bgrewrite_status (ok=1, err=0)',
    source: src('exporter.go', 238),
  },
  redis_aof_last_write_status: {
    from: 'INFO persistence aof_last_write_status (ok=1, err=0)',
    source: src('exporter.go', 239),
  },
  redis_rejected_connections_total: {
    from: 'INFO stats rejected_connections',
    source: src('exporter.go', 314),
  },
  redis_evicted_keys_total: {
    from: 'INFO stats evicted_keys',
    source: src('exporter.go', 325),
  },
  redis_instance_info: {
    from: 'INFO server/replication, labels role, redis_version, ...',
    source: src('info.go', 164),
  },
  redis_master_link_up: {
    from: 'INFO replication master_link_status on a replica (up=1)',
    source: src('info.go', 312),
  },
  redis_connected_slave_lag_seconds: {
    from: 'INFO replication slaveN lag on a primary',
    source: src('info.go', 338),
  },
  redis_cluster_state: {
    from: 'CLUSTER INFO cluster_state (ok=1, fail=0; every cluster_* field is exported, metrics.go#L23)',
    source: src('info.go', 195),
  },
  redis_cluster_slots_fail: {
    from: 'CLUSTER INFO cluster_slots_fail',
    source: src('info.go', 195),
  },
  redis_cluster_slots_pfail: {
    from: 'CLUSTER INFO cluster_slots_pfail',
    source: src('info.go', 195),
  },
  redis_sentinel_tilt: {
    from: 'INFO sentinel sentinel_tilt (exporter in the Sentinel pods)',
    source: src('sentinels.go', 17),
  },
  redis_sentinel_master_ckquorum_status: {
    from: 'SENTINEL CKQUORUM <master> (1 = quorum reachable)',
    source: src('sentinels.go', 76),
  },
  redis_sentinel_master_ok_sentinels: {
    from: 'SENTINEL SENTINELS <master>, the ones without s_down/o_down, plus itself',
    source: src('sentinels.go', 122),
  },
  // Not from the chart's exporter: kube-state-metrics, which the cluster's
  // Prometheus stack runs, exports the CronJob status the chart cannot.
  kube_cronjob_status_last_successful_time: {
    from: 'kube-state-metrics: CronJob .status.lastSuccessfulTime (labels namespace, cronjob)',
    source:
      'https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/cronjob-metrics.md',
  },
};
