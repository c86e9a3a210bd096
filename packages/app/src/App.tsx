import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal on the new frontend system. Plugins, the Valkey cards and tab
 * among them, are discovered from this package's dependencies (`app.packages: all`
 * in app-config.yaml): there is no line for them here, as in an adopter's app.
 */
export default createApp({
  features: [navModule, signInModule],
});
