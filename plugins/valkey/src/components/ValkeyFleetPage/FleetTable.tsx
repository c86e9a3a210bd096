import { useState } from 'react';
import {
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { FleetRow, ValkeyMode } from '@valkey-backstage/plugin-valkey-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatBytes, formatDuration } from '../shared/format';
import {
  FLEET_COLUMNS,
  FleetColumn,
  SortDirection,
  sortRows,
} from './sortRows';

const HEADINGS: Record<FleetColumn, string> = {
  instance: 'Instance',
  environment: 'Environment',
  health: 'Health',
  mode: 'Mode',
  version: 'Version',
  memory: 'Memory',
  lastBackup: 'Last backup',
};

/** The direction a column sorts in when first chosen: the one that shows trouble first. */
const FIRST_DIRECTION: Record<FleetColumn, SortDirection> = {
  instance: 'asc',
  environment: 'asc',
  health: 'asc',
  mode: 'asc',
  version: 'asc',
  memory: 'desc',
  lastBackup: 'desc',
};

const MODE_WORDS: Record<ValkeyMode, string> = {
  standalone: 'standalone',
  replication: 'primary and replicas',
  sentinel: 'Sentinel',
  cluster: 'cluster',
};

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'block',
    maxWidth: 360,
    marginTop: theme.spacing(0.5),
  },
  nowrap: { whiteSpace: 'nowrap' },
  error: { color: theme.palette.error.main },
}));

const NotReported = () => (
  <Typography variant="body2" color="textSecondary" component="span">
    not reported
  </Typography>
);

/** The probe's time of day; the date too when it is not today. */
function probedTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString()
    : date.toLocaleString();
}

function LastBackup(props: { row: FleetRow }) {
  const { row } = props;
  if (row.backupConfigured === false) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        no backup job
      </Typography>
    );
  }
  if (row.lastBackupAgeSeconds !== undefined) {
    const text = `${formatDuration(row.lastBackupAgeSeconds)} ago`;
    return row.backupStale ? (
      <HealthStatus health="degraded" label={`${text}, overdue`} />
    ) : (
      <span>{text}</span>
    );
  }
  if (row.backupConfigured) {
    return <HealthStatus health="degraded" label="none succeeded yet" />;
  }
  return <NotReported />;
}

/**
 * One row per instance and environment, sortable by every column; a row
 * without a status says why in place of its figures.
 */
export const FleetTable = (props: {
  rows: FleetRow[];
  initialSort?: { column: FleetColumn; direction: SortDirection };
}) => {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const [sort, setSort] = useState(
    props.initialSort ?? {
      column: 'health' as FleetColumn,
      direction: 'asc' as SortDirection,
    },
  );
  const rows = sortRows(props.rows, sort.column, sort.direction);

  const choose = (column: FleetColumn) =>
    setSort(current =>
      current.column === column
        ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: FIRST_DIRECTION[column] },
    );

  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label="Valkey fleet">
        <TableHead>
          <TableRow>
            {FLEET_COLUMNS.map(column => (
              <TableCell
                key={column}
                sortDirection={sort.column === column ? sort.direction : false}
                className={classes.nowrap}
              >
                <TableSortLabel
                  active={sort.column === column}
                  direction={sort.column === column ? sort.direction : 'asc'}
                  onClick={() => choose(column)}
                >
                  {HEADINGS[column]}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => {
            const key = `${row.entityRef} ${row.environment ?? ''}`;
            return (
              <TableRow
                key={key}
                data-testid={`fleet-row-${row.entityRef}-${
                  row.environment ?? 'none'
                }`}
              >
                <TableCell className={classes.nowrap}>
                  <Link to={entityLink(row.entityRef)}>{row.title}</Link>
                </TableCell>
                <TableCell>
                  {row.environment ?? (
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      component="span"
                    >
                      none
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <span className={classes.nowrap}>
                    <HealthStatus
                      health={row.health}
                      label={row.error ? 'no status' : undefined}
                    />
                  </span>
                  {row.summary && !row.error ? (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.summary}
                    >
                      {row.summary}
                      {row.probedAt
                        ? ` (probed ${probedTime(row.probedAt)})`
                        : ''}
                    </Typography>
                  ) : null}
                </TableCell>
                {row.error ? (
                  <TableCell colSpan={4}>
                    <Typography
                      variant="body2"
                      className={classes.error}
                      data-testid="fleet-row-error"
                    >
                      Status not available: {row.error}
                    </Typography>
                  </TableCell>
                ) : (
                  <>
                    <TableCell>
                      {row.mode ? MODE_WORDS[row.mode] : <NotReported />}
                    </TableCell>
                    <TableCell>{row.version ?? <NotReported />}</TableCell>
                    <TableCell className={classes.nowrap}>
                      {row.usedMemoryBytes !== undefined ? (
                        formatBytes(row.usedMemoryBytes)
                      ) : (
                        <NotReported />
                      )}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      <LastBackup row={row} />
                    </TableCell>
                  </>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
