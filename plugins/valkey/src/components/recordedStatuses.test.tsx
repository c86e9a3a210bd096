/**
 * The cards on status documents the backend recorded from real Valkey
 * processes: what Valkey reported must be what the card shows.
 */
import { screen, within } from '@testing-library/react';
import {
  ClusterTopology,
  SentinelTopology,
} from '@valkey-backstage/plugin-valkey-common';
import { recordedStatus } from '../__fixtures__/recorded';
import {
  RecordedValkeyApi,
  renderWithStatus,
  valkeyEntity,
} from '../__testUtils__/renderWithStatus';
import { ValkeyTopologyCard } from './EntityValkeyTopologyCard/ValkeyTopologyCard';
import { ValkeyBackupCard } from './EntityValkeyBackupCard/ValkeyBackupCard';
import { formatBytes, formatDuration, formatSlotRange } from './shared/format';

jest.setTimeout(30_000);

const render = (
  name: Parameters<typeof recordedStatus>[0],
  card = <ValkeyTopologyCard />,
) => {
  const status = recordedStatus(name);
  return renderWithStatus(
    card,
    new RecordedValkeyApi({ [status.environment]: status }),
    valkeyEntity('orders', status.environment),
  ).then(() => status);
};

describe('cards on recorded status documents', () => {
  it('cluster-healthy: every shard with its slot ranges, primary and replica', async () => {
    const status = await render('cluster-healthy');
    const topology = status.topology as ClusterTopology;
    expect(await screen.findByText('cluster state ok')).toBeInTheDocument();
    const boxes = screen.getAllByTestId('shard');
    expect(boxes).toHaveLength(topology.shards.length);
    for (const shard of topology.shards) {
      const box = boxes.find(b =>
        within(b)
          .getByTestId('shard-slots')
          .textContent!.startsWith(
            `slots ${shard.slots.map(formatSlotRange).join(', ')} `,
          ),
      )!;
      expect(box).toBeDefined();
      for (const node of shard.nodes) {
        expect(
          within(box).getByTestId(`node-${node.address}`),
        ).toHaveTextContent(node.role);
      }
    }
    expect(screen.getAllByTestId('slot-range')).toHaveLength(
      topology.coverage.length,
    );
  });

  it('cluster-pfail: PFAIL ranges and suspected primaries, with the timeouts shown', async () => {
    await render('cluster-pfail');
    expect(await screen.findByText('cluster state fail')).toBeInTheDocument();
    expect(screen.getAllByText(/PFAIL \(suspected down\)/).length).toBe(2);
    expect(
      screen.getAllByText(/AUTH on 127.0.0.1:\d+ timed out after 1500 ms/),
    ).toHaveLength(2);
    expect(
      screen.getAllByText('fail?', { exact: false }).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('cluster-failed-primary: the failed old primary is marked down beside the promoted one', async () => {
    const status = await render('cluster-failed-primary');
    const shard = (status.topology as ClusterTopology).shards.find(s =>
      s.nodes.some(n => n.flags.includes('fail')),
    )!;
    const failedNode = shard.nodes.find(n => n.flags.includes('fail'))!;
    const promoted = shard.nodes.find(
      n => n !== failedNode && n.role === 'primary',
    )!;
    const failed = await screen.findByTestId(`node-${failedNode.address}`);
    expect(failed).toHaveTextContent('down');
    expect(failed).toHaveTextContent(failedNode.flags.join(', '));
    const box = failed.closest('[data-testid="shard"]') as HTMLElement;
    const cells = within(
      within(box).getByTestId(`node-${promoted.address}`),
    ).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('primary');
    expect(cells[2]).toHaveTextContent('healthy');
    expect(
      screen.getByText(
        new RegExp(`connect ECONNREFUSED ${failedNode.address}`),
      ),
    ).toBeInTheDocument();
  });

  it('sentinel: quorum badge with the CKQUORUM text', async () => {
    const status = await render('sentinel');
    const quorum = (status.topology as SentinelTopology).quorum;
    const badge = await screen.findByTestId('quorum-badge');
    expect(badge).toHaveTextContent('Quorum OK');
    expect(badge).toHaveTextContent(`CKQUORUM: ${quorum.text}`);
  });

  it('sentinel-noquorum: no quorum, stale Sentinels, and a stale backup with the failed run', async () => {
    await render('sentinel-noquorum');
    expect(await screen.findByTestId('quorum-badge')).toHaveTextContent(
      'No quorum',
    );
    expect(
      screen.getByText('2 stale entries still remembered by the Sentinels'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/down, stale entry/)).toHaveLength(2);
  });

  it('sentinel-noquorum backup card: stale warning and the failed last run', async () => {
    const status = await render('sentinel-noquorum', <ValkeyBackupCard />);
    expect(
      await screen.findByText(
        `Backups are stale: the last success was ${formatDuration(
          status.backup!.lastSuccessAgeSeconds!,
        )} ago, more than two schedule intervals.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/BackoffLimitExceeded/).length).toBeGreaterThan(
      0,
    );
    expect(
      screen.getByRole('table', { name: 'Persistence per node' }),
    ).toBeInTheDocument();
  });

  it('replication: a primary with its replicas and their lag', async () => {
    const status = await render('replication');
    expect(
      await screen.findByText('Primary with 2 replicas'),
    ).toBeInTheDocument();
    for (const replica of (
      status.topology as { replicas: Array<{ address: string }> }
    ).replicas) {
      expect(screen.getByTestId(`node-${replica.address}`)).toHaveTextContent(
        'link up',
      );
    }
  });

  it('standalone: a single server', async () => {
    await render('standalone');
    expect(await screen.findByText('Standalone server')).toBeInTheDocument();
  });

  it('standalone-auth-failed: says what to check', async () => {
    await render('standalone-auth-failed');
    expect(
      await screen.findByText('Authentication failed:'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/check the monitoring user's name and password/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('cluster-healthy: memory, traffic and clients per node and in total, as INFO reported them', async () => {
    const status = await render('cluster-healthy');
    const topology = status.topology as ClusterTopology;
    await screen.findByText('cluster state ok');
    for (const node of topology.shards.flatMap(s => s.nodes)) {
      const r = node.runtime!;
      const row = screen.getByTestId(`runtime-${node.address}`);
      expect(row).toHaveTextContent(formatBytes(r.usedMemoryBytes!));
      // The recorded servers run without a memory limit.
      expect(r.maxMemoryBytes).toBe(0);
      expect(row).toHaveTextContent('no limit');
      expect(row).toHaveTextContent(`${r.connectedClients} connected`);
      expect(row).toHaveTextContent(node.version!);
      expect(row).toHaveTextContent(formatDuration(node.uptimeSeconds!));
    }
    const total = screen.getByTestId('runtime-total');
    expect(total).toHaveTextContent('All 6 nodes');
    expect(total).toHaveTextContent(
      `${formatBytes(status.runtime!.usedMemoryBytes)}, no limit`,
    );
    expect(total).toHaveTextContent(
      `${status.runtime!.connectedClients} connected`,
    );
    expect(total).toHaveTextContent('no lookups yet');
  });

  it('cluster-healthy: agreement is counted among the primaries, not as 3 of 6 nodes', async () => {
    await render('cluster-healthy');
    expect(
      await screen.findByText(
        'All 3 primaries that answered agree on the slot map (6 of 6 nodes answered)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/agreed by 3 of 6/)).not.toBeInTheDocument();
  });

  it('cluster-pfail: the frozen primaries are shown as not answering, the others from their own answers', async () => {
    const status = await render('cluster-pfail');
    const nodes = (status.topology as ClusterTopology).shards.flatMap(
      s => s.nodes,
    );
    const silent = nodes.filter(n => n.unreachable);
    expect(silent).toHaveLength(2);
    await screen.findAllByTestId('shard');
    for (const node of silent) {
      expect(screen.getByTestId(`node-${node.address}`)).toHaveTextContent(
        'degraded, not answering',
      );
      expect(screen.queryByTestId(`runtime-${node.address}`)).toBeNull();
    }
    for (const node of nodes.filter(n => !n.unreachable)) {
      expect(screen.getByTestId(`node-${node.address}`)).not.toHaveTextContent(
        'not answering',
      );
    }
    expect(
      screen.getByText(
        'Slot map from the only primary that answered (4 of 6 nodes answered)',
      ),
    ).toBeInTheDocument();
  });

  it('standalone backup card: no save since start and AOF off, said in words, never a green ok', async () => {
    const status = await render('standalone', <ValkeyBackupCard />);
    const primary = (status.topology as { primary: { address: string } })
      .primary;
    const row = await screen.findByTestId(`persistence-${primary.address}`);
    expect(row).toHaveTextContent('no save since start');
    expect(row).toHaveTextContent('none since start');
    expect(row).toHaveTextContent('AOF off');
    expect(row).not.toHaveTextContent('bgsave ok');
    expect(row).not.toHaveTextContent(/ago/);
    expect(
      screen.getByText(
        'The node has not saved to disk since it started and append-only logging (AOF) is off: its data is only in memory.',
      ),
    ).toBeInTheDocument();
  });

  it('cluster-healthy backup card: says that none of the 6 nodes has saved', async () => {
    await render('cluster-healthy', <ValkeyBackupCard />);
    expect(
      await screen.findByText(
        'No node has saved to disk since it started and append-only logging (AOF) is off on all 6: the data is only in memory.',
      ),
    ).toBeInTheDocument();
  });
});
