import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/** @public */
export const valkeyPlugin = createPlugin({
  id: 'valkey',
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
