import {
  aclRulesFor,
  keyPrefixesOverlap,
  keyPrefixProblem,
  parseValkeyInstanceSpec,
} from '.';

describe('key prefixes', () => {
  it.each([
    ['orders', 'orders', true],
    ['orders', 'orders:eu', true],
    ['orders:eu', 'orders', true],
    ['orders:eu', 'orders:us', false],
    ['orders', 'orders-eu', false],
    ['order', 'orders', false],
    ['a.b', 'a', false],
  ])('%j and %j overlap: %j', (a, b, overlap) =>
    expect(keyPrefixesOverlap(a, b)).toBe(overlap),
  );

  it.each(['', '*', 'a*', 'a b', 'a:', ':a', 'a::b', 'x'.repeat(65), 'ä'])(
    'refuses %j',
    prefix => expect(keyPrefixProblem(prefix)).toBeDefined(),
  );

  it('limits every preset to the prefix, keys and channels', () => {
    expect(aclRulesFor('read-only', 'orders')).toBe(
      '~orders:* &orders:* -@all +@read +@connection',
    );
    expect(aclRulesFor('read-write', 'orders')).toBe(
      '~orders:* &orders:* +@all -@admin -@dangerous',
    );
    expect(aclRulesFor('admin', 'orders:eu')).toBe(
      '~orders:eu:* &orders:eu:* +@all',
    );
    expect(aclRulesFor('admin')).toBe('~* &* +@all');
  });
});

describe('ACL users with consumers', () => {
  const spec = (aclUsers: object[]) => ({
    name: 'orders-cache',
    owner: 'group:default/team-orders',
    mode: 'standalone',
    auth: { aclUsers },
    environments: [{ name: 'dev' }],
  });
  const issues = (aclUsers: object[]) => {
    const result = parseValkeyInstanceSpec(spec(aclUsers));
    return result.success ? [] : result.issues;
  };
  const user = {
    name: 'checkout',
    permissions: 'read-write',
    keyPrefix: 'checkout',
    consumer: 'component:default/checkout',
    consumerNamespace: 'shop',
  };

  it('accepts a user with prefix, consumer and namespace', () =>
    expect(issues([user])).toEqual([]));

  it('refuses two users of one consumer', () =>
    expect(
      issues([user, { ...user, name: 'checkout2', keyPrefix: 'other' }]),
    ).toEqual([
      expect.objectContaining({
        field: 'auth.aclUsers[1].consumer',
        message: expect.stringContaining(
          'component:default/checkout already has access as user "checkout"',
        ),
      }),
    ]));

  it('refuses overlapping prefixes', () =>
    expect(
      issues([
        user,
        { name: 'billing', permissions: 'read-only', keyPrefix: 'checkout:eu' },
      ]),
    ).toEqual([
      expect.objectContaining({
        field: 'auth.aclUsers[1].keyPrefix',
        message: expect.stringContaining(
          'overlaps "checkout" of user "checkout"',
        ),
      }),
    ]));

  it.each([
    [{ keyPrefix: 'a*' }, 'keyPrefix'],
    [{ consumer: 'checkout' }, 'consumer'],
    [{ consumer: 'resource:default/x' }, 'consumer'],
    [{ consumerNamespace: 'Shop' }, 'consumerNamespace'],
    [{ consumerNamespace: 'a'.repeat(64) }, 'consumerNamespace'],
  ])('refuses %j', (change, field) =>
    expect(issues([{ ...user, ...change }]).map(i => i.field)).toEqual([
      `auth.aclUsers[0].${field}`,
    ]),
  );
});
