export { renderGitops, renderFromInput, targetPathOf } from './render';
export { RenderError, describeIssue } from './renderError';
export type {
  ChartInput,
  RenderInput,
  RenderResult,
  RenderedFile,
  RenderIssue,
  EnvironmentSummary,
  Values,
} from './types';
export { consumerSecretName } from './secrets';
