export interface Config {
  /** Configuration of the Valkey plugins. */
  valkey?: {
    /**
     * The topology timeline: a scheduled observer (one at a time across all
     * backend replicas sharing the database) records failovers, failed and
     * recovered nodes, role changes, quorum, slot moves and failed backups.
     */
    timeline?: {
      /** Default true. */
      enabled?: boolean;
      /** How often the observer looks at every instance environment, seconds (1 to 86400). Default 60. */
      intervalSeconds?: number;
      /** Events older than this many days are deleted (1 to 3650). Default 30. */
      retentionDays?: number;
      /** Instance environments read at once (1 to 64). Default 4; each read also waits for `valkey.status.maxConcurrentProbes`. */
      concurrency?: number;
    };
    /** The live status backend. Endpoints come only from here, never from entities. */
    status?: {
      /** How long a probe result is served from the cache, seconds. Default 10. */
      refreshIntervalSeconds?: number;
      /** TCP/TLS connect timeout per node, ms. Default 1000. */
      connectTimeoutMs?: number;
      /** Timeout of each Valkey command, ms. Default 2000. */
      commandTimeoutMs?: number;
      /** Probes running at once across all instances. Default 8. */
      maxConcurrentProbes?: number;
      /** Timeout of each Kubernetes API call, ms. Default 5000. */
      kubernetesTimeoutMs?: number;
      /**
       * How long one caller's `valkey.status.read` decision and catalog lookup
       * of one entity are reused, ms (0 to 10000). Default 2000; 0 turns it off.
       * Never shared between callers.
       */
      accessCacheMs?: number;
      environments?: Array<{
        /** Environment name as used in the entity annotation (a DNS label). */
        name: string;
        /**
         * Kubernetes namespace pattern; placeholders `{instance}` and
         * `{environment}`. Default `{instance}`.
         */
        namespace?: string;
        /**
         * Data endpoint host pattern; placeholders `{instance}`, `{namespace}`,
         * `{environment}`. For cluster mode a seed node, for replication the
         * primary. Default `{instance}-valkey.{namespace}.svc.cluster.local`.
         */
        host?: string;
        /** Data endpoint port. Default 6379. */
        port?: number;
        /** Sentinel host pattern (same placeholders). Default `{instance}-valkey-sentinel.{namespace}.svc.cluster.local`. */
        sentinelHost?: string;
        /** Default 26379. */
        sentinelPort?: number;
        /** Name Sentinel monitors the primary under. Default `mymaster`. */
        sentinelPrimaryName?: string;
        /**
         * Per-pod addresses of the data nodes, asked when the configured
         * endpoint and the nodes known from the last good probe do not answer
         * (for instances resolved from the patterns, not explicit ones).
         */
        nodes?: {
          /**
           * Host pattern with `{index}` (0 to count-1) and `{instance}`,
           * `{namespace}`, `{environment}`, e.g.
           * `{instance}-valkey-{index}.{instance}-valkey-headless.{namespace}.svc.cluster.local`.
           */
          host: string;
          /** Default: the environment's `port`. */
          port?: number;
          /** How many pods, 1 to 100. */
          count: number;
        };
        /** Per-pod addresses of the Sentinels (sentinel mode only); same fields as `nodes`. */
        sentinels?: {
          /** e.g. `{instance}-valkey-sentinel-{index}.{instance}-valkey-sentinel-headless.{namespace}.svc.cluster.local`. */
          host: string;
          /** Default: the environment's `sentinelPort`. */
          port?: number;
          /** How many pods, 1 to 100. */
          count: number;
        };
        /** Explicit endpoints per instance (Helm release name); still config, never entity data. */
        instances?: {
          [instance: string]: {
            host: string;
            port: number;
            sentinelHost?: string;
            sentinelPort?: number;
            sentinelPrimaryName?: string;
          };
        };
        tls?: {
          enabled?: boolean;
          /** PEM text, or a path to a PEM file. */
          ca?: string;
          /** Client certificate: PEM text or a path. */
          cert?: string;
          /**
           * Client key: PEM text or a path.
           * @visibility secret
           */
          key?: string;
          /** Server name to verify (SNI). */
          serverName?: string;
          /** Default true. */
          rejectUnauthorized?: boolean;
        };
        /** The monitoring user; inline or from a Kubernetes Secret. */
        credentials?: {
          /** Default `valkey-monitor`. */
          username?: string;
          /** @visibility secret */
          password?: string;
          /** A Secret in the instance's namespace; `name` takes `{instance}`, `{namespace}`, `{environment}`. */
          secretRef?: { name: string; key: string };
        };
        /**
         * Operations from the entity page and the actions registry (back up
         * now, fail over). Absent: no operations in this environment. Callers
         * also need the `valkey.instance.operate` permission on the entity.
         */
        operations?: {
          /**
           * The operations ACL user (the chart's `acl.operationsUser`), never
           * the monitoring user; omit for instances without auth.
           */
          credentials?: {
            /** Default `valkey-operator`. Must differ from the monitoring user. */
            username?: string;
            /** @visibility secret */
            password?: string;
            /** A Secret in the instance's namespace; `name` takes `{instance}`, `{namespace}`, `{environment}`. */
            secretRef?: { name: string; key: string };
          };
        };
        /** The cluster of this environment: backup status and secretRef credentials. */
        kubernetes?: {
          url: string;
          /** Base64 CA certificate of the API server. */
          caData?: string;
          /** @visibility secret */
          token?: string;
          skipTLSVerify?: boolean;
        };
      }>;
    };
  };
}
