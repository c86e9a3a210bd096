/**
 * Scaffolder backend module with the `valkey:gitops:render` action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleValkey as default } from './module';
export {
  createRenderGitopsAction,
  RENDER_GITOPS_ACTION_ID,
} from './actions/renderGitops';
