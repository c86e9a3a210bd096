import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import valkeyFrontendPlugin, {
  valkeyBackupEntityCard,
  valkeyTimelineEntityCard,
  valkeyEntityContent,
  valkeyFleetPage,
  valkeyTopologyEntityCard,
} from './alpha';
import { valkeyApiRef } from './api';
import { clusterHealthy } from './__fixtures__/statuses';
import {
  RecordedValkeyApi,
  valkeyEntity,
} from './__testUtils__/renderWithStatus';

jest.setTimeout(30_000);

describe('the new frontend system extensions', () => {
  const api = new RecordedValkeyApi({ local: clusterHealthy });
  const withEntity = (element: JSX.Element) => (
    <EntityProvider entity={valkeyEntity()}>{element}</EntityProvider>
  );

  it('has the API, six cards and the tab in one plugin', () => {
    expect(valkeyFrontendPlugin.pluginId).toBe('valkey');
    expect(valkeyFrontendPlugin.getExtension('api:valkey')).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/topology'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/backup'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/connect'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/timeline'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/consumers'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-card:valkey/operations'),
    ).toBeDefined();
    expect(
      valkeyFrontendPlugin.getExtension('entity-content:valkey'),
    ).toBeDefined();
    expect(valkeyFrontendPlugin.getExtension('page:valkey')).toBeDefined();
  });

  it('has the fleet page at /valkey, titled and with an icon so it is a nav item', async () => {
    const fleetApi = new RecordedValkeyApi({});
    fleetApi.fleetAnswer = {
      rows: [
        {
          entityRef: 'resource:default/demo-cluster',
          title: 'demo-cluster',
          environment: 'local',
          health: 'healthy',
          summary: '3 shards, 16384/16384 slots ok',
          mode: 'cluster',
        },
      ],
      generatedAt: '2026-12-01T09:00:00.000Z',
      refreshIntervalSeconds: 5,
    };
    const tester = createExtensionTester(valkeyFleetPage, {
      apis: [[valkeyApiRef, fleetApi]],
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/valkey');
    expect(tester.get(coreExtensionData.title)).toBe('Valkey fleet');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
    renderInTestApp(tester.reactElement(), {
      apis: [[valkeyApiRef, fleetApi]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
      },
    });
    const link = await screen.findByRole(
      'link',
      { name: 'demo-cluster' },
      { timeout: 10_000 },
    );
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/resource/demo-cluster',
    );
  });

  it('renders the topology card only for Valkey entities', async () => {
    const tester = createExtensionTester(valkeyTopologyEntityCard, {
      apis: [[valkeyApiRef, api]],
    });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(valkeyEntity())).toBe(true);
    expect(filter?.({ ...valkeyEntity(), metadata: { name: 'other' } })).toBe(
      false,
    );
    renderInTestApp(withEntity(tester.reactElement()), {
      apis: [[valkeyApiRef, api]],
    });
    expect(await screen.findByText('cluster state ok')).toBeInTheDocument();
  });

  it('renders the backup card', async () => {
    const tester = createExtensionTester(valkeyBackupEntityCard, {
      apis: [[valkeyApiRef, api]],
    });
    renderInTestApp(withEntity(tester.reactElement()), {
      apis: [[valkeyApiRef, api]],
    });
    expect(await screen.findByText('Last success')).toBeInTheDocument();
  });

  it('renders the timeline card', async () => {
    const timelineApi = new RecordedValkeyApi({ local: clusterHealthy });
    timelineApi.timelines.local = {
      entityRef: 'resource:default/demo-cluster',
      environment: 'local',
      events: [],
      intervalSeconds: 60,
      retentionDays: 30,
      observedAt: '2026-12-01T12:00:00.000Z',
    };
    const tester = createExtensionTester(valkeyTimelineEntityCard, {
      apis: [[valkeyApiRef, timelineApi]],
    });
    renderInTestApp(withEntity(tester.reactElement()), {
      apis: [[valkeyApiRef, timelineApi]],
    });
    expect(
      await screen.findByText('No changes seen in local so far.'),
    ).toBeInTheDocument();
  });

  it('renders the Valkey tab at /valkey', async () => {
    const tester = createExtensionTester(valkeyEntityContent, {
      apis: [[valkeyApiRef, api]],
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Valkey');
    renderInTestApp(withEntity(tester.reactElement()), {
      apis: [[valkeyApiRef, api]],
    });
    expect(
      await screen.findByRole('heading', { name: 'Backups' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'History' }),
    ).toBeInTheDocument();
  });
});
