/**
 * Scaffolder backend module with the `valkey:gitops:render`,
 * `valkey:gitops:commit-local` and `valkey:catalog:register-local` actions,
 * and the renderer they share with the `valkey-gitops` CLI.
 *
 * @packageDocumentation
 */
export { scaffolderModuleValkey as default } from './module';
export {
  createRenderGitopsAction,
  RENDER_GITOPS_ACTION_ID,
} from './actions/renderGitops';
export {
  createCommitLocalAction,
  COMMIT_LOCAL_ACTION_ID,
} from './actions/commitLocal';
export {
  createRegisterLocalAction,
  REGISTER_LOCAL_ACTION_ID,
} from './actions/registerLocal';
export {
  createRetireInstanceAction,
  RETIRE_ACTION_ID,
} from './actions/retireInstance';
export { localCatalogLocation } from './actions/localCatalogLocation';
export type { LocalCatalogLocation } from './actions/localCatalogLocation';
export * from './render';
export * from './change';
export { parseGitopsConfig, readGitopsConfig } from './config/gitopsConfig';
export type {
  GitopsConfig,
  GitopsEnvironmentConfig,
} from './config/gitopsConfig';
export { loadChart, loadChartForConfig } from './chart/loadChart';
export { main as runValkeyGitopsCli } from './cli/main';
