import type { ValkeyInstanceSpec } from '../spec/instanceSpec';

/** `GET /api/valkey/entities/:namespace/:kind/:name/stored-spec`: the instance's stored spec. */
export interface StoredInstanceSpecResponse {
  entityRef: string;
  spec: ValkeyInstanceSpec;
}
