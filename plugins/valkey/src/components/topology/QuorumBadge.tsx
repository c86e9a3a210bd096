import { Box, Chip, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { SentinelTopology } from '@valkey-backstage/plugin-valkey-common';

/** The CKQUORUM result: a badge that says ok or no quorum, with the reply text. */
export const QuorumBadge = ({
  quorum,
}: {
  quorum: SentinelTopology['quorum'];
}) => {
  const label = quorum.ok ? 'Quorum OK' : 'No quorum';
  const detail = [
    quorum.required !== undefined ? `quorum ${quorum.required}` : undefined,
    quorum.usableSentinels !== undefined
      ? `${quorum.usableSentinels} usable`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      data-testid="quorum-badge"
    >
      <Chip
        icon={quorum.ok ? <CheckCircleIcon /> : <ErrorIcon />}
        label={detail ? `${label} (${detail})` : label}
        color={quorum.ok ? 'primary' : 'secondary'}
        variant={quorum.ok ? 'default' : 'outlined'}
      />
      <Typography variant="body2" component="span">
        CKQUORUM: <code>{quorum.text}</code>
      </Typography>
    </Box>
  );
};
