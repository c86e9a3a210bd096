import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  FleetResponse,
  FleetRow,
} from '@valkey-backstage/plugin-valkey-common';
import { valkeyApiRef } from '../../api';
import { RecordedValkeyApi } from '../../__testUtils__/renderWithStatus';
import { ValkeyFleetPage } from './ValkeyFleetPage';
import { sortRows } from './sortRows';
import { ValkeyFleetPage as LegacyValkeyFleetPage } from '../../plugin';

jest.setTimeout(30_000);

const rows: FleetRow[] = [
  {
    entityRef: 'resource:default/orders-cache',
    title: 'Orders cache',
    environment: 'prod',
    health: 'healthy',
    summary: '3 shards, 16384/16384 slots ok, 6 nodes healthy',
    mode: 'cluster',
    version: '8.0.2',
    usedMemoryBytes: 3 * 1024 * 1024 * 1024,
    backupConfigured: true,
    lastBackupAgeSeconds: 2 * 3600,
    backupStale: false,
    probedAt: '2025-06-01T09:00:00.000Z',
  },
  {
    entityRef: 'resource:default/orders-cache',
    title: 'Orders cache',
    environment: 'dev',
    health: 'degraded',
    summary: 'primary ok, 1 of 2 replicas down',
    mode: 'sentinel',
    version: '7.2.4, 8.0.2',
    usedMemoryBytes: 200 * 1024 * 1024,
    backupConfigured: true,
    lastBackupAgeSeconds: 3 * 86400,
    backupStale: true,
  },
  {
    entityRef: 'resource:payments/sessions',
    title: 'sessions',
    environment: 'prod',
    health: 'down',
    summary: 'no node answered',
    mode: 'standalone',
    backupConfigured: false,
  },
  {
    entityRef: 'resource:default/search-cache',
    title: 'Search cache',
    environment: 'staging',
    health: 'unknown',
    error:
      "environment staging is not configured in the backend's valkey.status.environments",
  },
];

const fleet: FleetResponse = {
  rows,
  generatedAt: '2026-12-01T09:00:01.000Z',
  refreshIntervalSeconds: 5,
};

