/**
 * The real scaffolder backend with our module, the real GitHub and GitLab
 * scaffolder modules and the real template, for end-to-end template runs.
 * Integrations point at whatever the caller passes (the SCM stand-ins).
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import valkeyScaffolderModule from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { repoRoot } from './helm';

export const templatePath = path.join(
  repoRoot,
  'templates',
  'valkey-instance',
  'template.yaml',
);
export const templateRef = 'template:default/valkey-instance';

/** The template as the catalog holds it (namespace and location filled in). */
export function templateEntity() {
  const template = parse(fs.readFileSync(templatePath, 'utf8'));
  return {
    ...template,
    metadata: {
      ...template.metadata,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${templatePath}`,
      },
    },
  };
}

/** The in-memory catalog, with the locations catalog:register adds recorded (the in-memory client has no addLocation). */
function catalogRecordingLocations(entities: any[], locations: string[]) {
  const memory: any = catalogServiceMock({ entities });
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(memory))
    .filter(
      name => name !== 'constructor' && typeof memory[name] === 'function',
    )
    .map(name => [name, memory[name].bind(memory)]);
  return catalogServiceMock.mock({
    ...Object.fromEntries(methods),
    addLocation: async (location: { type?: string; target: string }) => {
      locations.push(location.target);
      return {
        location: {
          id: String(locations.length),
          type: location.type ?? 'url',
          target: location.target,
        },
        entities: [],
        exists: false,
      };
    },
  });
}

export async function startScaffolderBackend(options: {
  workDir: string;
  integrations: Record<string, unknown>;
  /** Receives the targets catalog:register adds. */
  registeredLocations?: string[];
}) {
  const appConfig = parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  fs.mkdirSync(options.workDir, { recursive: true });
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      valkeyScaffolderModule,
      githubModule,
      gitlabModule,
      catalogRecordingLocations(
        [templateEntity()],
        options.registeredLocations ?? [],
      ).factory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            workingDirectory: options.workDir,
          },
          integrations: options.integrations as Record<string, any>,
          scaffolder: appConfig.scaffolder,
          valkey: { gitops: appConfig.valkey.gitops },
        },
      }),
    ],
  });
  return backend;
}
