// @ts-check

/**
 * The topology timeline: the events the observer recorded, and the last view
 * of each (entity, environment) it compares the next one with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('valkey_timeline_events', table => {
    table.comment('Topology changes seen by the valkey timeline observer');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.string('kind', 63).notNullable();
    table
      .bigInteger('at_ms')
      .notNullable()
      .comment('Probe time of the view that showed the change');
    table.text('event').notNullable().comment('The TimelineEvent as JSON');
    table.index(
      ['entity_ref', 'environment', 'at_ms'],
      'valkey_timeline_events_lookup_idx',
    );
    table.index(['at_ms'], 'valkey_timeline_events_at_idx');
  });
  await knex.schema.createTable('valkey_timeline_views', table => {
    table.comment(
      'The last view of each instance environment the observer recorded',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.string('probed_at', 40).notNullable();
    table
      .text('view')
      .notNullable()
      .comment('The view (topology, backup) as JSON');
    table.bigInteger('updated_at_ms').notNullable();
    table.primary(['entity_ref', 'environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('valkey_timeline_views');
  await knex.schema.dropTable('valkey_timeline_events');
};
