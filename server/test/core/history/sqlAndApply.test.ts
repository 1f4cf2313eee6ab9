// Raw DDL reading (op.execute strings) and applyOps' PostgreSQL side effects and conflict notes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDdl } from '../../../src/core/history/sql/ddl';
import { applyOps } from '../../../src/core/history/apply/apply';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { emptySchema, type Schema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';

const at = undefined;

describe('raw DDL in op.execute', () => {
  it('reads ALTER TABLE actions, several per statement and several statements per string', () => {
    const reading = readDdl(
      `ALTER TABLE IF EXISTS ONLY public."User" ADD COLUMN IF NOT EXISTS "Age" int4 NOT NULL DEFAULT 3, DROP COLUMN legacy CASCADE;
       alter table account alter column name type varchar(80) using name::varchar, alter column note set default 'x';
       ALTER TABLE account RENAME COLUMN a TO b; ALTER TABLE account RENAME TO accounts; -- comment ; here
       ALTER TABLE t ADD CONSTRAINT fk_t FOREIGN KEY (a, b) REFERENCES u (x, y) ON DELETE SET NULL ON UPDATE CASCADE;
       ALTER TABLE t ADD UNIQUE (a); ALTER TABLE t DROP CONSTRAINT IF EXISTS old; ALTER TABLE t ALTER c DROP NOT NULL`,
      at,
      (table, column) => (table === 'account' && column === 'note' ? 'text' : undefined),
    );
    assert.deepEqual(reading.opaque, []);
    const ops = reading.ops.map((op) => ({ ...op, location: undefined }));
    assert.deepEqual(ops[0], {
      kind: 'addColumn',
      table: 'User',
      column: { name: 'Age', type: 'integer', nullable: false, default: '3' },
      ifExists: true,
      location: undefined,
    });
    // ALTER TABLE IF EXISTS: every action of the statement tolerates a missing table.
    assert.deepEqual(ops[1], { kind: 'dropColumn', table: 'User', column: 'legacy', ifExists: true, location: undefined });
    assert.deepEqual(ops[2], {
      kind: 'alterColumn',
      table: 'account',
      column: 'name',
      type: 'character varying(80)',
      using: 'name::varchar',
      location: undefined,
    });
    assert.deepEqual(ops[3], { kind: 'alterColumn', table: 'account', column: 'note', default: "'x'::text", location: undefined });
    assert.deepEqual(ops[4], { kind: 'alterColumn', table: 'account', column: 'a', newName: 'b', location: undefined });
    assert.deepEqual(ops[5], { kind: 'renameTable', from: 'account', to: 'accounts', location: undefined });
    assert.deepEqual(ops[6], {
      kind: 'createForeignKey',
      table: 't',
      foreignKey: { name: 'fk_t', columns: ['a', 'b'], refTable: 'u', refColumns: ['x', 'y'], onDelete: 'SET NULL' },
      location: undefined,
    });
    assert.deepEqual(ops[7], { kind: 'createUnique', table: 't', key: { name: 't_a_key', columns: ['a'] }, location: undefined });
    assert.deepEqual(ops[8], { kind: 'dropConstraint', table: 't', name: 'old', type: null, ifExists: true, location: undefined });
    assert.deepEqual(ops[9], { kind: 'alterColumn', table: 't', column: 'c', nullable: true, location: undefined });
  });

  it('reads indexes, enum types, serial columns, and drops', () => {
    const reading = readDdl(
      `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON ONLY t USING btree ("Email" DESC NULLS LAST, lower(name));
       CREATE TYPE mood AS ENUM ('a', 'it''s'); ALTER TYPE mood ADD VALUE IF NOT EXISTS 'c' AFTER 'a';
       ALTER TABLE t ADD COLUMN id bigserial PRIMARY KEY, ADD COLUMN ts timestamptz(3), ADD COLUMN n numeric(5) CHECK (n > 0);
       DROP INDEX IF EXISTS ix_a, ix_b; DROP TYPE mood; DROP TABLE IF EXISTS t CASCADE`,
      at,
    );
    assert.deepEqual(reading.opaque, []);
    const kinds = reading.ops.map((o) => o.kind);
    assert.deepEqual(kinds, [
      'createIndex',
      'createEnum',
      'addEnumValue',
      'addColumn',
      'createPrimaryKey',
      'addColumn',
      'addColumn',
      'createCheck',
      'dropIndex',
      'dropIndex',
      'dropEnum',
      'dropTable',
    ]);
    const index = reading.ops[0];
    assert.ok(index?.kind === 'createIndex' && index.index.unique && index.concurrently);
    assert.deepEqual(index?.kind === 'createIndex' ? index.index.columns : [], ['Email', 'lower(name)']);
    assert.deepEqual(reading.ops[1]?.kind === 'createEnum' ? reading.ops[1].values : [], ['a', "it's"]);
    const serial = reading.ops[3];
    assert.deepEqual(serial?.kind === 'addColumn' ? serial.column : null, {
      name: 'id',
      type: 'bigint',
      nullable: false,
      default: "nextval('t_id_seq'::regclass)",
    });
    assert.equal(reading.ops[5]?.kind === 'addColumn' ? reading.ops[5].column.type : '', 'timestamp(3) with time zone');
    assert.equal(reading.ops[6]?.kind === 'addColumn' ? reading.ops[6].column.type : '', 'numeric(5,0)');
    assert.equal(reading.ops[7]?.kind === 'createCheck' ? reading.ops[7].check.name : '', 't_n_check');
  });

  it('reads CREATE TABLE with inline and table constraints', () => {
    const reading = readDdl(
      'CREATE TABLE IF NOT EXISTS note (id serial, body text NOT NULL, author_id int REFERENCES "user" (id) ON DELETE CASCADE, CONSTRAINT uq_note UNIQUE (body, author_id), PRIMARY KEY (id))',
      at,
    );
    assert.deepEqual(reading.opaque, []);
    const op = reading.ops[0];
    assert.ok(op?.kind === 'createTable');
    if (op?.kind !== 'createTable') return;
    assert.deepEqual(op.columns, [
      { name: 'id', type: 'integer', nullable: false, default: "nextval('note_id_seq'::regclass)" },
      { name: 'body', type: 'text', nullable: false, default: null },
      { name: 'author_id', type: 'integer', nullable: true, default: null },
    ]);
    assert.deepEqual(op.primaryKey, { name: 'note_pkey', columns: ['id'] });
    assert.deepEqual(op.uniques, [{ name: 'uq_note', columns: ['body', 'author_id'] }]);
    assert.deepEqual(op.foreignKeys, [{ name: 'note_author_id_fkey', columns: ['author_id'], refTable: 'user', refColumns: ['id'], onDelete: 'CASCADE' }]);
  });

  it('separates data statements and opaque statements; ignores DDL outside the schema model', () => {
    const reading = readDdl(
      `UPDATE "user" SET a = 'x;y'; INSERT INTO t VALUES (1); CREATE EXTENSION IF NOT EXISTS pgcrypto;
       CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
       CREATE TABLE x (LIKE y); ALTER TABLE t ALTER COLUMN c SET STATISTICS 100`,
      at,
    );
    assert.equal(reading.data.length, 2);
    assert.deepEqual(reading.ops, []);
    assert.deepEqual(reading.opaque, ['CREATE TABLE x (LIKE y)', 'ALTER TABLE t ALTER COLUMN c SET STATISTICS 100']);
  });
});

function schemaWith(ops: MigrationOp[]): { schema: Schema; notes: Note[] } {
  const notes: Note[] = [];
  return { schema: applyOps(emptySchema(), ops, notes), notes };
}

const base: MigrationOp[] = [
  {
    kind: 'createTable',
    table: 'team',
    columns: [{ name: 'id', type: 'integer', nullable: false, default: "nextval('team_id_seq'::regclass)" }],
    primaryKey: { name: 'team_pkey', columns: ['id'] },
    uniques: [],
    foreignKeys: [],
    checks: [],
  },
  {
    kind: 'createTable',
    table: 'user',
    columns: [
      { name: 'id', type: 'integer', nullable: false, default: null },
      { name: 'email', type: 'text', nullable: true, default: null },
      { name: 'team_id', type: 'integer', nullable: true, default: null },
    ],
    primaryKey: { name: 'user_pkey', columns: ['id'] },
    uniques: [{ name: 'user_email_team_id_key', columns: ['email', 'team_id'] }],
    foreignKeys: [{ name: 'user_team_id_fkey', columns: ['team_id'], refTable: 'team', refColumns: ['id'], onDelete: null }],
    checks: [{ name: 'ck_email', expression: "email <> ''" }],
  },
  { kind: 'createIndex', table: 'user', index: { name: 'ix_user_email', columns: ['email'], unique: false } },
];

describe('applyOps', () => {
  it('is pure and drops what PostgreSQL drops with a column', () => {
    const { schema } = schemaWith(base);
    const notes: Note[] = [];
    const after = applyOps(schema, [{ kind: 'dropColumn', table: 'user', column: 'email' }], notes);
    assert.deepEqual(notes, []);
    assert.ok(schema.tables.user?.columns.email, 'input schema untouched');
    const user = after.tables.user;
    assert.deepEqual(Object.keys(user?.columns ?? {}), ['id', 'team_id']);
    assert.deepEqual(user?.uniques, []);
    assert.deepEqual(user?.indexes, []);
    assert.deepEqual(user?.checks, []);
    assert.equal(user?.foreignKeys.length, 1);
  });

  it('renames keep constraint names and follow foreign keys and check expressions', () => {
    const { schema, notes } = schemaWith([
      ...base,
      { kind: 'renameTable', from: 'team', to: 'squad' },
      { kind: 'alterColumn', table: 'user', column: 'email', newName: 'mail' },
      { kind: 'alterColumn', table: 'squad', column: 'id', newName: 'sid' },
    ]);
    assert.deepEqual(notes, []);
    assert.equal(schema.tables.squad?.columns.sid?.default, "nextval('team_id_seq'::regclass)");
    assert.deepEqual(schema.tables.user?.foreignKeys[0], {
      name: 'user_team_id_fkey',
      columns: ['team_id'],
      refTable: 'squad',
      refColumns: ['sid'],
      onDelete: null,
    });
    assert.equal(schema.tables.user?.checks[0]?.expression, "mail <> ''");
    assert.deepEqual(schema.tables.user?.indexes[0]?.columns, ['mail']);
    assert.deepEqual(schema.tables.user?.uniques[0]?.columns, ['mail', 'team_id']);
  });

  it('notes what real PostgreSQL would reject and skips it', () => {
    const { notes } = schemaWith([
      ...base,
      { kind: 'createTable', table: 'team', columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [] },
      { kind: 'dropColumn', table: 'user', column: 'nope' },
      { kind: 'dropConstraint', table: 'user', name: 'user_pkey', type: 'unique' },
      { kind: 'dropTable', table: 'team' },
      { kind: 'createEnum', name: 'e', values: ['a'] },
      { kind: 'createEnum', name: 'e', values: ['a'] },
      { kind: 'addColumn', table: 'ghost', column: { name: 'x', type: 'integer', nullable: true, default: null } },
      { kind: 'dropIndex', table: null, name: 'ix_missing' },
    ]);
    assert.deepEqual(
      notes.map((n) => n.message.replace(/;.*/, '')),
      [
        'table "team" already exists',
        'column "user.nope" does not exist',
        'constraint "user_pkey" does not exist on user (type unique)',
        '"user" still has a foreign key to "team": PostgreSQL refuses DROP TABLE without CASCADE',
        'type "e" already exists',
        'table "ghost" does not exist at this point of the history',
        'index "ix_missing" does not exist at this point of the history',
      ],
    );
    // Without a dialect (the database verbs' plain replay) nothing is a certain refusal: every one is a conflict.
    assert.ok(notes.every((n) => n.severity === 'error' && n.kind === 'replay-conflict'));
  });

  it('IF [NOT] EXISTS and checkfirst ops are silent no-ops where they would conflict', async () => {
    const { markLenient } = await import('../../../src/core/history/apply/lenient');
    const reading = readDdl(
      'DROP INDEX IF EXISTS ix_gone; ALTER TABLE IF EXISTS ghost DROP COLUMN x; ALTER TABLE "user" ADD COLUMN IF NOT EXISTS email text, DROP CONSTRAINT IF EXISTS nope',
      at,
    );
    const { schema, notes } = schemaWith([
      ...base,
      ...reading.ops,
      markLenient({ kind: 'createEnum', name: 'e', values: ['a'] }),
      markLenient({ kind: 'createEnum', name: 'e', values: ['a'] }),
    ]);
    assert.deepEqual(notes, []);
    assert.deepEqual(schema.enums, { e: ['a'] });
    assert.equal(schema.tables.user?.columns.email?.type, 'text');
  });

  it('DO blocks are opaque: they can run any DDL', () => {
    const reading = readDdl("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'x') THEN CREATE TYPE x AS ENUM ('a'); END IF; END $$;", at);
    assert.equal(reading.opaque.length, 1);
    assert.deepEqual(reading.data, []);
  });

  it('reads executeSql DDL with the current column types', () => {
    const { schema, notes } = schemaWith([
      ...base,
      { kind: 'executeSql', sql: 'ALTER TABLE "user" ALTER COLUMN team_id SET DEFAULT \'4\'; UPDATE "user" SET email = \'a\'' },
    ]);
    assert.deepEqual(notes, []);
    assert.equal(schema.tables.user?.columns.team_id?.default, '4');
  });
});
