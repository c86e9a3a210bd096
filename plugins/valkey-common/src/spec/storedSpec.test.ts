import { parseStoredInstanceSpec } from './storedSpec';

const valid = `# header
name: orders-cache
owner: group:default/team-orders
mode: replication
topology:
  replicas: 2
environments:
  - name: dev
`;

function issuesOf(text: string) {
  const result = parseStoredInstanceSpec(text);
  if (result.success) throw new Error('expected a refusal');
  return result.issues;
}

describe('parseStoredInstanceSpec', () => {
  it('reads a stored spec', () => {
    expect(parseStoredInstanceSpec(valid)).toEqual({
      success: true,
      spec: {
        name: 'orders-cache',
        owner: 'group:default/team-orders',
        mode: 'replication',
        topology: { replicas: 2 },
        environments: [{ name: 'dev' }],
      },
    });
  });

  it.each([
    ['broken YAML', 'name: [unclosed', /not valid YAML/],
    ['a duplicate key', `${valid}name: other\n`, /not valid YAML/],
    ['an empty file', '', /holds no instance spec/],
    ['a list', '- a\n- b\n', /holds no instance spec/],
    ['a plain string', 'hello', /holds no instance spec/],
    [
      'YAML aliases',
      'a: &x [1]\nb: *x\nname: x\nowner: group:a\nmode: standalone\nenvironments: [{name: dev}]\n',
      /alias/i,
    ],
    ['a huge file', `#${'x'.repeat(70_000)}\n${valid}`, /larger than 64 KB/],
  ])('refuses %s with a message about the file', (_what, text, message) => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('instance.yaml');
    expect(issues[0].message).toMatch(message);
  });

  it('refuses a spec that breaks the schema, naming the field', () => {
    expect(issuesOf(valid.replace('replication', 'sharded'))[0].field).toBe(
      'mode',
    );
  });

  it('refuses a password written into the file', () => {
    const issues = issuesOf(`${valid}auth:\n  password: hunter2\n`);
    expect(issues.map(i => i.field)).toEqual(['auth.password']);
  });
});
