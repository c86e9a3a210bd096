/**
 * Orders Valkey version strings numerically: 7.2.4 < 8.0.1 < 8.0.10. Several
 * versions joined by commas (a fleet row with mixed nodes) compare part by
 * part; anything that is not numeric sorts as text.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[.,\s]+/)
      .filter(Boolean)
      .map(Number);
  const pa = parts(a);
  const pb = parts(b);
  if (pa.some(Number.isNaN) || pb.some(Number.isNaN)) {
    return a.localeCompare(b);
  }
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
