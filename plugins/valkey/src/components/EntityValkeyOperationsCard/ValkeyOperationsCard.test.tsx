import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { clusterHealthy, sentinelHealthy } from '../../__fixtures__/statuses';
import {
  RecordedValkeyApi,
  valkeyEntity,
} from '../../__testUtils__/renderWithStatus';
import { valkeyApiRef } from '../../api';
import { ValkeyOperationsCard } from './ValkeyOperationsCard';

jest.setTimeout(30_000);
// Permission, environments and status load one after another; on a busy machine that takes more than the default second.
configure({ asyncUtilTimeout: 10_000 });

function apiFor(status: InstanceStatus, operations = true) {
  return new RecordedValkeyApi({ local: status }, [
    { name: 'local', configured: true, operations },
  ]);
}

async function render(
  api: RecordedValkeyApi,
  allowed: boolean,
  name = 'demo-cluster',
) {
  const asked: unknown[] = [];
  const permissionApi = mockApis.permission({
    authorize: request => {
      asked.push(request);
      return allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    },
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [valkeyApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={valkeyEntity(name)}>
        <ValkeyOperationsCard refreshIntervalMs={60_000} />
      </EntityProvider>
    </TestApiProvider>,
  );
  return asked;
}

describe('ValkeyOperationsCard', () => {
  it('asks for valkey.instance.operate on this entity and offers nothing to a caller it denies', async () => {
    const api = apiFor(clusterHealthy);
    const asked = await render(api, false, 'payments-cache');
    expect(
      await screen.findByText(
        /Only the team that owns payments-cache can back it up or fail it over/,
      ),
    ).toBeInTheDocument();
    expect(asked).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'valkey.instance.operate',
        }),
        resourceRef: 'resource:default/payments-cache',
      }),
    );
    expect(screen.queryByRole('button', { name: 'Fail over' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
  });

  it('says so when operations are not set up for the environment', async () => {
    // Another entity: usePermission caches each (permission, entity) answer.
    await render(apiFor(clusterHealthy, false), true, 'orders-cache');
    expect(
      await screen.findByText(
        /Operations are not set up for the local environment/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fail over' })).toBeNull();
  });

  it('cluster: the dialog says which replica takes over which shard, and confirming sends that replica', async () => {
    const api = apiFor(clusterHealthy);
    api.operationAnswer = {
      operation: 'failover',
      entityRef: 'resource:default/demo-cluster',
      environment: 'local',
      message: '127.0.0.1:7103 is taking over its shard from 127.0.0.1:7100',
      replica: '127.0.0.1:7103',
      previousPrimary: '127.0.0.1:7100',
      startedAt: '2026-11-20T12:00:01.000Z',
    };
    await render(api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Fail over' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /127\.0\.0\.1:7103 takes over its shard \(slots 0-5460\) from 127\.0\.0\.1:7100/,
      ),
    ).toBeInTheDocument();
    expect(api.operations).toHaveLength(0);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Fail over' }),
    );
    expect(
      await screen.findByText(
        '127.0.0.1:7103 is taking over its shard from 127.0.0.1:7100.',
      ),
    ).toBeInTheDocument();
    expect(api.operations).toEqual([
      {
        operation: 'failover',
        request: { environment: 'local', replica: '127.0.0.1:7103' },
      },
    ]);
  });

  it('Sentinel: cancel sends nothing; a refusal shows the reason and that nothing changed', async () => {
    const api = apiFor(sentinelHealthy);
    // What ValkeyClient throws for the backend's 409 (a ResponseError).
    api.operationAnswer = Object.assign(
      new Error('Request failed with 409 Conflict'),
      {
        name: 'ResponseError',
        statusCode: 409,
        body: {
          error: {
            name: 'ConflictError',
            message: 'a failover of mymaster is already running',
          },
        },
      },
    );
    await render(api, true, 'demo-sentinel');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Fail over' }),
    );
    let dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /Sentinel promotes an in-sync replica of demo-sentinel/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.operations).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Fail over' }));
    dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Fail over' }),
    );
    expect(
      await screen.findByText(
        /Nothing was changed: a failover of mymaster is already running \(HTTP 409\)/,
      ),
    ).toBeInTheDocument();
    expect(api.operations).toHaveLength(1);
  });

  it('Back up now is there only with a backup schedule, and says what it starts', async () => {
    const api = apiFor(clusterHealthy);
    api.operationAnswer = {
      operation: 'backup',
      entityRef: 'resource:default/demo-cluster',
      environment: 'local',
      message:
        'Started backup orders-cache-backup-manual-x7k2p from orders-cache-backup',
      jobName: 'orders-cache-backup-manual-x7k2p',
      startedAt: '2026-11-20T12:00:01.000Z',
    };
    await render(api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Back up now' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/Starts a backup of demo-cluster in local now/),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Back up now' }),
    );
    expect(
      await screen.findByText(
        /Started backup orders-cache-backup-manual-x7k2p/,
      ),
    ).toBeInTheDocument();
    expect(api.operations).toEqual([
      { operation: 'backup', request: { environment: 'local' } },
    ]);
  });
});
