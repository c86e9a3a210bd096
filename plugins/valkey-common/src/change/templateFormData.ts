/**
 * The form values of the "New Valkey instance" template for a stored spec:
 * the inverse of the template's render step input, so "Change this instance"
 * opens the form with every field as it is now. Fields the spec leaves out are
 * left out, and the form shows its defaults for them.
 */
import type { ValkeyInstanceSpec } from '../spec/instanceSpec';

/** Form values of a Software Template, as `?formData=` carries them. */
export type TemplateFormData = Record<string, unknown>;

function defined(values: TemplateFormData): TemplateFormData {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  );
}

export function formDataFromSpec(spec: ValkeyInstanceSpec): TemplateFormData {
  return defined({
    name: spec.name,
    owner: spec.owner,
    system: spec.system,
    description: spec.description,
    mode: spec.mode,
    size: spec.size,
    replicas: spec.topology?.replicas,
    sentinels: spec.topology?.sentinels,
    shards: spec.topology?.shards,
    replicasPerPrimary: spec.topology?.replicasPerPrimary,
    persistenceEnabled: spec.persistence?.enabled,
    persistenceSize: spec.persistence?.size,
    environments: spec.environments,
    authEnabled: spec.auth?.enabled,
    aclUsers: spec.auth?.aclUsers,
    tlsEnabled: spec.tls?.enabled,
    imageVariant: spec.image?.variant,
    backupsEnabled: spec.backups?.enabled,
    backupSchedule: spec.backups?.schedule,
    backupRetention: spec.backups?.retention,
    metricsEnabled: spec.metrics?.enabled,
    serviceMonitor: spec.metrics?.serviceMonitor,
    alerts: spec.metrics?.alerts,
    // The stored folder lives in the portal's local GitOps repository.
    publisher: 'local',
    // Marks the run as a change of this instance (see the template's last page).
    changeOf: spec.name,
  });
}
