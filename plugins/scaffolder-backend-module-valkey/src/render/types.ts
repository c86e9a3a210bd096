import type {
  ValkeyEnvironmentSummary,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { EnvironmentPolicy, GitopsConfig } from '../config/gitopsConfig';

/** A plain JSON-like object of Helm values. */
export type Values = { [key: string]: unknown };

/** What the renderer needs to know about the valkey chart (read at the edge). */
export interface ChartInput {
  /** Chart version from Chart.yaml (vendored) or config (repository). */
  version: string;
  /** The chart's values.yaml, parsed. */
  defaults: Values;
  /** The chart's values.schema.json, parsed. */
  schema: Record<string, unknown>;
  /** Chart files by relative path, for the vendored copy; only needed when the source is vendored. */
  files?: Record<string, string>;
}

export interface RenderInput {
  spec: ValkeyInstanceSpec;
  config: GitopsConfig;
  chart: ChartInput;
  /**
   * Set for the "new repository" variant: the folder is the repository root
   * and Argo CD reads this repository instead of `config.repoUrl`.
   */
  repository?: { url: string };
}

export interface RenderedFile {
  /** Path relative to the rendered folder, with forward slashes. */
  path: string;
  content: string;
}

/** Effective settings of one environment (shared with the form's live check). */
export type EnvironmentSummary = ValkeyEnvironmentSummary;

export interface RenderResult {
  /** Folder in the GitOps repository, e.g. `valkey/orders-cache` (`.` for a new repository). */
  targetPath: string;
  /** `resource:default/<name>`. */
  entityRef: string;
  /** Files sorted by path. */
  files: RenderedFile[];
  /**
   * Paths (relative to targetPath) a previous render of this instance may
   * have written and this one does not: a removed environment's files.
   */
  staleFiles: string[];
  pullRequestBody: string;
  environments: EnvironmentSummary[];
}

/** One reason a render was refused, tied to a field and (when it applies) an environment. */
export interface RenderIssue {
  field: string;
  /** The environment policy rule (or environment fact) that refused it, when one did. */
  rule?: keyof EnvironmentPolicy | 'tlsIssuer';
  environment?: string;
  message: string;
}
