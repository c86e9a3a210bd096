import {
  Health,
  TimelineEventKind,
} from '@valkey-backstage/plugin-valkey-common';

/** What each kind of change is called on the page, and how it looks. */
export const EVENT_WORDING: Record<
  TimelineEventKind,
  { label: string; health: Health }
> = {
  failover: { label: 'Failover', health: 'degraded' },
  'node-failed': { label: 'Node failed', health: 'down' },
  'node-recovered': { label: 'Node recovered', health: 'healthy' },
  'role-changed': { label: 'Role changed', health: 'unknown' },
  'quorum-lost': { label: 'Quorum lost', health: 'down' },
  'quorum-regained': { label: 'Quorum regained', health: 'healthy' },
  'slots-moved': { label: 'Slots moved', health: 'unknown' },
  'backup-failed': { label: 'Backup failed', health: 'down' },
  'instance-unreachable': { label: 'Unreachable', health: 'down' },
  'instance-reachable': { label: 'Reachable again', health: 'healthy' },
};
