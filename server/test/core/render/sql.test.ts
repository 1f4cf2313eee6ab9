import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { formatSql, formatStatements, opsToSql } from '../../../src/core/render/sql';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { emptySchema, emptyTable, type Schema } from '../../../src/core/schema/types';
import { missingOracle, postgresProblem } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const serialUser: MigrationOp = {
  kind: 'createTable',
  table: 'user',
  columns: [
    { name: 'id', type: 'integer', nullable: false, default: "nextval('user_id_seq'::regclass)" },
    { name: 'email', type: 'character varying(120)', nullable: false, default: null },
    { name: 'status', type: 'status', nullable: true, default: "'draft'::status" },
  ],
  primaryKey: { name: 'user_pkey', columns: ['id'] },
  uniques: [{ name: 'user_email_key', columns: ['email'] }],
  foreignKeys: [],
  checks: [{ name: 'ck_email', expression: 'length(email) > 3' }],
};

const allOps: MigrationOp[] = [
  { kind: 'createEnum', name: 'status', values: ['draft', "it's"] },
  serialUser,
  {
    kind: 'createTable',
    table: 'post',
    columns: [
      { name: 'id', type: 'bigint', nullable: false, default: "nextval('post_id_seq'::regclass)" },
      { name: 'user_id', type: 'integer', nullable: true, default: null, comment: 'author' },
      { name: 'body', type: 'text', nullable: true, default: null },
    ],
    primaryKey: { name: 'post_pkey', columns: ['id'] },
    uniques: [],
    checks: [],
    foreignKeys: [{ name: 'post_user_id_fkey', columns: ['user_id'], refTable: 'user', refColumns: ['id'], onDelete: 'CASCADE' }],
  },
  { kind: 'addColumn', table: 'post', column: { name: 'views', type: 'text', nullable: false, default: "'0'::text" } },
  { kind: 'alterColumn', table: 'post', column: 'views', type: 'integer', default: null },
  { kind: 'alterColumn', table: 'post', column: 'body', nullable: false, newName: 'content' },
  { kind: 'createIndex', table: 'post', index: { name: 'ix_post_user_id', columns: ['user_id'], unique: false } },
  { kind: 'createIndex', table: 'post', index: { name: 'ix_post_lower', columns: ['lower(content)'], unique: true } },
  { kind: 'createUnique', table: 'post', key: { name: 'uq_post_views', columns: ['views', 'user_id'] } },
  { kind: 'createCheck', table: 'post', check: { name: 'ck_views', expression: 'views >= 0' } },
  { kind: 'addEnumValue', name: 'status', value: 'published', after: 'draft' },
  {
    kind: 'alterColumn',
    table: 'user',
    column: 'status',
    type: 'text',
    existing: { type: 'status', nullable: true, default: "'draft'::status" },
    default: null,
  },
  { kind: 'dropConstraint', table: 'post', name: 'uq_post_views', type: 'unique' },
  { kind: 'dropIndex', table: 'post', name: 'ix_post_lower' },
  { kind: 'dropConstraint', table: 'post', name: 'post_user_id_fkey', type: 'foreignkey' },
  { kind: 'createForeignKey', table: 'post', foreignKey: { name: 'fk_post_user', columns: ['user_id'], refTable: 'user', refColumns: ['id'], onDelete: null } },
  { kind: 'renameTable', from: 'post', to: 'article' },
  { kind: 'dropColumn', table: 'article', column: 'views' },
  { kind: 'dropConstraint', table: 'article', name: 'post_pkey', type: 'primary' },
  { kind: 'createPrimaryKey', table: 'article', key: { name: 'article_pkey', columns: ['id'] } },
  { kind: 'executeSql', sql: 'UPDATE "user" SET status = \'x\';' },
  { kind: 'dropTable', table: 'article' },
  { kind: 'dropEnum', name: 'status' },
];

