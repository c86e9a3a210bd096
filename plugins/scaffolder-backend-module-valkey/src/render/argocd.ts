/**
 * One Argo CD Application per environment with two sources from the GitOps
 * repository: the wrapper chart (values.yaml + values-<env>.yaml) and the
 * environment's secret manifests (`secrets/<env>-*.yaml`), ordered by sync
 * waves so the Secrets exist before the pods that read them.
 */
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import type { GitopsConfig } from '../config/gitopsConfig';

export const ENVIRONMENT_LABEL = 'valkey.backstage.io/environment';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/**
 * Argo CD applies a wave only after every resource of the previous one is
 * Healthy. A SealedSecret or ExternalSecret is Healthy once its Secret exists,
 * so the Secret references (wave 0, Argo CD's default, which an unannotated
 * SealedSecret from kubeseal also has) come before every chart resource
 * (wave 1, through the chart's commonAnnotations): pods never start before
 * the Secrets they read.
 */
export const SYNC_WAVES = { secrets: '0', chart: '1' } as const;

export function applicationName(instance: string, environment: string): string {
  return `${instance}-${environment}`;
}

export function joinRepoPath(targetPath: string, child: string): string {
  return targetPath === '.' ? child : `${targetPath}/${child}`;
}

export function argoApplication(options: {
  instance: string;
  environment: string;
  server: string;
  namespace: string;
  config: GitopsConfig;
  repoUrl: string;
  targetPath: string;
}) {
  const { instance, environment, config, repoUrl, targetPath } = options;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: applicationName(instance, environment),
      namespace: config.argocd.namespace,
      labels: {
        [VALKEY_INSTANCE_ANNOTATION]: instance,
        [ENVIRONMENT_LABEL]: environment,
        'app.kubernetes.io/managed-by': 'backstage',
      },
    },
    spec: {
      project: config.argocd.project,
      destination: { server: options.server, namespace: options.namespace },
      sources: [
        {
          repoURL: repoUrl,
          targetRevision: config.targetRevision,
          path: targetPath,
          helm: {
            releaseName: instance,
            valueFiles: ['values.yaml', `values-${environment}.yaml`],
          },
        },
        {
          repoURL: repoUrl,
          targetRevision: config.targetRevision,
          path: joinRepoPath(targetPath, 'secrets'),
          directory: { include: `${environment}-*.yaml` },
        },
      ],
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  };
}
