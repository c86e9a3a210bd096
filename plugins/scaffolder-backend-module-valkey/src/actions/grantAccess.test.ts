import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseStoredInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import { createGrantAccessAction, GRANT_ACCESS_ACTION_ID } from './grantAccess';
import { createRenderGitopsAction } from './renderGitops';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
};

describe('valkey:gitops:grant-access', () => {
  const repo = createMockDirectory();
  const workspace = createMockDirectory();
  const config = new ConfigReader({
    valkey: {
      gitops: {
        ...rawGitopsConfig,
        chart: { source: 'vendored' },
        localRepository: { path: repo.path, branch: 'main' },
      },
    },
  });
  const action = createGrantAccessAction({
    config,
    catalog: catalogServiceMock({ entities: [checkout] }),
  });

  beforeEach(async () => {
    repo.clear();
    workspace.clear();
    // The stored folder: orders-cache as the render action wrote it.
    await createRenderGitopsAction({
      config,
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
    }).handler(
      createMockActionContext({
        input: { instance: specsByMode.replication } as any,
        workspacePath: repo.path,
      }) as any,
    );
  });

  function grant(input: Record<string, unknown>, into = workspace.path) {
    const ctx = createMockActionContext({
      input: {
        instance: 'resource:default/orders-cache',
        consumer: 'component:default/checkout',
        keyPrefix: 'checkout',
        permissions: 'read-write',
        namespace: 'shop',
        ...input,
      } as any,
      workspacePath: into,
    });
    return { ctx, done: action.handler(ctx as any) };
  }

  const folder = (dir: { content(o: { path: string }): any }, file: string) =>
    dir.content({ path: 'valkey/orders-cache' })?.[file];

  it('has the documented id', () =>
    expect(GRANT_ACCESS_ACTION_ID).toBe('valkey:gitops:grant-access'));

  it('adds the user limited to its prefix, with its Secret in the consumer namespace', async () => {
    const { ctx, done } = grant({});
    await done;
    const stored = parseStoredInstanceSpec(folder(workspace, 'instance.yaml'));
    if (!stored.success) throw new Error('instance.yaml does not parse');
    expect(stored.spec.auth?.aclUsers).toEqual([
      { name: 'orders-api', permissions: 'read-write' },
      { name: 'reporting', permissions: 'read-only' },
      {
        name: 'checkout',
        permissions: 'read-write',
        keyPrefix: 'checkout',
        consumer: 'component:default/checkout',
        consumerNamespace: 'shop',
      },
    ]);
    expect(folder(workspace, 'values.yaml')).toContain(
      'permissions: ~checkout:* &checkout:* +@all -@admin -@dangerous',
    );
    const secrets = workspace.content({ path: 'valkey/orders-cache/secrets' });
    expect(secrets?.['dev-README.md']).toContain(
      'kubectl create secret generic orders-cache-acl-checkout --namespace shop \\',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'secretName',
      'orders-cache-acl-checkout',
    );
    expect(ctx.output).toHaveBeenCalledWith('userName', 'checkout');
    expect(ctx.output).toHaveBeenCalledWith(
      'changeSummary',
      expect.stringContaining('changed'),
    );
    expect(ctx.output).toHaveBeenCalledWith('filesToDelete', []);
  });

  it('refuses a second grant for the same component, under any user name', async () => {
    await grant({}, repo.path).done;
    await expect(
      grant({ userName: 'checkout-two', keyPrefix: 'other' }).done,
    ).rejects.toThrow(
      'component:default/checkout already has access to orders-cache as user "checkout" with key prefix "checkout"',
    );
    expect(workspace.content()).toEqual({});
  });

  /** After "checkout" is granted, billing asks for `prefix`. */
  async function grantBillingAfterCheckout(prefix: string) {
    await grant({}, repo.path).done;
    const catalog = catalogServiceMock({
      entities: [
        checkout,
        { ...checkout, metadata: { name: 'billing', namespace: 'default' } },
      ],
    });
    return createGrantAccessAction({ config, catalog }).handler(
      createMockActionContext({
        input: {
          instance: 'orders-cache',
          consumer: 'billing',
          keyPrefix: prefix,
          permissions: 'read-only',
          namespace: 'billing',
        } as any,
        workspacePath: workspace.path,
      }) as any,
    );
  }

  it.each(['checkout', 'checkout:eu'])(
    'with "checkout" granted, refuses the overlapping prefix %j',
    async prefix => {
      await expect(grantBillingAfterCheckout(prefix)).rejects.toThrow(
        `Key prefix "${prefix}" overlaps "checkout" of user "checkout"`,
      );
      expect(workspace.content()).toEqual({});
    },
  );

  it('with "checkout" granted, accepts the prefix "check", which does not overlap', async () => {
    await grantBillingAfterCheckout('check');
    expect(folder(workspace, 'values.yaml')).toContain(
      'permissions: ~check:* &check:* -@all +@read +@connection',
    );
  });

  it('refuses an instance that has no folder, writing nothing', async () => {
    await expect(grant({ instance: 'payments-cache' }).done).rejects.toThrow(
      'There is no instance payments-cache in the GitOps repository',
    );
    expect(workspace.content()).toEqual({});
  });

  it('refuses a component that is not in the catalog', async () => {
    await expect(
      grant({ consumer: 'component:default/ghost' }).done,
    ).rejects.toThrow('There is no component component:default/ghost');
    expect(workspace.content()).toEqual({});
  });

  it('refuses a user name the instance already has', async () => {
    await expect(grant({ userName: 'reporting' }).done).rejects.toThrow(
      'orders-cache already has a user named "reporting"',
    );
  });
});