describe('opsToSql', () => {
  it('quotes identifiers, creates serial columns, enum types, named constraints and checks', () => {
    const sql = opsToSql([allOps[0] as MigrationOp, serialUser], emptySchema());
    assert.deepEqual(sql, [
      `CREATE TYPE "status" AS ENUM ('draft', 'it''s')`,
      `CREATE TABLE "user" ("id" SERIAL NOT NULL, "email" character varying(120) NOT NULL, "status" "status" DEFAULT 'draft'::status, ` +
        `CONSTRAINT "user_pkey" PRIMARY KEY ("id"), CONSTRAINT "user_email_key" UNIQUE ("email"), CONSTRAINT "ck_email" CHECK (length(email) > 3))`,
    ]);
  });

  it('adds a USING cast when PostgreSQL cannot convert implicitly, and none when it can', () => {
    const before: Schema = emptySchema();
    const table = emptyTable();
    table.columns = {
      age: { type: 'text', nullable: true, default: null },
      size: { type: 'integer', nullable: true, default: null },
      flag: { type: 'boolean', nullable: true, default: null },
    };
    before.tables.t = table;
    before.enums.mood = ['ok'];
    const sql = opsToSql(
      [
        { kind: 'alterColumn', table: 't', column: 'age', type: 'integer' },
        { kind: 'alterColumn', table: 't', column: 'size', type: 'bigint' },
        { kind: 'alterColumn', table: 't', column: 'size', type: 'character varying(20)' },
        { kind: 'alterColumn', table: 't', column: 'flag', type: 'mood' },
        { kind: 'alterColumn', table: 't', column: 'age', type: 'numeric(10,2)', using: 'age * 100' },
      ],
      before,
    );
    assert.deepEqual(sql, [
      'ALTER TABLE "t" ALTER COLUMN "age" TYPE integer USING "age"::integer',
      'ALTER TABLE "t" ALTER COLUMN "size" TYPE bigint',
      'ALTER TABLE "t" ALTER COLUMN "size" TYPE character varying(20)',
      'ALTER TABLE "t" ALTER COLUMN "flag" TYPE "mood" USING "flag"::text::"mood"',
      'ALTER TABLE "t" ALTER COLUMN "age" TYPE numeric(10,2) USING age * 100',
    ]);
  });

  it('renders a rename after the other changes of the same column, as Alembic does', () => {
    const sql = opsToSql([{ kind: 'alterColumn', table: 'user', column: 'name', newName: 'full_name', nullable: false, default: "''::text" }], emptySchema());
    assert.deepEqual(sql, [
      'ALTER TABLE "user" ALTER COLUMN "name" SET NOT NULL',
      `ALTER TABLE "user" ALTER COLUMN "name" SET DEFAULT ''::text`,
      'ALTER TABLE "user" RENAME COLUMN "name" TO "full_name"',
    ]);
  });

  it('formats statements with sql-formatter and terminates each one', () => {
    const script = formatStatements(['CREATE TABLE "a" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL)', 'drop table "a"']);
    assert.equal(script, 'CREATE TABLE "a" (\n  "id" SERIAL NOT NULL,\n  "name" character varying(200) NOT NULL\n);\n\nDROP TABLE "a";');
    assert.equal(formatSql('select 1'), 'SELECT\n  1');
  });
});

describe('opsToSql on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let client: Client | undefined;
  before(async () => {
    if ((await postgresProblem()) !== null) return;
    db = await createTestDatabase('mg_render');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  it('every op kind runs, formatted, on a real server and leaves the intended catalog state', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const c = client as Client;
    const statements = opsToSql(allOps, emptySchema());
    const checkAfterEnumValue = async () => {
      const cols = await c.query(`select attname, format_type(atttypid, atttypmod) as type, attnotnull from pg_attribute
          where attrelid = '"post"'::regclass and attnum > 0 and not attisdropped order by attnum`);
      assert.deepEqual(
        cols.rows.map((r) => `${r.attname}:${r.type}:${r.attnotnull}`),
        ['id:bigint:true', 'user_id:integer:false', 'content:text:true', 'views:integer:true'],
      );
      const seq = await c.query(`select pg_get_expr(adbin, adrelid) as d from pg_attrdef where adrelid = '"user"'::regclass and adnum = 1`);
      assert.deepEqual(
        seq.rows.map((r) => r.d),
        ["nextval('user_id_seq'::regclass)"],
      );
      const labels = await c.query(`select enumlabel from pg_enum where enumtypid = 'status'::regtype order by enumsortorder`);
      assert.deepEqual(
        labels.rows.map((r) => r.enumlabel),
        ['draft', 'published', "it's"],
      );
      checked = true;
    };
    let checked = false;
    await c.query('BEGIN');
    for (const statement of statements) {
      await c.query(formatSql(statement));
      if (statement.includes('ADD VALUE')) await checkAfterEnumValue();
    }
    await c.query('COMMIT');
    assert.ok(checked, 'the checkpoint ran');
    const left = await c.query(`select count(*)::int as n from pg_class where relname in ('post', 'article')`);
    assert.equal(left.rows[0].n, 0);
  });
});
