/**
 * Code that connects an application to one environment of an instance, per
 * language, generated from its EnvironmentConnection alone. The password is
 * read from an environment variable that the application fills from the
 * named Secret key; it is never part of a snippet.
 */
import type {
  ConnectionEndpoint,
  EnvironmentConnection,
} from './connectionFacts';

export type SnippetLanguage = 'node' | 'python' | 'go' | 'java' | 'spring';

export interface ConnectionSnippet {
  language: SnippetLanguage;
  /** Tab label, e.g. "Node.js (iovalkey)". */
  title: string;
  /** Syntax name for highlighting. */
  syntax: 'javascript' | 'python' | 'go' | 'java' | 'properties';
  code: string;
}

/** The environment variable every snippet reads the password from. */
export const PASSWORD_ENV = 'VALKEY_PASSWORD';

/** Where writes go: the primary Service, or for Sentinel and cluster what the client asks first. */
export function writeEndpoint(
  c: EnvironmentConnection,
): ConnectionEndpoint | undefined {
  return c.primary ?? c.clusterSeed;
}

function secretLine(c: EnvironmentConnection, comment: string): string {
  return c.password
    ? `${comment} ${PASSWORD_ENV} comes from Secret ${c.password.secretName}, key ${c.password.secretKey} (namespace ${c.namespace})`
    : `${comment} password authentication is off for ${c.environment}`;
}

function node(c: EnvironmentConnection): string {
  const pw = c.password ? `\n  password: process.env.${PASSWORD_ENV},` : '';
  const tls = c.tls ? '\n  tls: {},' : '';
  const lines = [secretLine(c, '//'), "import Valkey from 'iovalkey';", ''];
  if (c.clusterSeed) {
    lines.push(
      'const valkey = new Valkey.Cluster(',
      `  [{ host: '${c.clusterSeed.host}', port: ${c.clusterSeed.port} }],`,
      `  { redisOptions: {${
        c.password ? ` password: process.env.${PASSWORD_ENV},` : ''
      }${c.tls ? ' tls: {},' : ''} } },`,
      ');',
    );
  } else if (c.sentinel) {
    lines.push(
      'const valkey = new Valkey({',
      `  sentinels: [{ host: '${c.sentinel.host}', port: ${c.sentinel.port} }],`,
      `  name: '${c.sentinel.primaryName}',${pw}${
        c.password ? `\n  sentinelPassword: process.env.${PASSWORD_ENV},` : ''
      }${
        c.tls
          ? '\n  tls: {},\n  sentinelTLS: {},\n  enableTLSForSentinelMode: true,'
          : ''
      }`,
      '});',
    );
  } else {
    const p = c.primary!;
    lines.push(
      'const valkey = new Valkey({',
      `  host: '${p.host}',`,
      `  port: ${p.port},${pw}${tls}`,
      '});',
    );
    if (c.read)
      lines.push(
        '// reads that may lag behind writes:',
        `const replicas = new Valkey({ host: '${c.read.host}', port: ${
          c.read.port
        },${c.password ? ` password: process.env.${PASSWORD_ENV},` : ''}${
          c.tls ? ' tls: {},' : ''
        } });`,
      );
  }
  return lines.join('\n');
}

function python(c: EnvironmentConnection): string {
  const pw = c.password ? `, password=os.environ["${PASSWORD_ENV}"]` : '';
  const tls = c.tls ? ', ssl=True' : '';
  const lines = [secretLine(c, '#'), 'import os', ''];
  if (c.clusterSeed) {
    lines.push(
      'from valkey.cluster import ValkeyCluster',
      '',
      `valkey = ValkeyCluster(host="${c.clusterSeed.host}", port=${c.clusterSeed.port}${pw}${tls})`,
    );
  } else if (c.sentinel) {
    lines.push(
      'from valkey.sentinel import Sentinel',
      '',
      `sentinel = Sentinel([("${c.sentinel.host}", ${c.sentinel.port})]${
        c.password || c.tls
          ? `, sentinel_kwargs={${[
              c.password ? `"password": os.environ["${PASSWORD_ENV}"]` : '',
              c.tls ? '"ssl": True' : '',
            ]
              .filter(Boolean)
              .join(', ')}}`
          : ''
      }${pw}${tls})`,
      `valkey = sentinel.master_for("${c.sentinel.primaryName}")`,
    );
  } else {
    lines.push(
      'import valkey as valkey_client',
      '',
      `valkey = valkey_client.Valkey(host="${c.primary!.host}", port=${
        c.primary!.port
      }${pw}${tls})`,
    );
    if (c.read)
      lines.push(
        `replicas = valkey_client.Valkey(host="${c.read.host}", port=${c.read.port}${pw}${tls})  # reads that may lag`,
      );
  }
  return lines.join('\n');
}

