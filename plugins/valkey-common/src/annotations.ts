/**
 * Annotation names on a Valkey instance entity (kind Resource, spec.type valkey).
 * These names are the contract between the GitOps renderer that writes the entity
 * and the status backend and frontend that read it. Defined here and nowhere else.
 */

/** The Helm release name of the instance (a DNS label). */
export const VALKEY_INSTANCE_ANNOTATION = 'valkey.backstage.io/instance';

/** Comma-separated environment names the instance is deployed to, e.g. `dev,prod`. */
export const VALKEY_ENVIRONMENTS_ANNOTATION =
  'valkey.backstage.io/environments';

/** Deployment mode: standalone | replication | sentinel | cluster. */
export const VALKEY_MODE_ANNOTATION = 'valkey.backstage.io/mode';

/**
 * How applications connect, per environment: a JSON array of
 * `EnvironmentConnection` (see `connection/`), written by the renderer from the
 * values it rendered. Names Services and Secrets, never a password.
 */
export const VALKEY_CONNECTION_ANNOTATION = 'valkey.backstage.io/connection';

/** Standard annotation so the Kubernetes plugin finds the instance's objects too. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** Argo CD plugin annotation selecting the instance's Applications. */
export const ARGOCD_APP_SELECTOR_ANNOTATION = 'argocd/app-selector';

/** The entity kind and spec.type of a Valkey instance entity. */
export const VALKEY_ENTITY_KIND = 'Resource';
export const VALKEY_ENTITY_TYPE = 'valkey';
