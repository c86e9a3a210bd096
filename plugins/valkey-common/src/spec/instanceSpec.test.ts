import {
  CRON_SCHEDULE_REGEXP,
  parseValkeyInstanceSpec,
  valkeyInstanceSpecJsonSchema,
} from '.';

const valid = {
  name: 'orders-cache',
  owner: 'group:default/team-orders',
  mode: 'cluster',
  topology: { shards: 3, replicasPerPrimary: 1 },
  environments: [{ name: 'dev' }],
};

describe('ValkeyInstanceSpec', () => {
  it('accepts a valid spec', () => {
    expect(parseValkeyInstanceSpec(valid)).toEqual({
      success: true,
      spec: valid,
    });
  });

  it.each([
    [{ ...valid, name: '../x' }, 'name'],
    [{ ...valid, topology: { replicas: 2 } }, 'topology.replicas'],
    [{ ...valid, auth: { password: 'x' } }, 'auth.password'],
    [{ ...valid, extra: 1 }, 'extra'],
    [
      { ...valid, environments: [{ name: 'dev' }, { name: 'dev' }] },
      'environments[1].name',
    ],
    [{ ...valid, backups: { schedule: '0 25 * * *' } }, 'backups.schedule'],
  ])('refuses %j naming %s', (input, field) => {
    const result = parseValkeyInstanceSpec(input);
    expect(result.success).toBe(false);
    expect(!result.success && result.issues.map(i => i.field)).toContain(field);
  });

  it.each([
    '0 2 * * *',
    '*/15 * * * *',
    '0 0 1,15 * mon-fri',
    '@daily',
    '30 1 * jan-mar 0',
  ])('accepts the schedule %s', s =>
    expect(CRON_SCHEDULE_REGEXP.test(s)).toBe(true),
  );

  it('exports a JSON schema with the same patterns the zod schema uses', () => {
    const schema = valkeyInstanceSpecJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.backups.properties.schedule.pattern).toBe(
      CRON_SCHEDULE_REGEXP.source,
    );
    expect(schema.required).toEqual(['name', 'owner', 'mode', 'environments']);
  });
});
