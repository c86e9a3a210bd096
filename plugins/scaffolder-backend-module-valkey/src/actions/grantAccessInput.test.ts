import { readGrantInput } from './grantAccessInput';

const valid = {
  instance: 'resource:default/orders-cache',
  consumer: 'component:default/checkout',
  keyPrefix: 'checkout',
  permissions: 'read-write',
  namespace: 'shop',
};

describe('readGrantInput', () => {
  it('reads entity refs and plain names alike', () => {
    expect(readGrantInput(valid)).toEqual({
      instance: 'orders-cache',
      consumer: 'component:default/checkout',
      userName: 'checkout',
      keyPrefix: 'checkout',
      permissions: 'read-write',
      namespace: 'shop',
    });
    expect(
      readGrantInput({
        ...valid,
        instance: 'orders-cache',
        consumer: 'checkout',
      }),
    ).toMatchObject({
      instance: 'orders-cache',
      consumer: 'component:default/checkout',
    });
  });

  it.each([null, [], 'x', 42])('refuses input %j', input =>
    expect(() => readGrantInput(input)).toThrow('input must be an object'),
  );

  it.each([
    undefined,
    '',
    'component:default/orders-cache',
    'resource:other/orders-cache',
    'resource:default/Orders',
    '../etc',
    'a'.repeat(41),
    42,
  ])('refuses instance %j', instance =>
    expect(() => readGrantInput({ ...valid, instance })).toThrow(
      'Instance: pick the Valkey instance from the list',
    ),
  );

  it.each([
    undefined,
    '',
    'resource:default/checkout',
    'group:team',
    'a b',
    '$(x)',
  ])('refuses consumer %j', consumer =>
    expect(() => readGrantInput({ ...valid, consumer })).toThrow(
      'Consumer: pick the component',
    ),
  );

  it.each([
    '',
    '*',
    'orders*',
    'orders:*',
    'ord?rs',
    'ord[er]s',
    'orders ',
    ' orders',
    'orders:',
    ':orders',
    'a::b',
    'ord\\ers',
    'orders\n',
    'ä',
    'x'.repeat(65),
  ])('refuses key prefix %j and says what to type', keyPrefix =>
    expect(() => readGrantInput({ ...valid, keyPrefix })).toThrow(
      /^Key prefix ".*": (must not be empty|use letters, digits, "-", "_" and "\.")/s,
    ),
  );

  it.each([
    'orders',
    'Orders_v2',
    'team.orders',
    'orders:eu-1',
    'x'.repeat(64),
  ])('accepts key prefix %j', keyPrefix =>
    expect(readGrantInput({ ...valid, keyPrefix }).keyPrefix).toBe(keyPrefix),
  );

  it('refuses a missing key prefix', () =>
    expect(() => readGrantInput({ ...valid, keyPrefix: undefined })).toThrow(
      'Key prefix: type the prefix',
    ));

  it.each([undefined, 'write', 'ADMIN', '+@all'])(
    'refuses permissions %j',
    permissions =>
      expect(() => readGrantInput({ ...valid, permissions })).toThrow(
        'Permissions: choose one of read-only, read-write, admin',
      ),
  );

  it.each(['Shop', 'shop_1', '-shop', 'a'.repeat(64), 'shop/x'])(
    'refuses namespace %j',
    namespace =>
      expect(() => readGrantInput({ ...valid, namespace })).toThrow(
        `Namespace "${namespace}": must be a Kubernetes namespace name`,
      ),
  );

  it.each([undefined, ''])('asks for a missing namespace (%j)', namespace =>
    expect(() => readGrantInput({ ...valid, namespace })).toThrow(
      'Namespace: type the Kubernetes namespace',
    ),
  );

  it('asks for a user name when the component name cannot be one', () =>
    expect(() =>
      readGrantInput({ ...valid, consumer: 'component:default/Checkout.Web' }),
    ).toThrow(
      'User name: the component\'s name "Checkout.Web" cannot be a user name',
    ));

  it.each(['default2', 'checkout-web'])(
    'takes the user name %j given',
    userName =>
      expect(readGrantInput({ ...valid, userName }).userName).toBe(userName),
  );

  it.each(['Admin', '1user', 'a b', 'x'.repeat(33)])(
    'refuses user name %j',
    userName =>
      expect(() => readGrantInput({ ...valid, userName })).toThrow(
        /^User name: /,
      ),
  );
});
