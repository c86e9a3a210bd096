import { makeStyles, Table, TableProps } from '@material-ui/core';

// Cells keep their words whole; a card narrower than the table scrolls it
// sideways instead of breaking "healthy" into "healt hy".
const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
});

/** A small table for the cards' node and figure rows. */
export function CompactTable(props: TableProps) {
  const classes = useStyles();
  return (
    <div className={classes.scroll}>
      <Table size="small" className={classes.table} {...props} />
    </div>
  );
}
