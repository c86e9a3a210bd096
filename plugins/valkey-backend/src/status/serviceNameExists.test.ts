import { serviceNameExists } from './serviceNameExists';

describe('serviceNameExists', () => {
  it('a name the resolver knows, or an address, exists', async () => {
    await expect(serviceNameExists('localhost')).resolves.toBe(true);
    await expect(serviceNameExists('127.0.0.1')).resolves.toBe(true);
  });

  it('a name with no DNS record (a Service never created) does not', async () => {
    await expect(serviceNameExists('fresh-valkey.dev.invalid')).resolves.toBe(
      false,
    );
  });
});