async function mount(answer: FleetResponse | Error) {
  const api = new RecordedValkeyApi({});
  api.fleetAnswer = answer;
  await renderInTestApp(
    <TestApiProvider apis={[[valkeyApiRef, api]]}>
      <ValkeyFleetPage refreshIntervalMs={60_000} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function renderPage(answer: FleetResponse = fleet) {
  await mount(answer);
  return screen.findByRole('table', { name: 'Valkey fleet' });
}

/** Instance and environment of each body row, top to bottom. */
function order(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[0].textContent} ${cells[1].textContent}`;
    });
}

describe('ValkeyFleetPage', () => {
  it('shows every instance x environment, worst health first, each linked to its entity page', async () => {
    const table = await renderPage();
    expect(
      screen.getByRole('heading', { name: 'Valkey fleet' }),
    ).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Instance',
      'Environment',
      'Health',
      'Mode',
      'Version',
      'Memory',
      'Last backup',
    ]);
    expect(order(table)).toEqual([
      'sessions prod',
      'Orders cache dev',
      'Search cache staging',
      'Orders cache prod',
    ]);
    const links = within(table).getAllByRole('link');
    expect(links.map(l => [l.textContent, l.getAttribute('href')])).toEqual([
      ['sessions', '/catalog/payments/resource/sessions'],
      ['Orders cache', '/catalog/default/resource/orders-cache'],
      ['Search cache', '/catalog/default/resource/search-cache'],
      ['Orders cache', '/catalog/default/resource/orders-cache'],
    ]);
    expect(screen.getByTestId('fleet-counts')).toHaveTextContent(
      '3 instances, 4 deployments: 1 down, 1 degraded, 1 healthy, 1 without status.',
    );
  });

  it('shows the figures in words and units', async () => {
    const table = await renderPage();
    const prod = within(
      within(table).getByTestId('fleet-row-resource:default/orders-cache-prod'),
    );
    expect(prod.getByText('healthy')).toBeInTheDocument();
    expect(
      prod.getByText(
        `3 shards, 16384/16384 slots ok, 6 nodes healthy (probed ${new Date(
          '2025-06-01T09:00:00.000Z',
        ).toLocaleString()})`,
      ),
    ).toBeInTheDocument();
    expect(prod.getByText('cluster')).toBeInTheDocument();
    expect(prod.getByText('8.0.2')).toBeInTheDocument();
    expect(prod.getByText('3.0 GiB')).toBeInTheDocument();
    expect(prod.getByText('2 h ago')).toBeInTheDocument();
    const dev = within(
      within(table).getByTestId('fleet-row-resource:default/orders-cache-dev'),
    );
    expect(dev.getByText('3 d ago, overdue')).toBeInTheDocument();
    expect(dev.getByText('7.2.4, 8.0.2')).toBeInTheDocument();
    const sessions = within(
      within(table).getByTestId('fleet-row-resource:payments/sessions-prod'),
    );
    expect(sessions.getByText('no backup job')).toBeInTheDocument();
    expect(sessions.getAllByText('not reported')).toHaveLength(2);
  });

  it('shows a row without status as such, in words, in place of its figures', async () => {
    const table = await renderPage();
    const row = within(table).getByTestId(
      'fleet-row-resource:default/search-cache-staging',
    );
    expect(within(row).getByText('no status')).toBeInTheDocument();
    expect(within(row).getByTestId('fleet-row-error')).toHaveTextContent(
      "Status not available: environment staging is not configured in the backend's valkey.status.environments",
    );
    // The other rows keep their figures.
    expect(within(table).getAllByRole('row')).toHaveLength(5);
  });

  it('sorts by the column whose heading is selected, and again the other way', async () => {
    const table = await renderPage();
    const heading = (name: string) =>
      within(table).getByRole('button', { name });
    const health = within(table).getAllByRole('columnheader')[2];
    expect(health).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(heading('Instance'));
    expect(order(table)).toEqual([
      'Orders cache dev',
      'Orders cache prod',
      'Search cache staging',
      'sessions prod',
    ]);
    expect(within(table).getAllByRole('columnheader')[0]).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await userEvent.click(heading('Instance'));
    expect(order(table)[0]).toBe('sessions prod');

    // Memory: the largest first; rows that did not report it last.
    await userEvent.click(heading('Memory'));
    expect(order(table)).toEqual([
      'Orders cache prod',
      'Orders cache dev',
      'Search cache staging',
      'sessions prod',
    ]);

    // Last backup: the oldest first.
    await userEvent.click(heading('Last backup'));
    expect(order(table).slice(0, 2)).toEqual([
      'Orders cache dev',
      'Orders cache prod',
    ]);

    await userEvent.click(heading('Version'));
    expect(order(table).slice(0, 2)).toEqual([
      'Orders cache dev',
      'Orders cache prod',
    ]);
  });

  it('says so when the fleet cannot be loaded', async () => {
    await mount(new Error('the valkey backend is not reachable'));
    expect(
      await screen.findByText(
        /Could not load the Valkey fleet: the valkey backend is not reachable/,
      ),
    ).toBeInTheDocument();
  });

  it('says what the page lists when there is nothing to show', async () => {
    await mount({ ...fleet, rows: [] });
    expect(
      await screen.findByText('No Valkey instances to show'),
    ).toBeInTheDocument();
  });
});

describe('the legacy routable extension', () => {
  it('renders the fleet page with its header where an app routes it', async () => {
    const api = new RecordedValkeyApi({});
    api.fleetAnswer = fleet;
    await renderInTestApp(
      <TestApiProvider apis={[[valkeyApiRef, api]]}>
        <Routes>
          <Route
            path="/"
            element={<LegacyValkeyFleetPage refreshIntervalMs={60_000} />}
          />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    const table = await screen.findByRole('table', { name: 'Valkey fleet' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(
      screen.getByRole('heading', { name: 'Valkey fleet' }),
    ).toBeInTheDocument();
  });
});

describe('sortRows', () => {
  it('compares versions as numbers', () => {
    const versioned = ['8.0.10', '8.0.2', '7.2.4'].map(
      (version, i): FleetRow => ({
        entityRef: `resource:default/v${i}`,
        title: `v${i}`,
        environment: 'prod',
        health: 'healthy',
        version,
      }),
    );
    expect(sortRows(versioned, 'version', 'asc').map(r => r.version)).toEqual([
      '7.2.4',
      '8.0.2',
      '8.0.10',
    ]);
  });
});
