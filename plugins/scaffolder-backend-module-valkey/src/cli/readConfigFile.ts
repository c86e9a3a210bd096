import { ConfigReader } from '@backstage/config';
import fs from 'fs';
import { parse } from 'yaml';
import { readGitopsConfig, GitopsConfig } from '../config/gitopsConfig';
import { UsageError } from './usageError';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${VAR}` in every string with the environment variable, or fails naming the variable and key. */
function substituteEnv(
  value: unknown,
  path: string,
  env: NodeJS.ProcessEnv,
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_, name: string) => {
      const resolved = env[name];
      if (resolved === undefined) {
        throw new UsageError(
          `${path}: refers to \${${name}}, which is not set in the environment; set it or replace the reference`,
        );
      }
      return resolved;
    });
  }
  if (Array.isArray(value))
    return value.map((v, i) => substituteEnv(v, `${path}[${i}]`, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        substituteEnv(v, path ? `${path}.${k}` : k, env),
      ]),
    );
  }
  return value;
}

/** Reads `valkey.gitops` from an app-config file, the same way the backend reads it. */
export function readGitopsConfigFile(
  file: string,
  env = process.env,
): GitopsConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(
      `cannot read the config file ${file}; pass --config app-config.yaml`,
    );
  }
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (e) {
    throw new UsageError(`${file} is not valid YAML: ${(e as Error).message}`);
  }
  const valkey = (data as any)?.valkey;
  const substituted = substituteEnv(valkey, 'valkey', env);
  return readGitopsConfig(
    new ConfigReader({ valkey: substituted } as any, file),
  );
}
