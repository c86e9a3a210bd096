import { z } from 'zod';
import { ValkeyInstanceSpec } from './instanceSpec';

/** One problem with an input, tied to the field it concerns. */
export interface SpecIssue {
  /** Dotted path with indexes, e.g. `environments[1].overrides.topology.shards`. */
  field: string;
  message: string;
}

export type SpecParseResult =
  | { success: true; spec: ValkeyInstanceSpec }
  | { success: false; issues: SpecIssue[] };

/** Keys that look like they hold a credential. Refused anywhere in the spec. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|token|credential|private.?key/i;

export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, '');
}

function findSecretKeys(
  value: unknown,
  path: (string | number)[],
  out: SpecIssue[],
  depth = 0,
) {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value
      .slice(0, 100)
      .forEach((item, i) => findSecretKeys(item, [...path, i], out, depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value).slice(0, 100)) {
    if (SECRET_KEY.test(key)) {
      out.push({
        field: formatFieldPath([...path, key]),
        message:
          'passwords and other secrets are never part of the instance spec; remove this field. The secrets provider configured in valkey.gitops.secrets manages every password.',
      });
    } else {
      findSecretKeys(child, [...path, key], out, depth + 1);
    }
  }
}

function toIssues(error: z.ZodError): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) {
        issues.push({
          field: formatFieldPath([...issue.path, key]),
          message: 'is not a known field of the instance spec; remove it',
        });
      }
    } else if (issue.code === z.ZodIssueCode.invalid_union) {
      issues.push({
        field: formatFieldPath(issue.path),
        message: issue.message,
      });
    } else {
      issues.push({
        field: formatFieldPath(issue.path) || '(spec)',
        message: issue.message,
      });
    }
  }
  return issues;
}

/** Validates untrusted input (form values, a YAML file) into an instance spec. */
export function parseValkeyInstanceSpec(input: unknown): SpecParseResult {
  const secretIssues: SpecIssue[] = [];
  findSecretKeys(input, [], secretIssues);
  const parsed = ValkeyInstanceSpec.safeParse(input);
  if (parsed.success && secretIssues.length === 0) {
    return { success: true, spec: parsed.data };
  }
  const issues = [...secretIssues];
  if (!parsed.success) {
    const secretFields = new Set(secretIssues.map(i => i.field));
    issues.push(
      ...toIssues(parsed.error).filter(i => !secretFields.has(i.field)),
    );
  }
  return { success: false, issues };
}

/** Human text for a list of issues, one per line. */
export function describeSpecIssues(issues: SpecIssue[]): string {
  return issues.map(i => `${i.field}: ${i.message}`).join('\n');
}
