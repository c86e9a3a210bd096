import {
  FleetRow,
  Health,
  compareVersions,
} from '@valkey-backstage/plugin-valkey-common';

/** The fleet table's columns, in the order they are shown. */
export const FLEET_COLUMNS = [
  'instance',
  'environment',
  'health',
  'mode',
  'version',
  'memory',
  'lastBackup',
] as const;
export type FleetColumn = (typeof FLEET_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

/** Worst first: what needs attention sorts to the top. */
const HEALTH_RANK: Record<Health, number> = {
  down: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

/** The value a column sorts by; undefined sorts last in both directions. */
function keyOf(
  row: FleetRow,
  column: FleetColumn,
): string | number | undefined {
  switch (column) {
    case 'instance':
      return row.title.toLocaleLowerCase();
    case 'environment':
      return row.environment;
    case 'health':
      return HEALTH_RANK[row.health];
    case 'mode':
      return row.mode;
    case 'version':
      return row.version;
    case 'memory':
      return row.usedMemoryBytes;
    case 'lastBackup':
      return row.lastBackupAgeSeconds;
    default:
      return undefined;
  }
}

function compareKeys(
  a: string | number,
  b: string | number,
  column: FleetColumn,
): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (column === 'version') return compareVersions(String(a), String(b));
  return String(a).localeCompare(String(b));
}

/**
 * The rows sorted by one column. Rows without a value in that column come
 * last whichever the direction; ties keep instance, then environment order.
 */
export function sortRows(
  rows: FleetRow[],
  column: FleetColumn,
  direction: SortDirection,
): FleetRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const tieBreak = (a: FleetRow, b: FleetRow) =>
    a.title.localeCompare(b.title) ||
    a.entityRef.localeCompare(b.entityRef) ||
    (a.environment ?? '').localeCompare(b.environment ?? '');
  return [...rows].sort((a, b) => {
    const ka = keyOf(a, column);
    const kb = keyOf(b, column);
    if (ka === undefined && kb === undefined) return tieBreak(a, b);
    if (ka === undefined) return 1;
    if (kb === undefined) return -1;
    return sign * compareKeys(ka, kb, column) || tieBreak(a, b);
  });
}
