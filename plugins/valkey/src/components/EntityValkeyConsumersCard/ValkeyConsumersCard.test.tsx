import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { valkeyEntity } from '../../__testUtils__/renderWithStatus';
import { ValkeyConsumersCard } from './ValkeyConsumersCard';
import { consumerRefs } from './consumerRefs';

jest.setTimeout(30_000);

const component = (name: string, owner: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const instanceUsedBy = (...refs: string[]): Entity => ({
  ...valkeyEntity('demo-cluster'),
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-orders' },
    ...refs.map(targetRef => ({ type: 'dependencyOf', targetRef })),
  ],
});

async function render(entity: Entity, entities: Entity[]) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
      <EntityProvider entity={entity}>
        <ValkeyConsumersCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ValkeyConsumersCard', () => {
  it('lists each component that depends on the instance once, with its owner and a link', async () => {
    await render(
      instanceUsedBy(
        'component:default/orders-api',
        'component:default/checkout-sessions',
        'component:default/orders-api',
      ),
      [
        component('orders-api', 'group:default/team-orders', 'Orders API'),
        component('checkout-sessions', 'group:default/platform-team'),
      ],
    );
    const table = await screen.findByRole('table', { name: 'Consumers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const orders = screen.getByTestId('consumer-component:default/orders-api');
    expect(
      within(orders).getByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/catalog/default/component/orders-api'),
    );
    expect(
      within(orders).getByRole('link', { name: 'team-orders' }),
    ).toBeInTheDocument();
    expect(orders).toHaveTextContent('service');
    const checkout = screen.getByTestId(
      'consumer-component:default/checkout-sessions',
    );
    expect(
      within(checkout).getByRole('link', { name: 'platform-team' }),
    ).toBeInTheDocument();
  });

  it('keeps a consumer the user cannot see as a row without details', async () => {
    await render(instanceUsedBy('component:default/hidden-app'), []);
    const row = await screen.findByTestId(
      'consumer-component:default/hidden-app',
    );
    expect(row).toHaveTextContent('not visible to you');
    expect(row).toHaveTextContent('unknown');
  });

  it('says how a component becomes a consumer when none is', async () => {
    await render(instanceUsedBy(), []);
    expect(
      await screen.findByText(/No component says it uses this instance yet/),
    ).toHaveTextContent(
      'lists resource:default/demo-cluster under dependsOn in its catalog file',
    );
  });

  it('reads consumers only from dependencyOf relations', () => {
    expect(
      consumerRefs({
        ...valkeyEntity(),
        relations: [
          { type: 'dependencyOf', targetRef: 'component:default/b' },
          { type: 'dependsOn', targetRef: 'component:default/x' },
          { type: 'ownedBy', targetRef: 'group:default/team' },
          { type: 'dependencyOf', targetRef: 'component:default/a' },
        ],
      }),
    ).toEqual(['component:default/a', 'component:default/b']);
  });
});
