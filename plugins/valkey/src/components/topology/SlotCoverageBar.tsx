import { Box, Typography, makeStyles } from '@material-ui/core';
import {
  CLUSTER_SLOTS,
  SlotCoverageRange,
  slotCount,
} from '@valkey-backstage/plugin-valkey-common';
import { formatSlotRange } from '../shared/format';
import { shardColour, shardLabel } from './shardPalette';

const stateLabels: Record<SlotCoverageRange['state'], string> = {
  ok: 'ok',
  pfail: 'PFAIL (suspected down)',
  fail: 'FAIL',
  unassigned: 'unassigned',
  migrating: 'migrating',
};

const useStyles = makeStyles(theme => ({
  bar: {
    position: 'relative',
    height: 28,
    borderRadius: 4,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.default,
  },
  segment: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    minWidth: 3,
  },
  axis: { display: 'flex', justifyContent: 'space-between' },
  list: { margin: 0, paddingLeft: theme.spacing(2), columns: 2 },
}));

/** Patterns tell states apart without relying on colour alone. */
function segmentBackground(range: SlotCoverageRange, colour: string): string {
  switch (range.state) {
    case 'unassigned':
      return 'repeating-linear-gradient(90deg, #9e9e9e 0 2px, #e0e0e0 2px 6px)';
    case 'pfail':
      return `repeating-linear-gradient(45deg, ${colour} 0 6px, #ffb300 6px 10px)`;
    case 'fail':
      return `repeating-linear-gradient(45deg, #c62828 0 4px, #ffffff 4px 6px, #c62828 6px 10px), ${colour}`;
    case 'migrating':
      return `repeating-linear-gradient(0deg, ${colour} 0 4px, #000000 4px 6px)`;
    default:
      return colour;
  }
}

/**
 * The slot coverage over 0..16383: one segment per range, coloured by shard and
 * patterned by state, followed by the same ranges written out.
 */
export const SlotCoverageBar = (props: {
  coverage: SlotCoverageRange[];
  shardIds: string[];
}) => {
  const classes = useStyles();
  const indexOf = (id?: string) => (id ? props.shardIds.indexOf(id) : -1);
  const describe = (r: SlotCoverageRange) => {
    const index = indexOf(r.shardId);
    let owner = 'no shard';
    if (index >= 0) owner = shardLabel(index);
    else if (r.shardId) owner = `shard ${r.shardId}`;
    return `slots ${formatSlotRange(r)}: ${owner}, ${stateLabels[r.state]}`;
  };
  const notOk = props.coverage.filter(r => r.state !== 'ok');
  const summary = notOk.length
    ? `${slotCount(notOk)} of ${CLUSTER_SLOTS} slots not ok`
    : `all ${CLUSTER_SLOTS} slots ok`;
  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={`Slot coverage: ${summary}. ${props.coverage
          .map(describe)
          .join('; ')}`}
      >
        {props.coverage.map(r => {
          const index = indexOf(r.shardId);
          const colour = index >= 0 ? shardColour(index) : '#757575';
          return (
            <div
              key={`${r.start}-${r.end}`}
              className={classes.segment}
              title={describe(r)}
              data-state={r.state}
              style={{
                left: `${(r.start / CLUSTER_SLOTS) * 100}%`,
                width: `${((r.end - r.start + 1) / CLUSTER_SLOTS) * 100}%`,
                background: segmentBackground(r, colour),
              }}
            />
          );
        })}
      </div>
      <div className={classes.axis}>
        <Typography variant="caption">0</Typography>
        <Typography variant="caption">{summary}</Typography>
        <Typography variant="caption">{CLUSTER_SLOTS - 1}</Typography>
      </div>
      <ul className={classes.list} aria-label="Slot ranges">
        {props.coverage.map(r => (
          <li key={`${r.start}-${r.end}`} data-testid="slot-range">
            <Typography variant="body2" component="span">
              <Box
                component="span"
                display="inline-block"
                width={10}
                height={10}
                mr={1}
                style={{
                  background: segmentBackground(
                    r,
                    indexOf(r.shardId) >= 0
                      ? shardColour(indexOf(r.shardId))
                      : '#757575',
                  ),
                }}
              />
              {describe(r)}
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
};
