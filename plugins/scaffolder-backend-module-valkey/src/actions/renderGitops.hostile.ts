/**
 * Hostile or wrong inputs of valkey:gitops:render, each with the field its
 * refusal must name. The action's tests and the form check's end-to-end test
 * both run them, so the form and the action refuse the same inputs.
 */
import { specsByMode } from '../render/__fixtures__/fixtures';

const base = specsByMode.replication;

export const hostileRenderInputs: Array<
  [string, Record<string, unknown>, RegExp]
> = [
  [
    'path traversal in the name',
    { instance: { ...base, name: '../../etc' } },
    /name:/,
  ],
  ['a slash in the name', { instance: { ...base, name: 'a/b' } }, /name:/],
  [
    'upper case in the name',
    { instance: { ...base, name: 'Orders' } },
    /name:/,
  ],
  [
    'an overlong name',
    { instance: { ...base, name: 'x'.repeat(41) } },
    /name:/,
  ],
  ['an empty name', { instance: { ...base, name: '' } }, /name:/],
  ['a name ending in "-"', { instance: { ...base, name: 'orders-' } }, /name:/],
  [
    'YAML injection in the name',
    { instance: { ...base, name: 'orders\nkind: Secret' } },
    /name:/,
  ],
  [
    'template injection in the name',
    { instance: { ...base, name: '${{ secrets.token }}' } },
    /name:/,
  ],
  [
    'template injection in the description',
    { instance: { ...base, description: '{{ 7*7 }}' } },
    /description:/,
  ],
  [
    'scaffolder expression in the description',
    { instance: { ...base, description: '${{ parameters.owner }}' } },
    /description:/,
  ],
  [
    'YAML injection in the description',
    { instance: { ...base, description: 'x\nmetadata: {}' } },
    /description:/,
  ],
  [
    'HTML in the description',
    { instance: { ...base, description: '<img src=x onerror=alert(1)>' } },
    /description:/,
  ],
  [
    'YAML injection in the owner',
    { instance: { ...base, owner: 'group:default/team\nkind: User' } },
    /owner:/,
  ],
  [
    'path traversal in the owner',
    { instance: { ...base, owner: '../../root' } },
    /owner:/,
  ],
  [
    'path traversal in the system',
    { instance: { ...base, system: 'system:../x' } },
    /system:/,
  ],
  [
    'a huge environment list',
    {
      instance: {
        ...base,
        environments: Array.from({ length: 1000 }, (_, i) => ({
          name: `e${i}`,
        })),
      },
    },
    /environments:/,
  ],
  [
    'no environment',
    { instance: { ...base, environments: [] } },
    /environments:/,
  ],
  [
    'an unknown environment',
    { instance: { ...base, environments: [{ name: 'qa' }] } },
    /environments\[0\]\.name:.*not a configured environment/,
  ],
  [
    'a duplicated environment',
    {
      instance: { ...base, environments: [{ name: 'dev' }, { name: 'dev' }] },
    },
    /environments\[1\]\.name:/,
  ],
  [
    'path traversal in an environment',
    { instance: { ...base, environments: [{ name: '../prod' }] } },
    /environments\[0\]\.name:/,
  ],
  [
    'shards in replication mode',
    { instance: { ...base, topology: { shards: 3 } } },
    /topology\.shards: is not used in replication mode/,
  ],
  [
    'sentinels in standalone mode',
    { instance: { ...specsByMode.standalone, topology: { sentinels: 3 } } },
    /topology\.sentinels:/,
  ],
  [
    'an even number of Sentinels',
    {
      instance: {
        ...specsByMode.sentinel,
        topology: { replicas: 3, sentinels: 4 },
      },
    },
    /topology\.sentinels: must be odd/,
  ],
  [
    'a thousand replicas',
    { instance: { ...base, topology: { replicas: 1000 } } },
    /topology\.replicas:/,
  ],
  [
    'an override the mode does not allow',
    {
      instance: {
        ...base,
        environments: [{ name: 'dev', overrides: { topology: { shards: 6 } } }],
      },
    },
    /environments\[0\]\.overrides\.topology\.shards:/,
  ],
  [
    'a plaintext auth password',
    { instance: { ...base, auth: { enabled: true, password: 'hunter2' } } },
    /auth\.password: passwords and other secrets are never part/,
  ],
  [
    'a password at the top level',
    { instance: { ...base, password: 'hunter2' } },
    /password: passwords/,
  ],
  [
    'a password on an ACL user',
    {
      instance: {
        ...base,
        auth: {
          aclUsers: [{ name: 'app', permissions: 'read-only', password: 'x' }],
        },
      },
    },
    /auth\.aclUsers\[0\]\.password:/,
  ],
  [
    'an existingSecret smuggled into the spec',
    { instance: { ...base, auth: { existingSecret: 'other-team' } } },
    /auth\.existingSecret:/,
  ],
  [
    'auth overrides per environment',
    {
      instance: {
        ...base,
        environments: [
          { name: 'dev', overrides: { auth: { enabled: false } } },
        ],
      },
    },
    /environments\[0\]\.overrides\.auth:/,
  ],
  [
    'raw chart values',
    { instance: { ...base, values: { diagnosticMode: { enabled: true } } } },
    /values: is not a known field/,
  ],
  [
    'a cron schedule in words',
    {
      instance: {
        ...base,
        backups: { enabled: true, schedule: 'every day' },
      },
    },
    /backups\.schedule: must be a cron schedule/,
  ],
  [
    'a minute out of range',
    {
      instance: {
        ...base,
        backups: { enabled: true, schedule: '61 * * * *' },
      },
    },
    /backups\.schedule:/,
  ],
  [
    'four cron fields',
    {
      instance: { ...base, backups: { enabled: true, schedule: '* * * *' } },
    },
    /backups\.schedule:/,
  ],
  [
    'shell after the cron schedule',
    {
      instance: {
        ...base,
        backups: { enabled: true, schedule: '0 2 * * *; rm -rf /' },
      },
    },
    /backups\.schedule:/,
  ],
  ['an unknown mode', { instance: { ...base, mode: 'master-slave' } }, /mode:/],
  ['an unknown size', { instance: { ...base, size: 'huge' } }, /size:/],
  [
    'a volume size with the wrong unit',
    { instance: { ...base, persistence: { enabled: true, size: '10GB' } } },
    /persistence\.size:/,
  ],
  [
    'a hundred ACL users',
    {
      instance: {
        ...base,
        auth: {
          aclUsers: Array.from({ length: 100 }, (_, i) => ({
            name: `u${i}`,
            permissions: 'read-only',
          })),
        },
      },
    },
    /auth\.aclUsers:/,
  ],
  [
    'the default user as an ACL user',
    {
      instance: {
        ...base,
        auth: { aclUsers: [{ name: 'default', permissions: 'admin' }] },
      },
    },
    /auth\.aclUsers\[0\]\.name:/,
  ],
  [
    'raw ACL rules instead of a preset',
    {
      instance: {
        ...base,
        auth: {
          aclUsers: [{ name: 'app', permissions: '+@all ~* >secret' }],
        },
      },
    },
    /auth\.aclUsers\[0\]\.permissions:/,
  ],
  [
    'ACL users with auth off',
    {
      instance: {
        ...base,
        auth: {
          enabled: false,
          aclUsers: [{ name: 'app', permissions: 'read-only' }],
        },
      },
    },
    /auth\.aclUsers: ACL users require auth/,
  ],
  [
    'alerts without metrics',
    { instance: { ...base, metrics: { enabled: false, alerts: true } } },
    /metrics\.alerts: requires metrics\.enabled/,
  ],
  [
    'an unknown image variant',
    { instance: { ...base, image: { variant: 'alpine' } } },
    /image\.variant:/,
  ],
  [
    'the repository chart source without a configured repository',
    { instance: { ...base, chart: { source: 'repository' } } },
    /chart\.source:/,
  ],
  [
    'a policy violation (standalone in prod)',
    {
      instance: {
        ...specsByMode.standalone,
        environments: [{ name: 'prod' }],
      },
    },
    /environment "prod": mode: .*not allowed/,
  ],
  [
    'TLS where no issuer is configured',
    {
      instance: {
        ...base,
        environments: [{ name: 'dev', overrides: { tls: { enabled: true } } }],
      },
    },
    /environment "dev": environments\[0\]\.overrides\.tls\.enabled:/,
  ],
  ['an instance that is a string', { instance: 'name: orders' }, /\(spec\):/],
  ['no instance at all', {}, /\(spec\):/],
  [
    'path traversal in the new repository',
    { instance: base, repository: 'github.com?owner=..&repo=x' },
    /repository:/,
  ],
  [
    'a host with a path in the new repository',
    { instance: base, repository: 'evil.example.com/x?owner=a&repo=b' },
    /repository:/,
  ],
];
