import { isDnsLabel } from './dnsLabel';

describe('isDnsLabel', () => {
  it.each(['a', 'orders-cache', '0abc', 'a1-b2'])('accepts %s', v => {
    expect(isDnsLabel(v)).toBe(true);
  });
  it.each(['', '-a', 'a-', 'Orders', 'a_b', 'a.b', 'a'.repeat(64)])(
    'refuses %j',
    v => {
      expect(isDnsLabel(v)).toBe(false);
    },
  );
  it('applies a shorter limit', () => {
    expect(isDnsLabel('a'.repeat(53), 53)).toBe(true);
    expect(isDnsLabel('a'.repeat(54), 53)).toBe(false);
  });
});
