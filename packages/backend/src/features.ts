/**
 * Everything the backend runs: catalog, scaffolder (with the GitHub and GitLab
 * publishers and our valkey:gitops:render action), guest sign-in and an allow-all
 * permission policy for local use, and the valkey status plugin.
 */
export const platformFeatures = [
  import('@backstage/plugin-app-backend'),
  // auth: guest sign-in for local use (see README for production providers)
  import('@backstage/plugin-auth-backend'),
  import('@backstage/plugin-auth-backend-module-guest-provider'),
  // permissions: allow-all for local use; replace the policy module in production
  import('@backstage/plugin-permission-backend'),
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
];

/** The features that carry the product; tests start these with mock core services. */
export const productFeatures = [
  import('@backstage/plugin-catalog-backend'),
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  import('@backstage/plugin-catalog-backend-module-logs'),
  import('@backstage/plugin-scaffolder-backend'),
  import('@backstage/plugin-scaffolder-backend-module-github'),
  import('@backstage/plugin-scaffolder-backend-module-gitlab'),
  import('@valkey-backstage/plugin-scaffolder-backend-module-valkey'),
  import('@valkey-backstage/plugin-valkey-backend'),
];

export const backendFeatures = [...platformFeatures, ...productFeatures];
