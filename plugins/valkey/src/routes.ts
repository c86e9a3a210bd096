import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the fleet page is mounted in an app on the legacy frontend system.
 *
 * @public
 */
export const valkeyFleetRouteRef = createRouteRef({ id: 'valkey-fleet' });
