import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { clusterHealthy } from '../../__fixtures__/statuses';
import { isStale, LastUpdated } from './LastUpdated';

const probedAt = '2026-11-20T12:00:00.000Z';
const at = (seconds: number) =>
  new Date(new Date(probedAt).getTime() + seconds * 1000);

describe('isStale', () => {
  const status = { probedAt, refreshIntervalSeconds: 10 };

  it('uses the longer of the backend and the card interval, twice', () => {
    // Backend every 10 s, card every 5 s: stale after 20 s.
    expect(isStale(status, 5000, at(20))).toBe(false);
    expect(isStale(status, 5000, at(21))).toBe(true);
    // Card every 30 s: stale after 60 s.
    expect(isStale(status, 30_000, at(59))).toBe(false);
    expect(isStale(status, 30_000, at(61))).toBe(true);
  });
});

describe('LastUpdated', () => {
  const status = { ...clusterHealthy, probedAt, refreshIntervalSeconds: 10 };

  it('says when the data was probed, not when it arrived', async () => {
    await renderInTestApp(
      <LastUpdated
        status={status}
        polling
        intervalMs={5000}
        loading={false}
        now={at(7)}
      />,
    );
    const line = screen.getByTestId('last-updated');
    expect(line).toHaveTextContent(
      `Probed ${new Date(
        probedAt,
      ).toLocaleTimeString()} (7 s ago), refreshes every 5 s`,
    );
    expect(line).not.toHaveTextContent('Out of date');
  });

  it('marks data older than two refresh intervals as out of date', async () => {
    await renderInTestApp(
      <LastUpdated
        status={status}
        polling={false}
        intervalMs={5000}
        loading={false}
        now={at(180)}
      />,
    );
    expect(screen.getByTestId('last-updated')).toHaveTextContent(
      `Out of date: probed ${new Date(
        probedAt,
      ).toLocaleTimeString()} (3 min ago), refresh paused while this tab is hidden. Newer data has not arrived for more than two refresh intervals.`,
    );
  });
});
