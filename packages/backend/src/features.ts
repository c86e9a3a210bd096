/**
 * Everything the backend runs: catalog, scaffolder (with the GitHub and GitLab
 * publishers and our valkey:gitops:render action), guest sign-in and an allow-all
 * permission policy for local use, the valkey status plugin, and the MCP server
 * that offers the valkey actions to AI agents.
 *
 * Static imports (rather than `backend.add(import(...))`) so tests can start the
 * same features.
 */
import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import permissionBackend from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import scaffolderValkey from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import valkeyBackend from '@valkey-backstage/plugin-valkey-backend';
import mcpActions from '@backstage/plugin-mcp-actions-backend';

/** Sign-in, permissions and the app server: local-use choices (see README). */
export const platformFeatures = [
  appBackend,
  authBackend,
  guestProvider,
  permissionBackend,
  allowAllPolicy,
];

/** The features that carry the product; tests start these with mock core services. */
export const productFeatures = [
  catalogBackend,
  catalogScaffolderEntityModel,
  catalogLogs,
  scaffolderBackend,
  scaffolderGithub,
  scaffolderGitlab,
  scaffolderValkey,
  valkeyBackend,
  mcpActions,
];

export const backendFeatures = [...platformFeatures, ...productFeatures];
