import { screen, within } from '@testing-library/react';
import { ClusterTopology } from '@valkey-backstage/plugin-valkey-common';
import {
  backupNotConfigured,
  backupStale,
  clusterDegraded,
  clusterHealthy,
  standalone,
} from '../../__fixtures__/statuses';
import {
  RecordedValkeyApi,
  renderWithStatus,
} from '../../__testUtils__/renderWithStatus';
import { ValkeyBackupCard } from './ValkeyBackupCard';

jest.setTimeout(30_000);

describe('ValkeyBackupCard', () => {
  it('shows a fresh backup: last success and age, last run, schedule, next run, retention, history', async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ local: clusterHealthy }),
    );
    expect(await screen.findByText('Last success')).toBeInTheDocument();
    expect(screen.getByText(/\(59 min ago\)/)).toBeInTheDocument();
    expect(screen.queryByText(/Backups are stale/)).not.toBeInTheDocument();
    expect(screen.getByText('0 * * * *')).toBeInTheDocument();
    expect(screen.getByText('7 backups')).toBeInTheDocument();
    expect(
      screen.getByText(new Date('2026-11-20T13:00:00.000Z').toLocaleString()),
    ).toBeInTheDocument();
    const history = screen.getByRole('table', { name: 'Recent backups' });
    expect(within(history).getAllByText('succeeded')).toHaveLength(2);
    expect(
      within(history).getByText('orders-cache-backup-29000'),
    ).toBeInTheDocument();
  });

  it.each([
    [
      { type: 's3', location: 's3://acme-backups/orders' },
      'bucket s3://acme-backups/orders',
    ],
    [
      { type: 'pvc', location: 'pvc/orders-cache-backup' },
      'volume orders-cache-backup in the cluster',
    ],
  ] as const)(
    'says in one line where the sets are stored (%j)',
    async (destination, text) => {
      await renderWithStatus(
        <ValkeyBackupCard />,
        new RecordedValkeyApi({
          local: {
            ...clusterHealthy,
            backup: {
              ...clusterHealthy.backup!,
              destination: { ...destination },
            },
          },
        }),
      );
      expect(await screen.findByText('Stored in')).toBeInTheDocument();
      expect(screen.getByText(text)).toBeInTheDocument();
    },
  );

  it('warns when backups are stale and shows the failed last run with its message', async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({
        local: { ...clusterHealthy, backup: backupStale },
      }),
    );
    expect(
      await screen.findByText(
        'Backups are stale: the last success was 3 d 9 h ago, more than two schedule intervals.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /BackoffLimitExceeded: upload to s3:\/\/backups failed/,
      ).length,
    ).toBeGreaterThan(0);
    const history = screen.getByRole('table', { name: 'Recent backups' });
    expect(within(history).getAllByText('failed')).toHaveLength(2);
  });

  it('says when no backup is configured, and still shows RDB/AOF per node', async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({
        local: { ...clusterHealthy, backup: backupNotConfigured },
      }),
    );
    expect(
      await screen.findByText(/No backup is configured for this instance/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Persistence per node' });
    expect(within(table).getAllByRole('row')).toHaveLength(7);
  });

  it("shows each node's RDB and AOF state", async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ dev: standalone }),
    );
    const row = await screen.findByTestId('persistence-10.0.0.4:6379');
    expect(row).toHaveTextContent('bgsave failed');
    expect(row).toHaveTextContent('write ok');
    expect(row).toHaveTextContent('rewrite ok');
    expect(row).toHaveTextContent('never');
  });

  it('shows the RDB age and that AOF is off', async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ local: clusterHealthy }),
    );
    const row = await screen.findByTestId('persistence-127.0.0.1:7100');
    // probedAt 12:00:00Z, rdb_last_save_time 11:00:00Z.
    expect(row).toHaveTextContent('1 h ago');
    expect(row).toHaveTextContent('bgsave ok');
    expect(row).toHaveTextContent('off');
    expect(row).toHaveTextContent('12');
  });

  it('shows a persistence problem in the persistence section only', async () => {
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ local: clusterDegraded }),
    );
    expect(
      await screen.findByText(
        /INFO persistence timed out on 127.0.0.1:7102 after 2000 ms/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/no permission for CLUSTER SHARDS/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Persistence per node' }),
    ).toBeInTheDocument();
  });

  it('with saving on: the RDB age and a green bgsave, and no memory-only warning', async () => {
    const saving = {
      ...clusterHealthy,
      topology: {
        ...(clusterHealthy.topology as ClusterTopology),
        shards: (clusterHealthy.topology as ClusterTopology).shards.map(s => ({
          ...s,
          nodes: s.nodes.map(n => ({
            ...n,
            persistence: { ...n.persistence, rdbSaves: 4 },
          })),
        })),
      },
    };
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ local: saving }),
    );
    const row = await screen.findByTestId('persistence-127.0.0.1:7100');
    expect(row).toHaveTextContent('1 h ago');
    expect(row).toHaveTextContent('bgsave ok');
    expect(row).not.toHaveTextContent('since start');
    expect(screen.queryByText(/only in memory/)).not.toBeInTheDocument();
  });

  it('with one node never saved and AOF off: names how many, and that one row in words', async () => {
    const topology = clusterHealthy.topology as ClusterTopology;
    const mixed = {
      ...clusterHealthy,
      topology: {
        ...topology,
        shards: topology.shards.map((s, i) => ({
          ...s,
          nodes: s.nodes.map((n, j) => ({
            ...n,
            persistence: {
              ...n.persistence,
              aofEnabled: false,
              rdbSaves: i === 0 && j === 0 ? 0 : 2,
            },
          })),
        })),
      },
    };
    await renderWithStatus(
      <ValkeyBackupCard />,
      new RecordedValkeyApi({ local: mixed }),
    );
    expect(
      await screen.findByText(
        '1 of 6 nodes have not saved to disk since they started and have append-only logging (AOF) off: their data is only in memory.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('persistence-127.0.0.1:7100')).toHaveTextContent(
      'no save since start',
    );
    expect(screen.getByTestId('persistence-127.0.0.1:7101')).toHaveTextContent(
      'ago',
    );
  });
});
