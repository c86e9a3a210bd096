export { ValkeyBackupCard } from './ValkeyBackupCard';
