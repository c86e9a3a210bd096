/**
 * The Valkey cards and tab for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
import EditIcon from '@material-ui/icons/Edit';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityContextMenuItemBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { useInstanceActions } from './dayTwo';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
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
export const valkeyTimelineEntityCard = EntityCardBlueprint.make({
  name: 'timeline',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyTimelineCard').then(m => (
        <m.ValkeyTimelineCard />
      )),
  },
});

/** @alpha */
export const valkeyConsumersEntityCard = EntityCardBlueprint.make({
  name: 'consumers',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyConsumersCard').then(m => (
        <m.ValkeyConsumersCard />
      )),
  },
});

/** @alpha */
export const valkeyOperationsEntityCard = EntityCardBlueprint.make({
  name: 'operations',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyOperationsCard').then(m => (
        <m.ValkeyOperationsCard />
      )),
  },
});

/** @alpha */
export const valkeyConnectEntityCard = EntityCardBlueprint.make({
  name: 'connect',
  params: {
    type: 'content',
    filter: isValkeyAvailable,
    loader: () =>
      import('./components/EntityValkeyConnectCard').then(m => (
        <m.ValkeyConnectCard />
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

/**
 * "Change this instance" in the entity page's context menu: opens the
 * "New Valkey instance" template pre-filled from the stored spec.
 *
 * @alpha
 */
export const valkeyChangeInstanceContextMenuItem =
  EntityContextMenuItemBlueprint.make({
    name: 'change-instance',
    params: {
      icon: <EditIcon fontSize="small" />,
      filter: isValkeyAvailable,
      useProps: () => {
        const { changeInstance } = useInstanceActions();
        return { title: 'Change this instance', onClick: changeInstance };
      },
    },
  });

/**
 * "Retire this instance" in the entity page's context menu: opens the
 * "Retire a Valkey instance" template with the instance chosen.
 *
 * @alpha
 */
export const valkeyRetireInstanceContextMenuItem =
  EntityContextMenuItemBlueprint.make({
    name: 'retire-instance',
    params: {
      icon: <DeleteIcon fontSize="small" />,
      filter: isValkeyAvailable,
      useProps: () => {
        const { retireHref } = useInstanceActions();
        return { title: 'Retire this instance', href: retireHref };
      },
    },
  });

/** @alpha */
export const valkeyFleetPageRouteRef = createRouteRef();

/**
 * The fleet page at /valkey. Its title and icon also make it an item of the
 * app's navigation.
 *
 * @alpha
 */
export const valkeyFleetPage = PageBlueprint.make({
  params: {
    path: '/valkey',
    title: 'Valkey fleet',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: valkeyFleetPageRouteRef,
    loader: () =>
      import('./components/ValkeyFleetPage').then(m => (
        <m.ValkeyFleetContent />
      )),
  },
});

/**
 * The "New Valkey instance" form's live checks (`ui:field` ValkeyInstanceName,
 * ValkeyEnvironmentPicker, ValkeyPolicyCheck, ValkeyChangePreview).
 *
 * @alpha
 */
export const valkeyInstanceNameFormField = FormFieldBlueprint.make({
  name: 'instance-name',
  params: {
    field: () =>
      import('./components/formFields/formFields').then(
        m => m.valkeyInstanceNameFormField,
      ),
  },
});

/** @alpha */
export const valkeyEnvironmentPickerFormField = FormFieldBlueprint.make({
  name: 'environment-picker',
  params: {
    field: () =>
      import('./components/formFields/formFields').then(
        m => m.valkeyEnvironmentPickerFormField,
      ),
  },
});

/** @alpha */
export const valkeyPolicyCheckFormField = FormFieldBlueprint.make({
  name: 'policy-check',
  params: {
    field: () =>
      import('./components/formFields/formFields').then(
        m => m.valkeyPolicyCheckFormField,
      ),
  },
});

/** @alpha */
export const valkeyChangePreviewFormField = FormFieldBlueprint.make({
  name: 'change-preview',
  params: {
    field: () =>
      import('./components/formFields/formFields').then(
        m => m.valkeyChangePreviewFormField,
      ),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'valkey',
  routes: { fleet: valkeyFleetPageRouteRef },
  extensions: [
    valkeyApi,
    valkeyTopologyEntityCard,
    valkeyBackupEntityCard,
    valkeyConnectEntityCard,
    valkeyTimelineEntityCard,
    valkeyConsumersEntityCard,
    valkeyOperationsEntityCard,
    valkeyEntityContent,
    valkeyChangeInstanceContextMenuItem,
    valkeyRetireInstanceContextMenuItem,
    valkeyFleetPage,
    valkeyInstanceNameFormField,
    valkeyEnvironmentPickerFormField,
    valkeyPolicyCheckFormField,
    valkeyChangePreviewFormField,
  ],
});
