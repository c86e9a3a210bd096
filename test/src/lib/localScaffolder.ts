/**
 * The real catalog and scaffolder backends with our module, publishing into a
 * local Git repository in a temp dir, for end-to-end template runs: what the
 * "local" publisher of app-config.yaml does, with the repository moved. The
 * catalog reads the templates and the repository's catalog-info.yaml files
 * through configured file locations; periodic processing is 30 minutes, so
 * only a step's own refresh brings entities in during a test.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import valkeyScaffolderModule, {
  localCatalogLocation,
} from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { repoRoot } from './helm';

export const appConfig = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);
export const userAuth = mockCredentials.user.header();

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

export interface LocalScaffolder {
  server: any;
  gitopsPath: string;
  stop(): Promise<void>;
}

/** Starts the backends over `<tmp>/gitops` and waits until the named templates are in the catalog. */
export async function startLocalScaffolder(options: {
  tmp: string;
  templates: string[];
  /** More catalog files (absolute paths), e.g. consumer components. */
  entityFiles?: string[];
}): Promise<LocalScaffolder> {
  const gitopsPath = path.join(options.tmp, 'gitops');
  fs.mkdirSync(path.join(options.tmp, 'work'), { recursive: true });
  const gitops = {
    ...appConfig.valkey.gitops,
    localRepository: { path: gitopsPath, branch: 'main' },
  };
  const location = localCatalogLocation({
    repositoryPath: gitopsPath,
    targetPathPattern: gitops.targetPathPattern,
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogScaffolderEntityModel,
      scaffolderPlugin,
      valkeyScaffolderModule,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            workingDirectory: path.join(options.tmp, 'work'),
          },
          scaffolder: appConfig.scaffolder,
          catalog: {
            processingInterval: { minutes: 30 },
            rules: appConfig.catalog.rules,
            locations: [
              ...options.templates.map(t => ({
                type: 'file',
                target: path.join(repoRoot, 'templates', t, 'template.yaml'),
              })),
              { type: 'file', target: location.target },
              ...(options.entityFiles ?? []).map(target => ({
                type: 'file',
                target,
              })),
            ],
          },
          valkey: { gitops },
        },
      }),
    ],
  });
  const server = backend.server;
  for (const t of options.templates) {
    await waitFor(
      `template ${t} in the catalog`,
      async () => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/template/default/${t}`)
          .set('Authorization', userAuth);
        return res.status === 200 ? true : undefined;
      },
      60_000,
    );
  }
  return { server, gitopsPath, stop: () => backend.stop() };
}

export interface TaskRun {
  id: string;
  status: string;
  /** Every log line of the task, joined. */
  log: string;
  /** The template's output (links, text), when the task completed. */
  output: any;
}

/** Runs a template to its end and returns what the task page would show. */
export async function runTemplate(
  server: any,
  templateName: string,
  values: object,
): Promise<TaskRun> {
  const res = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', userAuth)
    .send({ templateRef: `template:default/${templateName}`, values });
  if (res.status !== 201)
    throw new Error(`task not created: ${JSON.stringify(res.body)}`);
  const task = await waitFor(
    'the task to finish',
    async () => {
      const t = await request(server)
        .get(`/api/scaffolder/v2/tasks/${res.body.id}`)
        .set('Authorization', userAuth);
      return ['completed', 'failed', 'cancelled'].includes(t.body.status)
        ? t.body
        : undefined;
    },
    120_000,
  );
  const events = await request(server)
    .get(`/api/scaffolder/v2/tasks/${res.body.id}/events`)
    .set('Authorization', userAuth);
  const log = events.body
    .filter((e: any) => e.type === 'log')
    .map((e: any) => e.body.message)
    .join('\n');
  const completion = events.body.find((e: any) => e.type === 'completion');
  return {
    id: res.body.id,
    status: task.status,
    log,
    output: completion?.body.output,
  };
}

/** Makes `gitopsPath` a Git repository whose first commit holds `files` (foreign files no step may touch). */
export function initGitopsRepository(
  gitopsPath: string,
  files: Record<string, string>,
) {
  execFileSync('git', ['init', '-q', '-b', 'main', gitopsPath]);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(gitopsPath, file)), {
      recursive: true,
    });
    fs.writeFileSync(path.join(gitopsPath, file), content);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitopsPath, ...args]);
  git('add', '-A');
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@localhost',
    'commit',
    '-qm',
    'foreign files',
  );
}
