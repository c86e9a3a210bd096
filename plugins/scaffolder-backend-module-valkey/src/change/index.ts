export { diffRender, describeRenderDiff } from './diffRender';
export type { RenderDiff } from './diffRender';
export { compareWithStored, planChange } from './planChange';
export type { ChangePlan } from './planChange';
export { storedSpecOf } from './storedSpec';
export { specWithGrant } from './grantAccess';
export type { AccessGrant } from './grantAccess';
