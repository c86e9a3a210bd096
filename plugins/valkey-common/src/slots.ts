/** How many slots a list of inclusive `start`-`end` ranges covers. */
export function slotCount(
  ranges: ReadonlyArray<{ start: number; end: number }>,
): number {
  return ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
}