function go(c: EnvironmentConnection): string {
  const fields: string[] = [];
  if (c.clusterSeed)
    fields.push(
      `InitAddress: []string{"${c.clusterSeed.host}:${c.clusterSeed.port}"},`,
    );
  else if (c.sentinel)
    fields.push(
      `InitAddress: []string{"${c.sentinel.host}:${c.sentinel.port}"},`,
      `Sentinel:    valkey.SentinelOption{MasterSet: "${
        c.sentinel.primaryName
      }"${c.password ? `, Password: os.Getenv("${PASSWORD_ENV}")` : ''}${
        c.tls ? ', TLSConfig: &tls.Config{}' : ''
      }},`,
    );
  else
    fields.push(
      `InitAddress: []string{"${c.primary!.host}:${c.primary!.port}"},`,
    );
  if (c.password) fields.push(`Password:    os.Getenv("${PASSWORD_ENV}"),`);
  if (c.tls) fields.push('TLSConfig:   &tls.Config{},');
  return [
    secretLine(c, '//'),
    'import (',
    ...(c.tls ? ['\t"crypto/tls"'] : []),
    ...(c.password ? ['\t"os"'] : []),
    '',
    '\t"github.com/valkey-io/valkey-go"',
    ')',
    '',
    'client, err := valkey.NewClient(valkey.ClientOption{',
    ...fields.map(f => `\t${f}`),
    '})',
  ].join('\n');
}

function java(c: EnvironmentConnection): string {
  const scheme = c.tls ? 'rediss' : 'redis';
  const pw = c.password
    ? `.withPassword(System.getenv("${PASSWORD_ENV}").toCharArray())`
    : '';
  const lines = [secretLine(c, '//'), '// Lettuce (io.lettuce:lettuce-core)'];
  if (c.clusterSeed) {
    lines.push(
      `RedisURI uri = RedisURI.Builder.redis("${c.clusterSeed.host}", ${
        c.clusterSeed.port
      })${c.tls ? '.withSsl(true)' : ''}${pw}.build();`,
      'RedisClusterClient client = RedisClusterClient.create(uri);',
      'StatefulRedisClusterConnection<String, String> connection = client.connect();',
    );
  } else if (c.sentinel) {
    lines.push(
      `RedisURI uri = RedisURI.Builder.sentinel("${c.sentinel.host}", ${
        c.sentinel.port
      }, "${c.sentinel.primaryName}")${
        c.tls ? '.withSsl(true)' : ''
      }${pw}.build();`,
      'RedisClient client = RedisClient.create(uri);',
      'StatefulRedisConnection<String, String> connection = client.connect();',
    );
  } else {
    lines.push(
      `RedisURI uri = RedisURI.create("${scheme}://${c.primary!.host}:${
        c.primary!.port
      }");`,
      ...(c.password
        ? [
            `uri.setCredentialsProvider(RedisCredentialsProvider.from(() -> RedisCredentials.just(null, System.getenv("${PASSWORD_ENV}"))));`,
          ]
        : []),
      'RedisClient client = RedisClient.create(uri);',
      'StatefulRedisConnection<String, String> connection = client.connect();',
    );
  }
  return lines.join('\n');
}

function spring(c: EnvironmentConnection): string {
  const lines = [secretLine(c, '#')];
  if (c.clusterSeed)
    lines.push(
      `spring.data.redis.cluster.nodes=${c.clusterSeed.host}:${c.clusterSeed.port}`,
    );
  else if (c.sentinel)
    lines.push(
      `spring.data.redis.sentinel.master=${c.sentinel.primaryName}`,
      `spring.data.redis.sentinel.nodes=${c.sentinel.host}:${c.sentinel.port}`,
      ...(c.password
        ? [`spring.data.redis.sentinel.password=\${${PASSWORD_ENV}}`]
        : []),
    );
  else
    lines.push(
      `spring.data.redis.host=${c.primary!.host}`,
      `spring.data.redis.port=${c.primary!.port}`,
    );
  if (c.password) lines.push(`spring.data.redis.password=\${${PASSWORD_ENV}}`);
  lines.push(`spring.data.redis.ssl.enabled=${c.tls}`);
  return lines.join('\n');
}

/** One snippet per language for one environment. */
export function connectionSnippets(
  c: EnvironmentConnection,
): ConnectionSnippet[] {
  return [
    {
      language: 'node',
      title: 'Node.js (iovalkey)',
      syntax: 'javascript',
      code: node(c),
    },
    {
      language: 'python',
      title: 'Python (valkey-py)',
      syntax: 'python',
      code: python(c),
    },
    { language: 'go', title: 'Go (valkey-go)', syntax: 'go', code: go(c) },
    {
      language: 'java',
      title: 'Java (Lettuce)',
      syntax: 'java',
      code: java(c),
    },
    {
      language: 'spring',
      title: 'Spring Boot',
      syntax: 'properties',
      code: spring(c),
    },
  ];
}
