/** The form's field rules are the instance spec's JSON schema rules: the form and the action refuse the same values. */
import { valkeyInstanceSpecJsonSchema } from '@valkey-backstage/plugin-valkey-common';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../lib/helm';

const template = parse(
  fs.readFileSync(
    path.join(repoRoot, 'templates/valkey-instance/template.yaml'),
    'utf8',
  ),
);
const spec = valkeyInstanceSpecJsonSchema().properties;
const field = (page: number, name: string) =>
  template.spec.parameters[page].properties[name];
const rules = (s: any) => ({
  pattern: s.pattern,
  maxLength: s.maxLength,
  enum: s.enum,
});

describe('templates/valkey-instance/template.yaml', () => {
  it.each([
    [0, 'name', spec.name],
    [0, 'owner', spec.owner],
    [0, 'system', spec.system],
    [0, 'description', spec.description],
    [1, 'mode', spec.mode],
    [1, 'size', spec.size],
    [1, 'persistenceSize', spec.persistence.properties.size],
    [4, 'backupSchedule', spec.backups.properties.schedule],
    [3, 'imageVariant', spec.image.properties.variant],
  ])('page %i field %s has the spec rules', (page, name, specField) => {
    expect(rules(field(page as number, name as string))).toEqual(
      rules(specField),
    );
  });

  it('environment and ACL user items have the spec rules', () => {
    const env = field(2, 'environments');
    expect(env.maxItems).toBe(spec.environments.maxItems);
    expect(rules(env.items.properties.name)).toEqual(
      rules(spec.environments.items.properties.name),
    );
    const users = field(3, 'aclUsers');
    expect(users.maxItems).toBe(spec.auth.properties.aclUsers.maxItems);
    expect(rules(users.items.properties.name)).toEqual(
      rules(spec.auth.properties.aclUsers.items.properties.name),
    );
    expect(rules(users.items.properties.permissions)).toEqual(
      rules(spec.auth.properties.aclUsers.items.properties.permissions),
    );
  });

  it("ACL user items carry every field of the spec, so changing an instance keeps a granted user's limits", () => {
    const users = field(3, 'aclUsers');
    expect(Object.keys(users.items.properties).sort()).toEqual(
      Object.keys(spec.auth.properties.aclUsers.items.properties).sort(),
    );
  });

  it('publishes through the render action, then one publisher chosen by a parameter, then catalog:register', () => {
    const steps = template.spec.steps.map((s: any) => s.action);
    expect(steps[0]).toBe('valkey:gitops:render');
    expect(steps).toEqual(
      expect.arrayContaining([
        'valkey:gitops:commit-local',
        'publish:github:pull-request',
        'publish:gitlab:merge-request',
        'publish:github',
        'catalog:register',
      ]),
    );
    const pr = template.spec.steps.find(
      (s: any) => s.action === 'publish:github:pull-request',
    );
    expect(pr.input).toMatchObject({
      branchName: 'valkey/${{ parameters.name }}',
      targetPath: '${{ steps.render.output.targetPath }}',
      description: '${{ steps.render.output.pullRequestBody }}',
      filesToDelete: '${{ steps.render.output.filesToDelete }}',
      update: true,
    });
  });
});
