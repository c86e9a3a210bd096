/**
 * The Valkey cards and tab for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { valkeyApiRef, ValkeyClient } from './api';
import { isValkeyAvailable } from './isValkeyAvailable';

/** @alpha */
export const valkeyApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: valkeyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ValkeyClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const valkeyTopologyEntityCard = EntityCardBlueprint.make({
  name: 'topology',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyTopologyCard').then(m => (
        <m.ValkeyTopologyCard />
      )),
  },
});

/** @alpha */
export const valkeyBackupEntityCard = EntityCardBlueprint.make({
  name: 'backup',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyBackupCard').then(m => (
        <m.ValkeyBackupCard />
      )),
  },
});

/** @alpha */
export const valkeyEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'valkey',
    title: 'Valkey',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyContent').then(m => <m.ValkeyContent />),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'valkey',
  extensions: [
    valkeyApi,
    valkeyTopologyEntityCard,
    valkeyBackupEntityCard,
    valkeyEntityContent,
  ],
});
