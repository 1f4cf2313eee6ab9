// ALTER INDEX … RENAME TO and ALTER TABLE … RENAME CONSTRAINT in op.execute: PostgreSQL renames in
// place, so the head holds the new names (indico's ix_revisions_submitter_id → ix_revisions_user_id
// read as "index dropped, index created" while the SQL was not understood), and a baseline taken
// from the models gets the old names back before the rename runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyOps } from '../../../src/core/history/apply/apply';
import { baselineTable } from '../../../src/core/history/baseline';
import { readDdl } from '../../../src/core/history/sql/ddl';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { emptySchema, emptyTable, type Schema, type TableSchema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';

function table(extra: Partial<TableSchema>): TableSchema {
  return {
    ...emptyTable(),
    columns: { id: { type: 'integer', nullable: false, default: null }, user_id: { type: 'integer', nullable: true, default: null } },
    ...extra,
  };
}

function schemaWith(): Schema {
  const schema = emptySchema();
  schema.tables['users'] = table({ primaryKey: { name: 'users_pkey', columns: ['id'] } });
  schema.tables['editing.revisions'] = table({
    primaryKey: { name: 'pk_revisions', columns: ['id'] },
    indexes: [{ name: 'ix_revisions_submitter_id', columns: ['user_id'], unique: false }],
    uniques: [{ name: 'uq_revisions_user_id', columns: ['user_id'] }],
    foreignKeys: [{ name: 'fk_revisions_submitter_id_users', columns: ['user_id'], refTable: 'users', refColumns: ['id'], onDelete: null }],
    checks: [{ name: 'ck_revisions_positive', expression: 'id > 0' }],
  });
  return schema;
}

const sql = (text: string): MigrationOp => ({ kind: 'executeSql', sql: text });

describe('raw SQL index and constraint renames', () => {
  it('are understood when only classifying (no opaque statement, no op yet)', () => {
    const reading = readDdl('ALTER INDEX editing.ix_a RENAME TO ix_b; ALTER TABLE t RENAME CONSTRAINT a TO b; ALTER INDEX ix_c SET TABLESPACE fast', undefined);
    assert.deepEqual(reading.opaque, []);
    assert.deepEqual(reading.ops, []);
  });

  it('rename the index (looked up in its own schema) and each kind of constraint in place', () => {
    const notes: Note[] = [];
    const after = applyOps(
      schemaWith(),
      [
        sql(`ALTER INDEX editing.ix_revisions_submitter_id RENAME TO ix_revisions_user_id;
             ALTER TABLE editing.revisions RENAME CONSTRAINT fk_revisions_submitter_id_users TO fk_revisions_user_id_users;
             ALTER TABLE editing.revisions RENAME CONSTRAINT ck_revisions_positive TO ck_revisions_id_positive, RENAME CONSTRAINT pk_revisions TO revisions_pkey;
             ALTER INDEX IF EXISTS editing.uq_revisions_user_id RENAME TO uq_revisions_user`),
      ],
      notes,
    );
    assert.deepEqual(notes, []);
    const revisions = after.tables['editing.revisions'] as TableSchema;
    assert.deepEqual(revisions.indexes, [{ name: 'ix_revisions_user_id', columns: ['user_id'], unique: false }]);
    assert.deepEqual(
      revisions.foreignKeys.map((f) => f.name),
      ['fk_revisions_user_id_users'],
    );
    assert.deepEqual(
      revisions.checks.map((c) => c.name),
      ['ck_revisions_id_positive'],
    );
    assert.equal(revisions.primaryKey?.name, 'revisions_pkey');
    // The index behind a unique constraint: the constraint takes the new name.
    assert.deepEqual(revisions.uniques, [{ name: 'uq_revisions_user', columns: ['user_id'] }]);
  });

  it('a rename of what is not there is what PostgreSQL refuses, unless IF EXISTS', () => {
    const notes: Note[] = [];
    applyOps(schemaWith(), [sql('ALTER INDEX ix_revisions_submitter_id RENAME TO ix_x')], notes);
    assert.equal(notes.length, 1, 'the index lives in schema editing, not in the default one');
    assert.match(notes[0]?.message ?? '', /index "ix_revisions_submitter_id" does not exist/);
    const quiet: Note[] = [];
    applyOps(schemaWith(), [sql('ALTER INDEX IF EXISTS ix_nothing RENAME TO ix_x')], quiet);
    assert.deepEqual(quiet, []);
    const constraint: Note[] = [];
    applyOps(schemaWith(), [sql('ALTER TABLE editing.revisions RENAME CONSTRAINT fk_nothing TO fk_x')], constraint);
    assert.match(constraint[0]?.message ?? '', /constraint "fk_nothing" does not exist/);
  });

  it('a baseline taken from the models holds the old names before the rename', () => {
    const models = emptySchema();
    models.tables['editing.revisions'] = table({
      indexes: [{ name: 'ix_revisions_user_id', columns: ['user_id'], unique: false }],
      primaryKey: { name: 'pk_revisions_new', columns: ['id'] },
    });
    const later = [
      sql(
        'ALTER INDEX editing.ix_revisions_submitter_id RENAME TO ix_revisions_user_id; ALTER TABLE editing.revisions RENAME CONSTRAINT pk_revisions TO pk_revisions_new',
      ),
    ];
    const { table: before } = baselineTable('editing.revisions', later, models);
    assert.deepEqual(
      before.indexes.map((i) => i.name),
      ['ix_revisions_submitter_id'],
    );
    assert.equal(before.primaryKey?.name, 'pk_revisions');
  });
});
