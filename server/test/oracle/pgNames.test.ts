// Oracle: the names of constraints and indexes, which the schema JSON leaves out, against Debian's
// real Alembic 1.8.1 on PostgreSQL 15. Where a revision gives no name, PostgreSQL chooses one
// (<table>_pkey, <table>_<cols>_key, <table>_<cols>_fkey, <table>_<col>_check, truncated to 63
// bytes); rename_table and a column rename keep every name, and a later revision that drops the
// constraints by their old names must run. The replay must hold exactly PostgreSQL's names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { newReplayGuard } from '../../src/core/history/guardedReplay';
import { loadHistory } from '../../src/core/history/load';
import { schemaAtRevision } from '../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../src/core/python/parser';
import type { Schema } from '../../src/core/schema/types';
import { introspectSchema } from '../../src/db/introspect';
import { AlembicProject, type RevisionSpec } from '../core/history/support/alembicProject';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const LONG_TABLE = 'a_table_name_that_is_long_enough_to_be_truncated_by_pg';
const LONG_COLUMN = 'a_column_name_that_is_rather_long_too';

const REVISIONS: RevisionSpec[] = [
  {
    id: 'names001',
    down: null,
    up: [
      "op.create_table('team', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('code', sa.String(8), unique=True), sa.Column('size', sa.Integer(), sa.CheckConstraint('size > 0')))",
      "op.create_table('member', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('team_id', sa.Integer(), sa.ForeignKey('team.id')), sa.Column('email', sa.String(80)), sa.Column('nick', sa.String(20), index=True), sa.Column('a', sa.Integer()), sa.Column('b', sa.Integer()), sa.UniqueConstraint('email'), sa.UniqueConstraint('a', 'b'), sa.CheckConstraint('a < b'), sa.CheckConstraint('b > 1'))",
      `op.create_table('${LONG_TABLE}', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('${LONG_COLUMN}', sa.Integer(), sa.ForeignKey('team.id'), unique=True))`,
      "op.create_unique_constraint(None, 'team', ['size'])",
      "op.create_foreign_key(None, 'member', 'member', ['b'], ['id'])",
    ],
    downgrade: [],
  },
  {
    id: 'names002',
    down: 'names001',
    up: ["op.rename_table('member', 'person')", "op.alter_column('person', 'email', new_column_name='mail')", "op.rename_table('team', 'squad')"],
    downgrade: [],
  },
  {
    id: 'names003',
    down: 'names002',
    up: [
      // PostgreSQL kept the old names: dropping by them runs.
      "op.drop_constraint('member_email_key', 'person', type_='unique')",
      "op.drop_constraint('member_team_id_fkey', 'person', type_='foreignkey')",
      "op.drop_index('ix_member_nick', table_name='person')",
      "op.drop_constraint('team_code_key', 'squad', type_='unique')",
      "op.create_unique_constraint(None, 'person', ['mail'])",
      // A new table under the old name: member_pkey and member_id_seq are still taken (by person), so
      // PostgreSQL names the new ones member_pkey1 and member_id_seq1.
      "op.create_table('member', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('team_id', sa.Integer(), sa.ForeignKey('squad.id')), sa.Column('nick', sa.String(20), unique=True))",
    ],
    downgrade: [],
  },
];

/** Every constraint and index name per table, sorted. */
function names(schema: Schema): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(schema.tables).map(([table, t]) => [
      table,
      [
        ...(t.primaryKey ? [`pk ${t.primaryKey.name}`] : []),
        ...t.uniques.map((u) => `unique ${u.name}`),
        ...t.foreignKeys.map((f) => `fk ${f.name}`),
        ...t.checks.map((c) => `check ${c.name}`),
        ...t.indexes.map((i) => `index ${i.name}`),
      ].sort(),
    ]),
  );
}

describe('constraint and index names, on real Alembic and PostgreSQL (oracle)', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;
  let project: AlembicProject | null = null;

  before(async () => initPythonParser());
  after(async () => {
    await client?.end();
    await db?.drop();
    project?.remove();
  });

  it('the replay names what PostgreSQL names, and rename_table keeps every name', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_names');
    client = new Client({ connectionString: db.url });
    await client.connect();
    project = new AlembicProject(db.sqlalchemyUrl);
    project.writeRevisions(REVISIONS);
    const history = loadHistory(project.dir);
    for (const id of ['names001', 'names002', 'names003']) {
      project.alembic('upgrade', id);
      const replayed = schemaAtRevision(history, id, newReplayGuard(null));
      assert.deepEqual(
        replayed.notes.filter((n) => n.severity === 'error'),
        [],
        id,
      );
      const live = await introspectSchema(client);
      assert.deepEqual(names(replayed.schema), names(live), `names at ${id}`);
      // Sequences keep their names too: the serial default still reads nextval('member_id_seq').
      if (id !== 'names001') assert.equal(replayed.schema.tables.person?.columns.id?.default, live.tables.person?.columns.id?.default);
      if (id === 'names003') assert.equal(replayed.schema.tables.member?.columns.id?.default, live.tables.member?.columns.id?.default);
    }
  });
});
