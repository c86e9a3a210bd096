import { ValkeyCard, ValkeyCardProps } from '../shared/ValkeyCard';
import { BackupView } from '../backup/BackupView';

/** Backup freshness, history and each node's RDB/AOF state. */
export const ValkeyBackupCard = (props: ValkeyCardProps) => (
  <ValkeyCard
    title="Valkey backups"
    refreshIntervalMs={props.refreshIntervalMs}
  >
    {status => <BackupView status={status} />}
  </ValkeyCard>
);
