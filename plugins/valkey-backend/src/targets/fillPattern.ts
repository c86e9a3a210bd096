const PLACEHOLDER = /\{([a-z]+)\}/g;

/**
 * Replaces `{name}` placeholders; every placeholder must be one of `values`
 * (checked at startup by {@link placeholdersIn}).
 */
export function fillPattern(
  pattern: string,
  values: Record<string, string>,
): string {
  return pattern.replace(
    PLACEHOLDER,
    (whole, name: string) => values[name] ?? whole,
  );
}

export function placeholdersIn(pattern: string): string[] {
  return [...pattern.matchAll(PLACEHOLDER)].map(m => m[1]);
}
