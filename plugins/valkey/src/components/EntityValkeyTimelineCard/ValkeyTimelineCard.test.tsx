import { screen, within } from '@testing-library/react';
import { TimelineResponse } from '@valkey-backstage/plugin-valkey-common';
import { clusterHealthy } from '../../__fixtures__/statuses';
import {
  RecordedValkeyApi,
  renderWithStatus,
} from '../../__testUtils__/renderWithStatus';
import { ValkeyTimelineCard } from './ValkeyTimelineCard';

jest.setTimeout(30_000);

const afterFailover: TimelineResponse = {
  entityRef: 'resource:default/demo-cluster',
  environment: 'local',
  intervalSeconds: 60,
  retentionDays: 30,
  observedAt: '2026-12-01T12:01:00.000Z',
  events: [
    {
      kind: 'failover',
      at: '2026-12-01T12:00:30.000Z',
      previousAt: '2026-12-01T12:00:00.000Z',
      summary:
        '127.0.0.1:7104 took over as primary from 127.0.0.1:7101 (5462 slots).',
      previousPrimary: '127.0.0.1:7101',
      newPrimary: '127.0.0.1:7104',
    },
    {
      kind: 'node-failed',
      at: '2026-12-01T12:00:30.000Z',
      previousAt: '2026-12-01T12:00:00.000Z',
      summary: 'Node 127.0.0.1:7101 failed or stopped answering.',
      node: '127.0.0.1:7101',
    },
  ],
};

describe('ValkeyTimelineCard', () => {
  it('lists the recorded changes of the shown environment, newest first, in words', async () => {
    const api = new RecordedValkeyApi({ local: clusterHealthy });
    api.timelines.local = afterFailover;
    await renderWithStatus(<ValkeyTimelineCard />, api);
    const table = await screen.findByRole('table', {
      name: 'Topology changes',
    });
    const rows = within(table).getAllByTestId('timeline-event');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Failover');
    expect(rows[0]).toHaveTextContent(
      '127.0.0.1:7104 took over as primary from 127.0.0.1:7101 (5462 slots).',
    );
    expect(rows[1]).toHaveTextContent('Node failed');
    expect(
      screen.getByText(
        /Checked every 60 s, last at .*; changes are kept for 30 days\./,
      ),
    ).toBeInTheDocument();
    expect(api.timelineCalls).toEqual(['local']);
  });

  it('says nothing changed once the portal has looked, and what it does before it has', async () => {
    const api = new RecordedValkeyApi({ local: clusterHealthy });
    api.timelines.local = { ...afterFailover, events: [] };
    const first = await renderWithStatus(<ValkeyTimelineCard />, api);
    expect(
      await screen.findByText('No changes seen in local so far.'),
    ).toBeInTheDocument();
    first.unmount();

    api.timelines.local = {
      ...afterFailover,
      events: [],
      observedAt: undefined,
    };
    await renderWithStatus(<ValkeyTimelineCard />, api);
    expect(
      await screen.findByText(
        'Nothing recorded yet: the portal looks at local every 60 s and records what changes from one look to the next.',
      ),
    ).toBeInTheDocument();
  });

  it('shows why the history could not be loaded', async () => {
    const api = new RecordedValkeyApi({ local: clusterHealthy });
    api.timelines.local = new Error(
      'the topology timeline is turned off in this Backstage',
    );
    await renderWithStatus(<ValkeyTimelineCard />, api);
    expect(
      await screen.findByText(
        /Could not load the history: the topology timeline is turned off in this Backstage/,
      ),
    ).toBeInTheDocument();
  });
});
