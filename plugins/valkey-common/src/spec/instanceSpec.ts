/**
 * The Valkey instance spec: the one validated model between the form, the
 * scaffolder action, the CLI and the renderer. It never holds a password:
 * every password lives in a Secret the configured secrets provider manages.
 */
import { z } from 'zod';
import { CRON_SCHEDULE_HINT, CRON_SCHEDULE_REGEXP } from './cron';
import { checkUniqueNames } from './uniqueNames';
import {
  ACL_PERMISSION_PRESET_NAMES,
  CHART_SOURCES,
  IMAGE_VARIANTS,
  SIZE_PRESETS,
  VALKEY_MODES,
} from './presets';
import {
  KEY_PREFIX_MAX_LENGTH,
  KEY_PREFIX_RULE_TEXT,
  KEY_PREFIX,
  keyPrefixesOverlap,
} from './keyPrefix';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENTITY_NAME = '[a-zA-Z0-9](?:[-_.a-zA-Z0-9]*[a-zA-Z0-9])?';
const NAMESPACE = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const OWNER_REF = new RegExp(
  `^(?:(?:user|group):)?(?:${NAMESPACE}/)?${ENTITY_NAME}$`,
);
const SYSTEM_REF = new RegExp(`^(?:system:)?(?:${NAMESPACE}/)?${ENTITY_NAME}$`);
/** Plain text only: no braces, dollar signs, angle brackets, backticks or newlines. */
const PLAIN_TEXT = /^[A-Za-z0-9 .,:;!?()'"/_+&@%=-]*$/;
const QUANTITY = /^[1-9][0-9]{0,4}(Mi|Gi|Ti)$/;
const ACL_USER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const ACL_USER_NAME_RULE =
  'must start with a lower-case letter and contain only a-z, 0-9, "_" and "-" (at most 32 characters)';
const COMPONENT_REF_RULE =
  'must be a full component reference such as component:default/orders-api';
const COMPONENT_REF = new RegExp(`^component:${NAMESPACE}/${ENTITY_NAME}$`);

/** Longest instance name: `<name>-<environment>` must stay a 63-character DNS label. */
export const INSTANCE_NAME_MAX_LENGTH = 40;
export const ENVIRONMENT_NAME_MAX_LENGTH = 20;
export const MAX_ENVIRONMENTS = 10;
export const MAX_ACL_USERS = 20;

const sizeSchema = z
  .enum(SIZE_PRESETS)
  .describe('Size preset: CPU and memory per Valkey pod');

const quantity = (what: string) =>
  z
    .string()
    .max(8)
    .regex(QUANTITY, `${what} must be a size like 8Gi (Mi, Gi or Ti)`);

export const TopologySpec = z
  .object({
    replicas: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe(
        'replication: read replicas besides the primary; sentinel: data pods in total (primary + replicas)',
      ),
    sentinels: z
      .number()
      .int()
      .min(3)
      .max(7)
      .optional()
      .describe('sentinel: Sentinel pods (odd: 3, 5 or 7)'),
    shards: z
      .number()
      .int()
      .min(3)
      .max(20)
      .optional()
      .describe('cluster: number of primaries (shards)'),
    replicasPerPrimary: z
      .number()
      .int()
      .min(0)
      .max(3)
      .optional()
      .describe('cluster: replicas per primary'),
  })
  .strict();

export const PersistenceSpec = z
  .object({
    enabled: z.boolean().optional(),
    size: quantity('persistence.size').optional().describe('PVC size per pod'),
  })
  .strict();

export const TlsSpec = z
  .object({
    enabled: z
      .boolean()
      .optional()
      .describe(
        "TLS with a certificate from the environment's cert-manager issuer",
      ),
  })
  .strict();

export const BackupsSpec = z
  .object({
    enabled: z.boolean().optional(),
    schedule: z
      .string()
      .max(100)
      .regex(CRON_SCHEDULE_REGEXP, `must be ${CRON_SCHEDULE_HINT}`)
      .optional(),
    retention: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .describe('Backup sets to keep'),
    storageSize: quantity('backups.storageSize').optional(),
  })
  .strict();

export const MetricsSpec = z
  .object({
    enabled: z.boolean().optional().describe('Prometheus exporter sidecar'),
    serviceMonitor: z.boolean().optional(),
    alerts: z
      .boolean()
      .optional()
      .describe('PrometheusRule with the default alerts'),
  })
  .strict();

export const AclUserSpec = z
  .object({
    name: z
      .string()
      .max(32, ACL_USER_NAME_RULE)
      .regex(ACL_USER_NAME, ACL_USER_NAME_RULE),
    permissions: z.enum(ACL_PERMISSION_PRESET_NAMES),
    keyPrefix: z
      .string()
      .max(KEY_PREFIX_MAX_LENGTH, KEY_PREFIX_RULE_TEXT)
      .regex(KEY_PREFIX, KEY_PREFIX_RULE_TEXT)
      .optional()
      .describe(
        'The user may use only keys and channels starting with "<keyPrefix>:"; without it, every key',
      ),
    consumer: z
      .string()
      .max(200, COMPONENT_REF_RULE)
      .regex(COMPONENT_REF, COMPONENT_REF_RULE)
      .optional()
      .describe('The catalog component this user was granted to'),
    consumerNamespace: z
      .string()
      .regex(
        /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/,
        'must be a Kubernetes namespace name: lower-case letters, digits and "-", at most 63 characters',
      )
      .optional()
      .describe(
        "The consumer's Kubernetes namespace: a Secret with this user's password is referenced there too",
      ),
  })
  .strict();

export const AuthSpec = z
  .object({
    enabled: z.boolean().optional(),
    aclUsers: z.array(AclUserSpec).max(MAX_ACL_USERS).optional(),
  })
  .strict();

/** What one environment may change compared with the instance's own values. */
export const EnvironmentOverridesSpec = z
  .object({
    size: sizeSchema.optional(),
    topology: TopologySpec.optional(),
    persistence: PersistenceSpec.optional(),
    tls: TlsSpec.optional(),
    backups: BackupsSpec.optional(),
    metrics: MetricsSpec.optional(),
  })
  .strict();

export const EnvironmentSpec = z
  .object({
    name: z
      .string()
      .max(ENVIRONMENT_NAME_MAX_LENGTH)
      .regex(
        DNS_LABEL,
        'must be a DNS label: lower-case letters, digits and "-", starting with a letter',
      ),
    overrides: EnvironmentOverridesSpec.optional(),
  })
  .strict();

const TOPOLOGY_FIELDS_BY_MODE: Record<
  (typeof VALKEY_MODES)[number],
  Array<keyof z.infer<typeof TopologySpec>>
> = {
  standalone: [],
  replication: ['replicas'],
  sentinel: ['replicas', 'sentinels'],
  cluster: ['shards', 'replicasPerPrimary'],
};

/** The instance name: also the Helm release name and the entity name. */
export const InstanceNameSpec = z
  .string()
  .max(INSTANCE_NAME_MAX_LENGTH)
  .regex(
    DNS_LABEL,
    'must be a DNS label: lower-case letters, digits and "-", starting with a letter and not ending with "-"',
  )
  .describe('Instance name, also the Helm release name, e.g. orders-cache');

const valkeyInstanceSpecObject = z
  .object({
    name: InstanceNameSpec,
    owner: z
      .string()
      .max(200)
      .regex(
        OWNER_REF,
        'must be an entity reference such as group:default/team-a',
      ),
    system: z
      .string()
      .max(200)
      .regex(
        SYSTEM_REF,
        'must be an entity reference such as system:default/orders',
      )
      .optional(),
    description: z
      .string()
      .max(280)
      .regex(
        PLAIN_TEXT,
        'may contain letters, digits, spaces and . , : ; ! ? ( ) \' " / _ + & @ % = - only',
      )
      .optional(),
    mode: z.enum(VALKEY_MODES),
    size: sizeSchema.optional(),
    topology: TopologySpec.optional(),
    persistence: PersistenceSpec.optional(),
    auth: AuthSpec.optional(),
    tls: TlsSpec.optional(),
    backups: BackupsSpec.optional(),
    metrics: MetricsSpec.optional(),
    image: z
      .object({ variant: z.enum(IMAGE_VARIANTS).optional() })
      .strict()
      .optional(),
    chart: z
      .object({
        source: z
          .enum(CHART_SOURCES)
          .optional()
          .describe(
            'vendored copy in the GitOps folder, or the chart repository from config',
          ),
      })
      .strict()
      .optional(),
    environments: z.array(EnvironmentSpec).min(1).max(MAX_ENVIRONMENTS),
  })
  .strict();

type SpecShape = z.infer<typeof valkeyInstanceSpecObject>;

function checkTopology(
  mode: SpecShape['mode'],
  topology: z.infer<typeof TopologySpec> | undefined,
  path: (string | number)[],
  ctx: z.RefinementCtx,
) {
  if (!topology) return;
  const allowed = TOPOLOGY_FIELDS_BY_MODE[mode];
  for (const key of Object.keys(topology) as Array<keyof typeof topology>) {
    if (topology[key] !== undefined && !allowed.includes(key)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...path, key],
        message: `is not used in ${mode} mode; ${
          allowed.length
            ? `${mode} takes ${allowed.join(' and ')}`
            : `${mode} has no topology options`
        }`,
      });
    }
  }
  if (mode === 'sentinel') {
    if (topology.replicas !== undefined && topology.replicas < 2) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...path, 'replicas'],
        message:
          'sentinel mode needs at least 2 data pods (a primary and a replica)',
      });
    }
    if (topology.sentinels !== undefined && topology.sentinels % 2 === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...path, 'sentinels'],
        message: 'must be odd (3, 5 or 7) so a majority can always be formed',
      });
    }
  }
}

