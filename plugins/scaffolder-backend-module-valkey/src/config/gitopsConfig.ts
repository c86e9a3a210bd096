/**
 * `valkey.gitops` configuration: where rendered folders go, which environments
 * exist and what each one requires. Read once by the action and the CLI and
 * validated here, so a config mistake is reported with its config key.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CHART_SOURCES,
  checkUniqueNames,
  DNS_LABEL_PATTERN,
  SIZE_PRESETS,
  VALKEY_MODES,
  formatFieldPath,
} from '@valkey-backstage/plugin-valkey-common';
import { z } from 'zod';

const PATH_SEGMENT = /^(\{name\}|[a-z0-9][-a-z0-9_.]*)$/;

const policySchema = z
  .object({
    allowedModes: z.array(z.enum(VALKEY_MODES)).min(1).optional(),
    allowedSizes: z.array(z.enum(SIZE_PRESETS)).min(1).optional(),
    requireAuth: z.boolean().default(false),
    requireTls: z.boolean().default(false),
    requireBackups: z.boolean().default(false),
    requireHighAvailability: z.boolean().default(false),
    requirePersistence: z.boolean().default(false),
  })
  .strict();

const environmentSchema = z
  .object({
    name: z.string().max(20).regex(DNS_LABEL_PATTERN, 'must be a DNS label'),
    destination: z
      .object({
        server: z
          .string()
          .url('must be the Kubernetes API URL Argo CD knows the cluster by'),
        namespace: z
          .string()
          .max(63)
          .regex(
            /^([a-z0-9-]*\{name\}[a-z0-9-]*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/,
            'must be a namespace name; "{name}" stands for the instance name',
          ),
      })
      .strict(),
    storageClass: z.string().max(63).regex(DNS_LABEL_PATTERN).optional(),
    tls: z
      .object({
        issuerName: z.string().min(1).max(253),
        issuerKind: z
          .enum(['Issuer', 'ClusterIssuer'])
          .default('ClusterIssuer'),
      })
      .strict()
      .optional(),
    defaults: z.record(z.unknown()).default({}),
    policy: policySchema.default({}),
  })
  .strict();

export const gitopsConfigSchema = z
  .object({
    repoUrl: z
      .string()
      .min(1)
      .describe('Git URL of the GitOps repository, as Argo CD reads it'),
    targetRevision: z.string().min(1).default('HEAD'),
    targetPathPattern: z
      .string()
      .default('valkey/{name}')
      .refine(
        p =>
          p.includes('{name}') &&
          p.split('/').every(segment => PATH_SEGMENT.test(segment)),
        'must be a relative path of lower-case segments containing "{name}", e.g. valkey/{name}',
      ),
    argocd: z
      .object({
        namespace: z.string().regex(DNS_LABEL_PATTERN).default('argocd'),
        project: z.string().min(1).max(63).default('default'),
      })
      .strict()
      .default({}),
    chart: z
      .object({
        source: z.enum(CHART_SOURCES).default('vendored'),
        repository: z.string().url().optional(),
        version: z.string().min(1).optional(),
        localPath: z.string().optional(),
      })
      .strict()
      .default({}),
    secrets: z
      .object({
        provider: z.enum(['sealed-secrets', 'external-secrets']),
        sealedSecrets: z
          .object({
            controllerNamespace: z
              .string()
              .regex(DNS_LABEL_PATTERN)
              .default('kube-system'),
            controllerName: z
              .string()
              .regex(DNS_LABEL_PATTERN)
              .default('sealed-secrets-controller'),
          })
          .strict()
          .default({}),
        externalSecrets: z
          .object({
            storeName: z.string().regex(DNS_LABEL_PATTERN),
            storeKind: z
              .enum(['SecretStore', 'ClusterSecretStore'])
              .default('ClusterSecretStore'),
            remoteKeyPattern: z
              .string()
              .min(1)
              .default('valkey/{environment}/{name}'),
            refreshInterval: z
              .string()
              .regex(/^[0-9]+[smh]$/)
              .default('1h'),
          })
          .strict()
          .optional(),
      })
      .strict()
      .superRefine((s, ctx) => {
        if (s.provider === 'external-secrets' && !s.externalSecrets) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['externalSecrets'],
            message:
              'is required when provider is external-secrets (storeName at least)',
          });
        }
      }),
    environments: z.array(environmentSchema).min(1),
    localRepository: z
      .object({
        path: z.string().min(1),
        branch: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/)
          .default('main'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    checkUniqueNames(c.environments, ['environments'], 'environment', ctx);
    if (
      c.chart.source === 'repository' &&
      !(c.chart.repository && c.chart.version)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['chart'],
        message: 'source "repository" needs chart.repository and chart.version',
      });
    }
  });

export type GitopsConfig = z.infer<typeof gitopsConfigSchema>;
export type GitopsEnvironmentConfig = GitopsConfig['environments'][number];
export type EnvironmentPolicy = GitopsEnvironmentConfig['policy'];

/** Validates a raw `valkey.gitops` object; errors name the config key. */
export function parseGitopsConfig(raw: unknown): GitopsConfig {
  const parsed = gitopsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(issue => {
      const keys =
        issue.code === z.ZodIssueCode.unrecognized_keys
          ? ` (unknown keys: ${issue.keys.join(', ')})`
          : '';
      const path = formatFieldPath(['valkey', 'gitops', ...issue.path]);
      return `${path}: ${issue.message}${keys}`;
    });
    throw new InputError(
      `Invalid valkey.gitops configuration:\n${lines.join('\n')}`,
    );
  }
  return parsed.data;
}

/** Reads `valkey.gitops` from Backstage config; a clear error when it is missing. */
export function readGitopsConfig(config: Config): GitopsConfig {
  const raw = config.getOptional('valkey.gitops');
  if (raw === undefined) {
    throw new InputError(
      'valkey.gitops is not configured: add a valkey.gitops section to app-config.yaml (see the README of @valkey-backstage/plugin-scaffolder-backend-module-valkey)',
    );
  }
  return parseGitopsConfig(raw);
}
