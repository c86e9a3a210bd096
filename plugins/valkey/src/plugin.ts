import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { valkeyApiRef, ValkeyClient } from './api';
import {
  ValkeyChangePreviewField,
  ValkeyEnvironmentPickerField,
  ValkeyInstanceNameField,
  ValkeyPolicyCheckField,
  validateChangePreview,
  validateEnvironment,
  validateInstanceName,
  validatePolicyCheck,
} from './components/formFields';
import { valkeyFleetRouteRef } from './routes';

/** @public */
export const valkeyPlugin = createPlugin({
  id: 'valkey',
  routes: { fleet: valkeyFleetRouteRef },
  apis: [
    createApiFactory({
      api: valkeyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ValkeyClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Card with the live topology of the entity's Valkey instance.
 *
 * @public
 */
export const EntityValkeyTopologyCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyTopologyCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyTopologyCard').then(
          m => m.ValkeyTopologyCard,
        ),
    },
  }),
);

/**
 * Card with backup freshness and each node's RDB/AOF state.
 *
 * @public
 */
export const EntityValkeyBackupCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyBackupCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyBackupCard').then(
          m => m.ValkeyBackupCard,
        ),
    },
  }),
);

/**
 * Card with the topology timeline: failovers, failed and recovered nodes,
 * role changes, quorum, slot moves and failed backups, newest first.
 *
 * @public
 */
export const EntityValkeyTimelineCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyTimelineCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyTimelineCard').then(
          m => m.ValkeyTimelineCard,
        ),
    },
  }),
);

/**
 * Card listing the components that declare they use the instance
 * (`dependsOn: resource:<instance>`), each with its owner and a link.
 *
 * @public
 */
export const EntityValkeyConsumersCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyConsumersCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyConsumersCard').then(
          m => m.ValkeyConsumersCard,
        ),
    },
  }),
);

/**
 * Card with "Back up now" and "Fail over" for the instance's owners (the
 * `valkey.instance.operate` permission), each behind a confirmation.
 *
 * @public
 */
export const EntityValkeyOperationsCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyOperationsCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyOperationsCard').then(
          m => m.ValkeyOperationsCard,
        ),
    },
  }),
);

/**
 * Card with how an application connects to each environment (Services, TLS,
 * the Secret holding the password) and code for Node.js, Python, Go, Java and
 * Spring Boot to copy.
 *
 * @public
 */
export const EntityValkeyConnectCard = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyConnectCard',
    component: {
      lazy: () =>
        import('./components/EntityValkeyConnectCard').then(
          m => m.ValkeyConnectCard,
        ),
    },
  }),
);

/**
 * Entity tab with topology and backups together.
 *
 * @public
 */
export const EntityValkeyContent = valkeyPlugin.provide(
  createComponentExtension({
    name: 'EntityValkeyContent',
    component: {
      lazy: () =>
        import('./components/EntityValkeyContent').then(m => m.ValkeyContent),
    },
  }),
);

/**
 * The fleet page: every Valkey instance in every environment in one sortable
 * table (health, mode, version, memory, last backup), each linked to its
 * entity page. Mount it at a route of your choice, e.g.
 * `<Route path="/valkey" element={<ValkeyFleetPage />} />`.
 *
 * @public
 */
export const ValkeyFleetPage = valkeyPlugin.provide(
  createRoutableExtension({
    name: 'ValkeyFleetPage',
    component: () =>
      import('./components/ValkeyFleetPage').then(m => m.ValkeyFleetPage),
    mountPoint: valkeyFleetRouteRef,
  }),
);

/**
 * Form field `ui:field: ValkeyInstanceName`: the naming rule in words and
 * whether the name is free (catalog and GitOps folder), checked while typing.
 * Put it inside `<ScaffolderFieldExtensions>` of the legacy app.
 *
 * @public
 */
export const ValkeyInstanceNameFieldExtension = valkeyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ValkeyInstanceName',
    component: ValkeyInstanceNameField,
    validation: validateInstanceName,
  }),
);

/**
 * Form field `ui:field: ValkeyEnvironmentPicker`: the configured environments,
 * each with its policy in plain words.
 *
 * @public
 */
export const ValkeyEnvironmentPickerFieldExtension = valkeyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ValkeyEnvironmentPicker',
    component: ValkeyEnvironmentPickerField,
    validation: validateEnvironment,
  }),
);

/**
 * Form field `ui:field: ValkeyPolicyCheck`: the whole form through the render
 * action's renderer and policy, live; blocks Create with
 * `ui:options: { blocking: true }`.
 *
 * @public
 */
export const ValkeyPolicyCheckFieldExtension = valkeyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ValkeyPolicyCheck',
    component: ValkeyPolicyCheckField,
    validation: validatePolicyCheck as any,
  }),
);

/**
 * Form field `ui:field: ValkeyChangePreview`: for a change of an existing
 * instance, the files it adds, changes and deletes and what it can lose,
 * before Create; blocks Create until a data-losing change is confirmed
 * (`confirmDestructive`).
 *
 * @public
 */
export const ValkeyChangePreviewFieldExtension = valkeyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ValkeyChangePreview',
    component: ValkeyChangePreviewField,
    validation: validateChangePreview as any,
  }),
);
