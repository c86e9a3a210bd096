import { z } from 'zod';

/**
 * Adds an issue at `<listPath>[i].name` for every item whose name an earlier
 * item already has, e.g. `environment "prod" is listed twice`.
 */
export function checkUniqueNames(
  items: ReadonlyArray<{ name: string }>,
  listPath: Array<string | number>,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...listPath, i, 'name'],
        message: `${what} "${item.name}" is listed twice`,
      });
    }
    seen.add(item.name);
  });
}
