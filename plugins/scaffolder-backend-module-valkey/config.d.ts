export interface Config {
  valkey?: {
    /** Where and how `valkey:gitops:render` and `valkey-gitops` render Valkey instances. */
    gitops?: {
      /** Git URL of the GitOps repository, as Argo CD reads it. */
      repoUrl: string;
      /** Revision Argo CD follows. Default HEAD. */
      targetRevision?: string;
      /** Folder of an instance in the GitOps repository; `{name}` is the instance name. Default `valkey/{name}`. */
      targetPathPattern?: string;
      argocd?: {
        /** Namespace of the Argo CD Applications. Default argocd. */
        namespace?: string;
        /** Argo CD project. Default default. */
        project?: string;
      };
      chart?: {
        /** vendored: copy charts/valkey into each folder; repository: depend on `repository` + `version`. Default vendored. */
        source?: 'vendored' | 'repository';
        repository?: string;
        version?: string;
        /** Path of the charts/valkey folder on the backend's disk (default: found from the package). */
        localPath?: string;
      };
      secrets: {
        provider: 'sealed-secrets' | 'external-secrets';
        sealedSecrets?: {
          controllerNamespace?: string;
          controllerName?: string;
        };
        externalSecrets?: {
          storeName: string;
          storeKind?: 'SecretStore' | 'ClusterSecretStore';
          /** Remote key; `{name}`, `{environment}` and `{namespace}` are replaced. Default `valkey/{environment}/{name}`. */
          remoteKeyPattern?: string;
          refreshInterval?: string;
        };
      };
      environments: Array<{
        name: string;
        destination: {
          /** Kubernetes API URL of the cluster, as Argo CD knows it. */
          server: string;
          /** Namespace; `{name}` is the instance name. */
          namespace: string;
        };
        storageClass?: string;
        /** cert-manager issuer for instances with TLS. */
        tls?: {
          issuerName: string;
          issuerKind?: 'Issuer' | 'ClusterIssuer';
        };
        /** Chart values applied under the instance's own values. */
        defaults?: { [key: string]: any };
        /** Checked on the merged values of every instance in this environment. */
        policy?: {
          allowedModes?: Array<
            'standalone' | 'replication' | 'sentinel' | 'cluster'
          >;
          allowedSizes?: Array<
            'nano' | 'micro' | 'small' | 'medium' | 'large' | 'xlarge'
          >;
          requireAuth?: boolean;
          requireTls?: boolean;
          requireBackups?: boolean;
          /** Sentinel or cluster mode (automatic failover). */
          requireHighAvailability?: boolean;
          requirePersistence?: boolean;
        };
      }>;
      /** Local Git repository for `valkey:gitops:commit-local` (local use without a Git host). Created with git init when missing. */
      localRepository?: {
        /** Path on the backend's disk, relative to its working directory. */
        path: string;
        branch?: string;
      };
    };
  };
}
