import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import {
  clusterDegraded,
  clusterHealthy,
  replication,
  sentinelFailover,
  sentinelHealthy,
  standalone,
  unreachable,
} from '../../__fixtures__/statuses';
import {
  RecordedValkeyApi,
  renderWithStatus,
  valkeyEntity,
} from '../../__testUtils__/renderWithStatus';
import { ValkeyTopologyCard } from './ValkeyTopologyCard';

function setPageHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

// The machine is shared and slow at times: generous waits, no timing assertions.
jest.setTimeout(30_000);
const slow = { timeout: 10_000 };

describe('ValkeyTopologyCard', () => {
  afterEach(() => setPageHidden(false));

  it('names the missing annotation for an entity without it', async () => {
    const entity = valkeyEntity();
    delete entity.metadata.annotations![VALKEY_INSTANCE_ANNOTATION];
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <ValkeyTopologyCard />
      </EntityProvider>,
    );
    expect(
      screen.getAllByText(new RegExp(VALKEY_INSTANCE_ANNOTATION)).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while the first status loads', async () => {
    const api = new RecordedValkeyApi({ local: new Promise<never>(() => {}) });
    await renderWithStatus(<ValkeyTopologyCard />, api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the status cannot be loaded', async () => {
    const api = new RecordedValkeyApi({
      local: new Error('valkey.status.read denied'),
    });
    await renderWithStatus(<ValkeyTopologyCard />, api);
    expect(
      await screen.findByText(
        /Could not load the live status: valkey.status.read denied/,
      ),
    ).toBeInTheDocument();
  });

  it('says so when the entity is deployed nowhere', async () => {
    const api = new RecordedValkeyApi({}, []);
    await renderWithStatus(<ValkeyTopologyCard />, api);
    expect(
      await screen.findByText('Not deployed to any environment'),
    ).toBeInTheDocument();
  });

  it('says in one grey line that an environment has no status settings, and does not poll it', async () => {
    const api = new RecordedValkeyApi(
      {
        dev: {
          entityRef: 'resource:default/demo-cluster',
          environment: 'dev',
          unavailable: 'not-configured',
          message: 'status not configured for dev',
        },
      },
      [{ name: 'dev', configured: false }],
    );
    await renderWithStatus(
      <ValkeyTopologyCard refreshIntervalMs={50} />,
      api,
      valkeyEntity('demo-cluster', 'dev'),
    );
    const line = await screen.findByTestId('valkey-status-unavailable');
    expect(line).toHaveTextContent(/^status not configured for dev$/);
    expect(screen.queryByText(/Could not load/)).toBeNull();
    expect(screen.queryByText(/HTTP|Error|valkey\.status/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
    await new Promise(r => setTimeout(r, 400));
    expect(api.statusCalls).toEqual(['dev']);
  });

  it('says in one grey line that a new instance is not deployed yet, does not poll, and checks again on request', async () => {
    const api = new RecordedValkeyApi(
      {
        dev: {
          entityRef: 'resource:default/fresh-cache',
          environment: 'dev',
          unavailable: 'not-deployed',
          message:
            'not deployed yet in dev: it shows here once the change is merged and Argo CD has synced it',
        },
      },
      [{ name: 'dev', configured: true }],
    );
    await renderWithStatus(
      <ValkeyTopologyCard refreshIntervalMs={50} />,
      api,
      valkeyEntity('fresh-cache', 'dev'),
    );
    const line = await screen.findByTestId('valkey-status-unavailable');
    expect(line).toHaveTextContent(/^not deployed yet in dev: /);
    expect(screen.queryByText(/Could not load|HTTP|Error/)).toBeNull();
    await new Promise(r => setTimeout(r, 400));
    expect(api.statusCalls).toEqual(['dev']);
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(api.statusCalls).toEqual(['dev', 'dev']));
  });

  it('says the instance is unreachable', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ local: unreachable }),
    );
    expect(
      await screen.findByText(/connect ECONNREFUSED 127.0.0.1:7100/),
    ).toBeInTheDocument();
    expect(screen.getByText('Unreachable:')).toBeInTheDocument();
    expect(
      screen.getByText('No topology could be read for this instance.'),
    ).toBeInTheDocument();
  });

  it('shows a healthy cluster: slot ranges by shard and one box per shard', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ local: clusterHealthy }),
    );
    expect(
      await screen.findByText(/healthy: 3 shards, 16384\/16384 slots ok/),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster state ok')).toBeInTheDocument();
    expect(
      screen.getAllByTestId('slot-range').map(li => li.textContent),
    ).toEqual([
      'slots 0-5460: Shard 1, ok',
      'slots 5461-10922: Shard 2, ok',
      'slots 10923-16383: Shard 3, ok',
    ]);
    expect(
      screen.getByRole('img', { name: /Slot coverage: all 16384 slots ok/ }),
    ).toBeInTheDocument();
    const shards = screen.getAllByTestId('shard');
    expect(shards).toHaveLength(3);
    expect(within(shards[0]).getByTestId('shard-slots')).toHaveTextContent(
      'slots 0-5460 (5461)',
    );
    const replica = within(shards[0]).getByTestId('node-127.0.0.1:7103');
    expect(replica).toHaveTextContent('replica');
    expect(replica).toHaveTextContent('link up');
    expect(replica).toHaveTextContent('0 B');
    expect(replica).toHaveTextContent('1 s ago');
    expect(replica).toHaveTextContent('zone-2');
    expect(
      within(shards[0]).getByTestId('node-127.0.0.1:7100'),
    ).toHaveTextContent('primary');
  });

  it('shows PFAIL, FAIL, migrating and unassigned slots and keeps the rest beside a permission problem', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ local: clusterDegraded }),
    );
    expect(await screen.findByText('cluster state fail')).toBeInTheDocument();
    const ranges = screen
      .getAllByTestId('slot-range')
      .map(li => li.textContent);
    expect(ranges).toEqual([
      'slots 0-5460: Shard 1, PFAIL (suspected down)',
      'slots 5461-10821: Shard 2, ok',
      'slots 10822: Shard 2, migrating',
      'slots 10823-10922: no shard, unassigned',
      'slots 10923-10945: Shard 3, FAIL',
      'slots 10946-16383: Shard 3, ok',
    ]);
    expect(
      screen.getByRole('img', { name: /5585 of 16384 slots not ok/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('No permission:')).toBeInTheDocument();
    expect(
      screen.getByText(/no permission for CLUSTER SHARDS on 127.0.0.1:7102/),
    ).toBeInTheDocument();
    // The persistence problem belongs to the backup card, not here.
    expect(
      screen.queryByText(/INFO persistence timed out/),
    ).not.toBeInTheDocument();
    const shards = screen.getAllByTestId('shard');
    expect(shards).toHaveLength(3);
    expect(
      within(shards[1]).getByText(/Slot 10822 migrating to node/),
    ).toBeInTheDocument();
    const suspected = within(shards[0]).getByTestId('node-127.0.0.1:7100');
    expect(suspected).toHaveTextContent('degraded');
    expect(suspected).toHaveTextContent('fail?');
    const downLink = within(shards[0]).getByTestId('node-127.0.0.1:7103');
    expect(downLink).toHaveTextContent('link down for 12 s');
    expect(downLink).toHaveTextContent('512 KiB');
    expect(downLink).toHaveTextContent('14 s ago');
    expect(
      within(shards[2]).getByTestId('node-127.0.0.1:7102'),
    ).toHaveTextContent('down');
  });

  it('shows the Sentinel view with its quorum badge and CKQUORUM text', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ local: sentinelHealthy }),
      valkeyEntity('demo-sentinel'),
    );
    const badge = await screen.findByTestId('quorum-badge');
    expect(badge).toHaveTextContent('Quorum OK (quorum 2, 3 usable)');
    expect(badge).toHaveTextContent(
      'CKQUORUM: OK 3 usable Sentinels. Quorum and failover authorization can be reached',
    );
    expect(screen.getByText('mymaster')).toBeInTheDocument();
    const dataNodes = screen.getByRole('table', { name: 'Data nodes' });
    expect(within(dataNodes).getAllByRole('row')).toHaveLength(4);
    expect(
      within(dataNodes).getByTestId('node-127.0.0.1:7202'),
    ).toHaveTextContent('110 B');
    const sentinels = screen.getByRole('table', { name: 'Sentinels' });
    expect(within(sentinels).getAllByText('Sentinel')).toHaveLength(3);
    expect(screen.queryByText(/Failover in progress/)).not.toBeInTheDocument();
    expect(screen.queryByText(/TILT/)).not.toBeInTheDocument();
  });

  it('shows a failover in progress, tilt, no quorum and stale entries', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ local: sentinelFailover }),
      valkeyEntity('demo-sentinel'),
    );
    expect(
      await screen.findByText('Failover in progress (wait_promotion)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Sentinel in TILT mode')).toBeInTheDocument();
    expect(screen.getByTestId('quorum-badge')).toHaveTextContent(
      'No quorum (quorum 2, 1 usable)',
    );
    expect(screen.getByTestId('quorum-badge')).toHaveTextContent(
      'CKQUORUM: NOQUORUM 1 usable Sentinels',
    );
    expect(
      screen.getByText('3 stale entries still remembered by the Sentinels'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('node-127.0.0.1:7200')).toHaveTextContent(
      'down, stale entry',
    );
    expect(screen.getByTestId('node-127.0.0.1:7200')).toHaveTextContent(
      'link down for 30 s',
    );
  });

  it('shows a standalone server', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ dev: standalone }),
    );
    expect(await screen.findByText('Standalone server')).toBeInTheDocument();
    expect(screen.getByTestId('node-10.0.0.4:6379')).toHaveTextContent(
      'primary',
    );
  });

  it('shows a primary with replicas, one of them syncing', async () => {
    await renderWithStatus(
      <ValkeyTopologyCard />,
      new RecordedValkeyApi({ prod: replication }),
    );
    expect(
      await screen.findByText('Primary with 2 replicas'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('node-10.0.1.6:6379')).toHaveTextContent(
      'link down for 8 s, syncing',
    );
  });

  it('switches between environments', async () => {
    const api = new RecordedValkeyApi({ dev: standalone, prod: replication });
    await renderWithStatus(
      <ValkeyTopologyCard />,
      api,
      valkeyEntity('sessions', 'dev,prod'),
    );
    expect(await screen.findByText('Standalone server')).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Environment' });
    fireEvent.click(within(group).getByRole('button', { name: 'prod' }));
    expect(
      await screen.findByText('Primary with 2 replicas'),
    ).toBeInTheDocument();
    expect(api.statusCalls).toContain('prod');
  });

  it('marks environments the backend has no configuration for', async () => {
    const api = new RecordedValkeyApi({ dev: standalone }, [
      { name: 'dev', configured: true },
      { name: 'prod', configured: false },
    ]);
    await renderWithStatus(
      <ValkeyTopologyCard />,
      api,
      valkeyEntity('sessions', 'dev,prod'),
    );
    expect(
      await screen.findByRole('button', { name: 'prod (not configured)' }),
    ).toBeDisabled();
  });

  it('refreshes on an interval, pauses while the tab is hidden and shows when the data was probed', async () => {
    const api = new RecordedValkeyApi({
      local: { ...clusterHealthy, probedAt: new Date().toISOString() },
    });
    await renderWithStatus(<ValkeyTopologyCard refreshIntervalMs={100} />, api);
    expect(
      await screen.findByText(/^Probed .* ago\), refreshes every 0 s/),
    ).toBeInTheDocument();
    await waitFor(
      () => expect(api.statusCalls.length).toBeGreaterThanOrEqual(3),
      slow,
    );

    setPageHidden(true);
    expect(
      await screen.findByText(
        /refresh paused while this tab is hidden/,
        {},
        slow,
      ),
    ).toBeInTheDocument();
    const whileHidden = api.statusCalls.length;
    await new Promise(r => setTimeout(r, 500));
    expect(api.statusCalls.length).toBe(whileHidden);

    setPageHidden(false);
    await waitFor(
      () => expect(api.statusCalls.length).toBeGreaterThan(whileHidden),
      slow,
    );
  });

  it('marks data probed more than two refresh intervals ago as out of date, even when it just arrived', async () => {
    // The backend keeps serving a document probed 5 min ago (refresh 10 s).
    const probedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const api = new RecordedValkeyApi({
      local: { ...clusterHealthy, probedAt, refreshIntervalSeconds: 10 },
    });
    await renderWithStatus(<ValkeyTopologyCard />, api);
    const line = await screen.findByTestId('last-updated');
    expect(line).toHaveTextContent(
      `Out of date: probed ${new Date(
        probedAt,
      ).toLocaleTimeString()} (5 min ago)`,
    );
  });

  it('keeps the last status when a refresh fails and says so', async () => {
    const api = new RecordedValkeyApi({ local: clusterHealthy });
    await renderWithStatus(<ValkeyTopologyCard refreshIntervalMs={100} />, api);
    expect(await screen.findByText('cluster state ok')).toBeInTheDocument();
    api.set('local', new Error('backend restarting'));
    expect(
      await screen.findByText(
        /The last refresh failed \(backend restarting\)/,
        {},
        slow,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster state ok')).toBeInTheDocument();
    expect(screen.getAllByTestId('shard')).toHaveLength(3);
  });
});
