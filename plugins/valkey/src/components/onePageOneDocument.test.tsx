import { screen, waitFor, within } from '@testing-library/react';
import { clusterHealthy } from '../__fixtures__/statuses';
import { renderWithStatus } from '../__testUtils__/renderWithStatus';
import { ValkeyClient } from '../api';
import { ValkeyBackupCard } from './EntityValkeyBackupCard';
import { ValkeyTopologyCard } from './EntityValkeyTopologyCard';

describe('the two cards of an entity page', () => {
  it('share one status request and show the same probe', async () => {
    const statusRequests: string[] = [];
    // Every request the backend answers is a later probe.
    const probes = ['2026-11-20T12:00:00.000Z', '2026-11-20T12:07:00.000Z'];
    const client = new ValkeyClient({
      discoveryApi: { getBaseUrl: async id => `http://backend.test/api/${id}` },
      fetchApi: {
        fetch: async input => {
          const url = String(input);
          if (url.endsWith('/environments')) {
            return new Response(
              JSON.stringify({
                entityRef: 'resource:default/demo-cluster',
                environments: [{ name: 'local', configured: true }],
              }),
            );
          }
          statusRequests.push(url);
          const probedAt = probes[statusRequests.length - 1] ?? probes[1];
          return new Response(JSON.stringify({ ...clusterHealthy, probedAt }));
        },
      },
    });
    await renderWithStatus(
      <>
        <ValkeyTopologyCard refreshIntervalMs={60_000} />
        <ValkeyBackupCard refreshIntervalMs={60_000} />
      </>,
      client,
    );
    const first = new Date(probes[0]).toLocaleTimeString();
    const topology = await screen.findByTestId('valkey-card-Valkey topology');
    const backups = await screen.findByTestId('valkey-card-Valkey backups');
    await waitFor(() => {
      expect(
        within(topology).getAllByText(new RegExp(first)).length,
      ).toBeGreaterThan(0);
      expect(
        within(backups).getAllByText(new RegExp(first)).length,
      ).toBeGreaterThan(0);
    });
    expect(statusRequests).toHaveLength(1);
  });
});
