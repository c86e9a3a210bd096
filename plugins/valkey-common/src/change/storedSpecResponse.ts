import type { ValkeyInstanceSpec } from '../spec/instanceSpec';

/**
 * Where an instance's folder lives, as the form's "Where to publish" names it:
 * a change is published there (and compared with the folder there).
 */
export type ValkeyPublishTarget =
  | { publisher: 'local' }
  | { publisher: 'github-pr'; gitopsRepoUrl: string }
  | { publisher: 'gitlab-mr'; gitlabRepoUrl: string };

/** `GET /api/valkey/entities/:namespace/:kind/:name/stored-spec`: the instance's stored spec. */
export interface StoredInstanceSpecResponse {
  entityRef: string;
  spec: ValkeyInstanceSpec;
  /** Where the spec was read from; absent means the local GitOps repository. */
  publishedTo?: ValkeyPublishTarget;
}
