import { Typography } from '@material-ui/core';

/** When the shown data arrived, and whether refreshing is paused. */
export const LastUpdated = (props: {
  updatedAt?: Date;
  polling: boolean;
  intervalMs: number;
  loading: boolean;
}) => (
  <Typography
    variant="caption"
    color="textSecondary"
    data-testid="last-updated"
  >
    {props.updatedAt
      ? `Updated ${props.updatedAt.toLocaleTimeString()}`
      : 'Not updated yet'}
    {props.polling
      ? `, refreshes every ${Math.round(props.intervalMs / 1000)} s`
      : ', refresh paused while this tab is hidden'}
    {props.loading && props.updatedAt ? ' (refreshing)' : ''}
  </Typography>
);
