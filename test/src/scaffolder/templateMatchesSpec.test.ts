/** The form's field rules are the instance spec's JSON schema rules, or a live check that asks the action's own parser: the form and the action refuse the same values. */
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
/** A page's field, also when a choice on the page shows it (`dependencies`). */
const field = (page: number, name: string) => {
  const step = template.spec.parameters[page];
  if (step.properties[name]) return step.properties[name];
  for (const dep of Object.values<any>(step.dependencies ?? {})) {
    for (const branch of dep.oneOf ?? []) {
      if (branch.properties?.[name]) return branch.properties[name];
    }
  }
  throw new Error(`page ${page} has no field ${name}`);
};
const rules = (s: any) => ({
  pattern: s.pattern,
  maxLength: s.maxLength,
  enum: s.enum,
});

describe('templates/valkey-instance/template.yaml', () => {
  it.each([
    [0, 'owner', spec.owner],
    [0, 'system', spec.system],
    [0, 'description', spec.description],
    [1, 'mode', spec.mode],
    [1, 'size', spec.size],
    [1, 'persistenceSize', spec.persistence.properties.size],
    [3, 'backupSchedule', spec.backups.properties.schedule],
    [2, 'imageVariant', spec.image.properties.variant],
  ])('page %i field %s has the spec rules', (page, name, specField) => {
    expect(rules(field(page as number, name as string))).toEqual(
      rules(specField),
    );
  });

  // These fields carry no pattern: a pattern's error shows the raw regex. The
  // live checks explain the rule in words and ask the render action's own
  // parser (ValkeyInstanceName, ValkeyEnvironmentPicker, ValkeyPolicyCheck).
  it.each([
    ['instance name', () => field(0, 'name'), spec.name, 'ValkeyInstanceName'],
    [
      'environment',
      () => field(4, 'environments').items.properties.name,
      spec.environments.items.properties.name,
      'ValkeyEnvironmentPicker',
    ],
  ])(
    'the %s field has the spec length and a live check instead of a pattern',
    (_what, formField, specField, uiField) => {
      expect(formField().maxLength).toBe(specField.maxLength);
      expect(formField().pattern).toBeUndefined();
      expect(formField()['ui:field']).toBe(uiField);
    },
  );

  it('the Environments page blocks Next on the check that runs the render action', () => {
    expect(field(4, 'policyCheck')).toMatchObject({
      'ui:field': 'ValkeyPolicyCheck',
      'ui:options': { blocking: true },
    });
    expect(template.spec.steps[0].input.form).toBe('${{ parameters }}');
  });

  it('environment and ACL user items have the spec limits', () => {
    const env = field(4, 'environments');
    expect(env.maxItems).toBe(spec.environments.maxItems);
    const users = field(2, 'aclUsers');
    expect(users.maxItems).toBe(spec.auth.properties.aclUsers.maxItems);
    expect(users.items.properties.name.maxLength).toBe(
      spec.auth.properties.aclUsers.items.properties.name.maxLength,
    );
    expect(rules(users.items.properties.permissions)).toEqual(
      rules(spec.auth.properties.aclUsers.items.properties.permissions),
    );
  });

  it("ACL user items carry every field of the spec, so changing an instance keeps a granted user's limits", () => {
    const users = field(2, 'aclUsers');
    expect(Object.keys(users.items.properties).sort()).toEqual(
      Object.keys(spec.auth.properties.aclUsers.items.properties).sort(),
    );
  });

  it('renders, then publishes in one step to the target the form chose: no step is ever skipped', () => {
    const steps = template.spec.steps;
    expect(steps.map((s: any) => s.action)).toEqual([
      'valkey:gitops:render',
      'valkey:gitops:publish',
    ]);
    expect(steps.every((s: any) => s.if === undefined)).toBe(true);
    const publisher = field(5, 'publisher');
    expect(publisher.enum).toEqual([
      'local',
      'github-pr',
      'gitlab-mr',
      'new-repository',
    ]);
    expect(steps[1].input).toMatchObject({
      to: '${{ parameters.publisher }}',
      targetPath: '${{ steps.render.output.targetPath }}',
      description: '${{ steps.render.output.pullRequestBody }}',
      filesToDelete: '${{ steps.render.output.filesToDelete }}',
      catalogInfoPath: '${{ steps.render.output.catalogInfoPath }}',
    });
  });
});
