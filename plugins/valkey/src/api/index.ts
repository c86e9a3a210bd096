export { valkeyApiRef } from './ValkeyApi';
export type { ValkeyApi } from './ValkeyApi';
export { ValkeyClient } from './ValkeyClient';
