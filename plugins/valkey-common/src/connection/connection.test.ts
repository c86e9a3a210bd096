import { ValkeyMode } from '../status';
import { chartServiceNames, connectionFacts } from './connectionFacts';
import { connectionSnippets, PASSWORD_ENV } from './connectionSnippets';
import { parseConnectionAnnotation } from './parseConnectionAnnotation';

const modes: ValkeyMode[] = [
  'standalone',
  'replication',
  'sentinel',
  'cluster',
];

function facts(mode: ValkeyMode, tls: boolean, auth = true) {
  return connectionFacts({
    release: 'orders-cache',
    environment: 'prod',
    namespace: 'valkey',
    mode,
    servicePort: 6379,
    tls: { enabled: tls, port: 6380, disablePlaintext: false },
    readService: mode === 'replication' || mode === 'sentinel',
    primaryService: true,
    sentinel: { port: 26379, primaryName: 'mymaster' },
    ...(auth
      ? {
          password: {
            secretName: 'orders-cache-auth',
            secretKey: 'valkey-password',
          },
        }
      : {}),
    aclUsers: [],
  });
}

describe('connectionFacts', () => {
  it('names the Services the chart creates, truncated like Helm', () => {
    expect(chartServiceNames('orders-cache')).toEqual({
      primary: 'orders-cache-valkey',
      read: 'orders-cache-valkey-read',
      sentinel: 'orders-cache-valkey-sentinel',
    });
    const long = 'a'.repeat(60);
    const names = chartServiceNames(long);
    expect(names.primary.length).toBeLessThanOrEqual(63);
    expect(names.sentinel.length).toBeLessThanOrEqual(63);
    expect(names.read.length).toBeLessThanOrEqual(63);
  });

  it.each(
    modes.flatMap(
      m =>
        [
          [m, false],
          [m, true],
        ] as const,
    ),
  )(
    '%s with TLS %s: the endpoints of the mode on the right port',
    (mode, tls) => {
      const c = facts(mode, tls);
      const port = tls ? 6380 : 6379;
      expect(c.tls).toBe(tls);
      const service = {
        host: 'orders-cache-valkey.valkey.svc.cluster.local',
        port,
      };
      expect(c.clusterSeed).toEqual(mode === 'cluster' ? service : undefined);
      expect(c.primary).toEqual(mode === 'cluster' ? undefined : service);
      expect(c.sentinel).toEqual(
        mode === 'sentinel'
          ? {
              host: 'orders-cache-valkey-sentinel.valkey.svc.cluster.local',
              port: 26379,
              primaryName: 'mymaster',
            }
          : undefined,
      );
      expect(c.read !== undefined).toBe(
        mode === 'replication' || mode === 'sentinel',
      );
    },
  );
});

describe('connectionSnippets', () => {
  const combos = modes.flatMap(m =>
    [false, true].flatMap(tls =>
      [false, true].map(auth => [m, tls, auth] as const),
    ),
  );

  it.each(combos)(
    '%s, TLS %s, auth %s: every language names the endpoint, TLS and the Secret, never a password',
    (mode, tls, auth) => {
      const c = facts(mode, tls, auth);
      const snippets = connectionSnippets(c);
      expect(snippets.map(s => s.language)).toEqual([
        'node',
        'python',
        'go',
        'java',
        'spring',
      ]);
      const endpoint = c.sentinel ?? c.clusterSeed ?? c.primary!;
      for (const s of snippets) {
        expect([s.language, s.code.includes(endpoint.host)]).toEqual([
          s.language,
          true,
        ]);
        expect([s.language, s.code.includes(String(endpoint.port))]).toEqual([
          s.language,
          true,
        ]);
        expect([s.language, s.code.includes(PASSWORD_ENV)]).toEqual([
          s.language,
          auth,
        ]);
        expect(s.code).toContain(
          auth
            ? 'Secret orders-cache-auth, key valkey-password (namespace valkey)'
            : 'password authentication is off for prod',
        );
        expect([s.language, s.code.includes('mymaster')]).toEqual([
          s.language,
          mode === 'sentinel',
        ]);
      }
      const byLang = Object.fromEntries(
        snippets.map(s => [s.language, s.code]),
      );
      expect(byLang.node.includes('tls: {}')).toBe(tls);
      expect(/ssl=True/.test(byLang.python)).toBe(tls);
      expect(byLang.go.includes('tls.Config')).toBe(tls);
      expect(
        byLang.java.includes('withSsl(true)') ||
          byLang.java.includes('rediss://'),
      ).toBe(tls);
      expect(byLang.spring).toContain(`spring.data.redis.ssl.enabled=${tls}`);
      expect(byLang.node.includes('Valkey.Cluster')).toBe(mode === 'cluster');
      expect(byLang.python.includes('ValkeyCluster')).toBe(mode === 'cluster');
      expect(byLang.spring.includes('spring.data.redis.cluster.nodes')).toBe(
        mode === 'cluster',
      );
      expect(
        byLang.spring.includes('spring.data.redis.sentinel.master=mymaster'),
      ).toBe(mode === 'sentinel');
    },
  );
});

describe('parseConnectionAnnotation', () => {
  const good = JSON.stringify([facts('replication', true)]);

  it('reads what the renderer writes', () => {
    expect(parseConnectionAnnotation(good)).toEqual({
      ok: true,
      connections: [facts('replication', true)],
    });
  });

  it.each([
    ['missing', undefined, /no connection details yet/],
    ['not JSON', '{oops', /not readable/],
    ['an object', '{}', /not readable/],
    [
      'a host with code in it',
      good.replace('orders-cache-valkey.valkey', "x');process.exit(1);('"),
      /not readable/,
    ],
    [
      'a port out of range',
      good.replace(/"port":6380/, '"port":70000'),
      /not readable/,
    ],
    [
      'an unknown mode',
      good.replace('"replication"', '"multi-master"'),
      /not readable/,
    ],
    [
      'a Secret name with a quote',
      good.replace('orders-cache-auth', 'a"b'),
      /not readable/,
    ],
    [
      'no endpoint at all',
      JSON.stringify([{ ...facts('standalone', false), primary: undefined }]),
      /not readable/,
    ],
  ])('refuses %s with a plain message', (_what, value, message) => {
    expect(parseConnectionAnnotation(value as string | undefined)).toEqual({
      ok: false,
      message: expect.stringMatching(message),
    });
  });
});
