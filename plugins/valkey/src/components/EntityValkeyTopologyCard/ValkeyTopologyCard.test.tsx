import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import { ValkeyTopologyCard } from './ValkeyTopologyCard';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-cache', annotations },
  spec: { type: 'valkey', owner: 'team-a' },
});

describe('ValkeyTopologyCard', () => {
  it('shows an honest "no status yet" state for a Valkey entity', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity({ [VALKEY_INSTANCE_ANNOTATION]: 'orders-cache' })}>
        <ValkeyTopologyCard />
      </EntityProvider>,
    );
    expect(screen.getByText('No status yet')).toBeInTheDocument();
    expect(screen.getByText('Instance orders-cache')).toBeInTheDocument();
  });

  it('names the missing annotation for an entity without it', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity({})}>
        <ValkeyTopologyCard />
      </EntityProvider>,
    );
    expect(screen.getAllByText(new RegExp(VALKEY_INSTANCE_ANNOTATION)).length).toBeGreaterThan(0);
  });
});
