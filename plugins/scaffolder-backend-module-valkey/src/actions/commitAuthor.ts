import { Config } from '@backstage/config';

/** The author of local commits: `scaffolder.defaultAuthor`, as the scaffolder's own publish actions use it. */
export function commitAuthor(config: Config) {
  return {
    name:
      config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Backstage',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'backstage@localhost',
  };
}
