import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs';
import path from 'path';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import { createRenderGitopsAction } from './renderGitops';
import { createRetireInstanceAction } from './retireInstance';

/**
 * Hostile and mistaken inputs of the day-2 paths: each refused with a message
 * that says what to change, before anything is read or written.
 */
describe('day-2 inputs of valkey:gitops:render and valkey:gitops:retire', () => {
  const repo = createMockDirectory();
  const workspace = createMockDirectory();
  const config = new ConfigReader({
    valkey: {
      gitops: {
        ...rawGitopsConfig,
        chart: { source: 'vendored' },
        localRepository: { path: repo.path },
      },
    },
  });
  const render = createRenderGitopsAction({
    config,
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
  });
  const retire = createRetireInstanceAction({
    config,
    catalog: catalogServiceMock(),
  });
  beforeEach(() => {
    repo.clear();
    workspace.clear();
  });

  const run = (action: any, input: unknown) =>
    action.handler(
      createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
    );

  it.each([
    ['a string', 'orders-cache', /change: must be an object with "of"/],
    ['an array', ['orders-cache'], /change: must be an object with "of"/],
    ['no name', { confirmDestructive: true }, /change: must be an object/],
    [
      'a non-boolean confirmation',
      { of: 'orders-cache', confirmDestructive: 'yes' },
      /change.confirmDestructive: must be true or false/,
    ],
    [
      'a pull request without its repository',
      { of: 'orders-cache', from: 'github-pr' },
      /Choose the GitOps repository under "Where to publish"/,
    ],
    [
      'a repository of its own',
      {
        of: 'orders-cache',
        from: 'new-repository',
        repoUrl: 'github.com?owner=a&repo=b',
      },
      /in a repository of its own cannot be changed from here/,
    ],
    [
      'a publisher that is not a name',
      { of: 'orders-cache', from: 7 },
      /change.from: must be a publisher name/,
    ],
    [
      'another instance',
      { of: 'payments-cache' },
      /The name of an instance cannot be changed/,
    ],
  ])('render refuses change as %s', async (_what, change, message) => {
    await expect(
      run(render, { instance: specsByMode.replication, change }),
    ).rejects.toThrow(message);
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('render refuses a change of an instance whose folder is not a rendered one', async () => {
    repo.addContent({ 'valkey/orders-cache/values.yaml': 'a: 1\n' });
    await expect(
      run(render, {
        instance: specsByMode.replication,
        change: { of: 'orders-cache' },
      }),
    ).rejects.toThrow(/holds no instance.yaml/);
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it.each([
    ['a path', { name: '../etc', confirmName: '../etc' }, /name: must be/],
    ['a number', { name: 7, confirmName: 7 }, /name: must be/],
    [
      'a wrong confirmation',
      { name: 'orders-cache', confirmName: 'Orders-Cache' },
      /type its name exactly as confirmation; nothing was deleted/,
    ],
    [
      'a missing confirmation',
      { name: 'orders-cache' },
      /type its name exactly/,
    ],
    [
      'a non-boolean commitLocal',
      { name: 'orders-cache', confirmName: 'orders-cache', commitLocal: 'yes' },
      /commitLocal: must be true or false/,
    ],
    [
      'a folder that does not exist',
      { name: 'orders-cache', confirmName: 'orders-cache' },
      /There is no folder valkey\/orders-cache/,
    ],
  ])('retire refuses %s', async (_what, input, message) => {
    repo.addContent({ 'keep.txt': 'foreign' });
    await expect(run(retire, input)).rejects.toThrow(message);
    expect(fs.readFileSync(path.join(repo.path, 'keep.txt'), 'utf8')).toBe(
      'foreign',
    );
  });
});
