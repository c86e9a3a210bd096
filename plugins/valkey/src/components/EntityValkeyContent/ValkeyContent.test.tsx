import { screen } from '@testing-library/react';
import { clusterHealthy } from '../../__fixtures__/statuses';
import {
  RecordedValkeyApi,
  renderWithStatus,
} from '../../__testUtils__/renderWithStatus';
import { ValkeyContent } from './ValkeyContent';

jest.setTimeout(30_000);

describe('ValkeyContent', () => {
  it('shows topology and backups from one status request', async () => {
    const api = new RecordedValkeyApi({ local: clusterHealthy });
    await renderWithStatus(<ValkeyContent refreshIntervalMs={60_000} />, api);
    expect(
      await screen.findByRole('heading', { name: 'Topology' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Backups' }),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('shard')).toHaveLength(3);
    expect(
      screen.getByRole('table', { name: 'Persistence per node' }),
    ).toBeInTheDocument();
    expect(api.statusCalls).toEqual(['local']);
  });
});
