/**
 * Reads and validates the stored spec of an entity: through the UrlReader for
 * a URL location, from disk for a file inside the local GitOps repository
 * (symlinks resolved, so a link cannot lead outside it).
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  describeSpecIssues,
  parseStoredInstanceSpec,
  STORED_INSTANCE_SPEC_FILE,
  ValkeyInstanceSpec,
  ValkeyPublishTarget,
} from '@valkey-backstage/plugin-valkey-common';
import { publishTargetOf } from './publishTarget';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import fs from 'fs/promises';
import path from 'path';
import { storedSpecSource } from './storedSpecSource';

const MAX_BYTES = 64 * 1024;

async function readLocalFile(file: string, repo: string): Promise<string> {
  const [realRepo, realFile] = await Promise.all([
    fs.realpath(repo),
    fs.realpath(file).catch(() => undefined),
  ]);
  if (!realFile) throw new NotFoundError(`no ${STORED_INSTANCE_SPEC_FILE}`);
  if (!realFile.startsWith(`${realRepo}${path.sep}`)) {
    throw new NotFoundError(
      `no ${STORED_INSTANCE_SPEC_FILE} in the repository`,
    );
  }
  const handle = await fs.open(realFile, 'r');
  try {
    const buffer = Buffer.alloc(MAX_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, MAX_BYTES + 1, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function readStoredSpec(options: {
  entity: Entity;
  entityRef: string;
  urlReader: UrlReaderService;
  localRepositoryPath?: string;
  integrations: ScmIntegrationRegistry;
}): Promise<{ spec: ValkeyInstanceSpec; publishedTo: ValkeyPublishTarget }> {
  const { entity, entityRef } = options;
  const source = storedSpecSource(entity, options.localRepositoryPath);
  if (source.type === 'unavailable') {
    throw new NotFoundError(
      `${entityRef} cannot be changed here: ${source.reason}, so there is no stored ${STORED_INSTANCE_SPEC_FILE} to start from`,
    );
  }
  let text: string;
  try {
    text =
      source.type === 'url'
        ? (
            await (await options.urlReader.readUrl(source.url)).buffer()
          ).toString('utf8')
        : await readLocalFile(source.path, options.localRepositoryPath!);
  } catch (e) {
    throw new NotFoundError(
      `${entityRef} has no readable ${STORED_INSTANCE_SPEC_FILE} in its folder, so it was not rendered by the Valkey template (or not yet committed): ${
        (e as Error).message
      }`,
    );
  }
  const parsed = parseStoredInstanceSpec(text);
  if (!parsed.success) {
    throw new InputError(
      `The stored ${STORED_INSTANCE_SPEC_FILE} of ${entityRef} is not a valid instance spec; fix it in the GitOps repository first:\n${describeSpecIssues(
        parsed.issues,
      )}`,
    );
  }
  if (parsed.spec.name !== entity.metadata.name) {
    throw new InputError(
      `The stored ${STORED_INSTANCE_SPEC_FILE} next to ${entityRef} describes "${parsed.spec.name}"; the entity and the file must name the same instance`,
    );
  }
  return {
    spec: parsed.spec,
    publishedTo: publishTargetOf(source, options.integrations),
  };
}