function checkMetrics(
  metrics: z.infer<typeof MetricsSpec> | undefined,
  path: (string | number)[],
  ctx: z.RefinementCtx,
) {
  if (!metrics || metrics.enabled !== false) return;
  for (const key of ['serviceMonitor', 'alerts'] as const) {
    if (metrics[key]) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...path, key],
        message: 'requires metrics.enabled: true',
      });
    }
  }
}

/**
 * The instance spec schema. Cross-field rules (topology options per mode,
 * unique environment and user names, ACL users need auth) are refinements;
 * the form enforces the same through its own structure.
 */
export const ValkeyInstanceSpec = valkeyInstanceSpecObject.superRefine(
  (spec, ctx) => {
    checkTopology(spec.mode, spec.topology, ['topology'], ctx);
    checkMetrics(spec.metrics, ['metrics'], ctx);
    checkUniqueNames(spec.environments, ['environments'], 'environment', ctx);
    spec.environments.forEach((env, i) => {
      checkTopology(
        spec.mode,
        env.overrides?.topology,
        ['environments', i, 'overrides', 'topology'],
        ctx,
      );
      checkMetrics(
        env.overrides?.metrics,
        ['environments', i, 'overrides', 'metrics'],
        ctx,
      );
    });
    const users = spec.auth?.aclUsers ?? [];
    if (users.length > 0 && spec.auth?.enabled === false) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['auth', 'aclUsers'],
        message: 'ACL users require auth.enabled: true',
      });
    }
    checkUniqueNames(users, ['auth', 'aclUsers'], 'ACL user', ctx);
    users.forEach((user, i) => {
      if (user.name === 'default' || user.name === 'valkey-monitor') {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['auth', 'aclUsers', i, 'name'],
          message: `"${user.name}" is managed by the chart; choose another name`,
        });
      }
      const earlier = users.slice(0, i);
      const sameConsumer = earlier.find(
        other => user.consumer && other.consumer === user.consumer,
      );
      if (sameConsumer) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['auth', 'aclUsers', i, 'consumer'],
          message: `${user.consumer} already has access as user "${sameConsumer.name}"`,
        });
      }
      const overlapping = earlier.find(
        other =>
          user.keyPrefix !== undefined &&
          other.keyPrefix !== undefined &&
          keyPrefixesOverlap(user.keyPrefix, other.keyPrefix),
      );
      if (overlapping) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['auth', 'aclUsers', i, 'keyPrefix'],
          message: `key prefix "${user.keyPrefix}" overlaps "${overlapping.keyPrefix}" of user "${overlapping.name}"; choose a prefix neither one starts with`,
        });
      }
    });
  },
);

// The schema and its type share the name on purpose: one name for the contract.
// eslint-disable-next-line @typescript-eslint/no-redeclare
export type ValkeyInstanceSpec = z.infer<typeof ValkeyInstanceSpec>;
export type ValkeyEnvironmentSpec = z.infer<typeof EnvironmentSpec>;
export type ValkeyEnvironmentOverrides = z.infer<
  typeof EnvironmentOverridesSpec
>;
export type ValkeyTopologySpec = z.infer<typeof TopologySpec>;
export type ValkeyInstanceMode = SpecShape['mode'];
