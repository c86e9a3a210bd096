/**
 * What the "New Valkey instance" form's live checks ask the backend and what
 * it answers (`/api/scaffolder/valkey/...`, served by the scaffolder module
 * with the same renderer and policy as the render action).
 */

/** A configured environment and its policy in plain words. */
export interface ValkeyEnvironmentChoice {
  name: string;
  /** e.g. "needs high availability (Sentinel or cluster), TLS and scheduled backups". */
  policy: string;
}

/** The effective settings of one environment after defaults, overrides and policy. */
export interface ValkeyEnvironmentSummary {
  name: string;
  server: string;
  namespace: string;
  mode: string;
  topology: string;
  size: string;
  resources: string;
  persistence: string;
  tls: boolean;
  backups: string;
  metrics: boolean;
  auth: boolean;
}

export interface ValkeyNameCheck {
  name: string;
  /** False when the name breaks the naming rule or is taken. */
  ok: boolean;
  message: string;
}

/** One thing the user still has to change, in the form's words. */
export interface ValkeyFormProblem {
  /** The environment it concerns, when it is one environment's rule. */
  environment?: string;
  /** The spec field, as the render action names it, e.g. `environments[1].overrides.tls.enabled`. */
  field: string;
  /** The form field (its title) to change. */
  label: string;
  message: string;
}

/**
 * What a change of an existing instance does, against its stored folder,
 * before anything is written: file paths relative to the instance's folder.
 */
export interface ValkeyChangePreview {
  added: string[];
  changed: string[];
  deleted: string[];
  /** One line, e.g. "1 changed (values.yaml); 3 deleted (values-staging.yaml, ...)". */
  summary: string;
  /** What the change can lose, in plain words (e.g. "staging is removed"); it needs a confirmation. */
  destructive: string[];
}

export interface ValkeyFormCheck {
  ok: boolean;
  problems: ValkeyFormProblem[];
  /** Effective settings per environment; empty while problems remain. */
  environments: ValkeyEnvironmentSummary[];
  /** For a change (intent "change") whose form is valid: what it does to the stored folder. */
  change?: ValkeyChangePreview;
}

/** Whether the form creates a new instance or changes an existing one (whose name is then its own). */
export type ValkeyFormIntent = 'create' | 'change';
