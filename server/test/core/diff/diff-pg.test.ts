// Round trips on a real PostgreSQL: build `before` from nothing, upgrade to `after`, downgrade back,
// comparing the introspected schema with the expected one (contract JSON) at every step.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { diffSchemas, migrationOps } from '../../../src/core/diff';
import type { RenameChoice } from '../../../src/core/findings';
import { formatSql, opsToSql } from '../../../src/core/render/sql';
import { formatSchemaJson } from '../../../src/core/schema/json';
import { emptySchema, type Schema } from '../../../src/core/schema/types';
import { introspectSchema } from '../../../src/db/introspect';
import { missingOracle, postgresProblem } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { col, schema, serial } from './build';

interface RoundTrip {
  name: string;
  before: Schema;
  after: Schema;
  renames?: RenameChoice[];
  seed?: string[];
  /** A query whose single value must be the same after upgrade and after downgrade (rows survive). */
  survives?: [string, string];
  /** The same values read under the new names after the upgrade (renames): must equal `survives` before. */
  renamedQuery?: string;
}

const user = { columns: { id: serial('user'), name: col('character varying(100)'), email: col('character varying(120)', false) }, pk: ['id'] };

const cases: RoundTrip[] = [
  {
    name: 'columns added, altered and dropped',
    before: schema({ user: { ...user, columns: { ...user.columns, age: col('text', true, "'0'::text"), bio: col('text') } } }),
    after: schema({
      user: {
        ...user,
        columns: { ...user.columns, name: col('character varying(20)', false, "''::character varying"), age: col('integer'), nick: col('text') },
      },
    }),
    seed: [`INSERT INTO "user" (name, email, age, bio) VALUES ('ann', 'a@x', '42', 'hello')`],
  },
  {
    name: 'tables created with foreign keys and an association table, others dropped',
    before: schema({ old: { columns: { id: serial('old'), v: col('numeric(12,2)') }, pk: ['id'] } }),
    after: schema({
      post_tag: {
        columns: { post_id: col('integer', false), tag_id: col('integer', false) },
        pk: ['post_id', 'tag_id'],
        fks: [
          { columns: ['post_id'], refTable: 'post', onDelete: 'CASCADE' },
          { columns: ['tag_id'], refTable: 'tag' },
        ],
      },
      post: {
        columns: { id: serial('post'), at: col('timestamp with time zone', false, 'now()') },
        pk: ['id'],
        indexes: [{ name: 'ix_post_at', columns: ['at'] }],
      },
      tag: { columns: { id: col('bigint', false, "nextval('tag_id_seq'::regclass)"), label: col('character varying(30)') }, pk: ['id'], uniques: [['label']] },
    }),
  },
  {
    name: 'enum created, values added, values removed, enum dropped',
    before: schema(
      { doc: { columns: { id: serial('doc'), status: col('status', false, "'draft'::status"), kind: col('kind'), kinds: col('kind[]') }, pk: ['id'] } },
      { status: ['draft', 'done'], kind: ['a', 'b'], legacy: ['z'] },
    ),
    after: schema(
      {
        doc: {
          columns: { id: serial('doc'), status: col('status', false, "'draft'::status"), kind: col('kind'), kinds: col('kind[]'), level: col('level') },
          pk: ['id'],
        },
      },
      { status: ['draft', 'review', 'done'], kind: ['a'], level: ['low', 'high'] },
    ),
    seed: [`INSERT INTO doc (status, kind, kinds) VALUES ('done', 'a', '{a,a}')`],
    survives: ['doc.status', `SELECT string_agg(status::text || kind::text || kinds::text, ',') FROM doc`],
  },
  {
    name: 'keys, indexes and foreign keys changed',
    before: schema({
      team: { columns: { id: serial('team'), code: col('character varying(10)', false) }, pk: ['id'] },
      member: {
        columns: { id: serial('member'), team_id: col('integer'), a: col('integer'), b: col('integer') },
        pk: ['id'],
        fks: [{ columns: ['team_id'], refTable: 'team' }],
        indexes: [{ name: 'ix_member_a', columns: ['a'] }],
        uniques: [['a', 'b']],
      },
    }),
    after: schema({
      team: { columns: { id: serial('team'), code: col('character varying(10)', false) }, pk: ['id'], uniques: [['code']] },
      member: {
        columns: { id: serial('member'), team_id: col('integer'), a: col('integer'), b: col('integer') },
        pk: ['id'],
        fks: [{ columns: ['team_id'], refTable: 'team', onDelete: 'SET NULL' }],
        indexes: [
          { name: 'ix_member_a', columns: ['a', 'b'], unique: true },
          { name: 'ix_member_b', columns: ['b'] },
        ],
      },
    }),
  },
  {
    name: 'a foreign key and the unique key it relies on dropped together, across tables',
    before: schema({
      account: { columns: { id: serial('account'), code: col('character varying(10)', false) }, pk: ['id'], uniques: [['code']] },
      invoice: {
        columns: { id: serial('invoice'), account_code: col('character varying(10)') },
        pk: ['id'],
        fks: [{ columns: ['account_code'], refTable: 'account', refColumns: ['code'] }],
      },
    }),
    after: schema({
      account: { columns: { id: serial('account') }, pk: ['id'] },
      invoice: { columns: { id: serial('invoice'), account_id: col('integer') }, pk: ['id'], fks: [{ columns: ['account_id'], refTable: 'account' }] },
    }),
  },
  {
    name: 'new tables referencing each other, and a new table referencing a key added in the same migration',
    before: schema({ region: { columns: { id: serial('region'), code: col('character varying(5)', false) }, pk: ['id'] } }),
    after: schema({
      region: { columns: { id: serial('region'), code: col('character varying(5)', false) }, pk: ['id'], uniques: [['code']] },
      shop: {
        columns: { id: serial('shop'), region_code: col('character varying(5)'), manager_id: col('integer') },
        pk: ['id'],
        fks: [
          { columns: ['region_code'], refTable: 'region', refColumns: ['code'] },
          { columns: ['manager_id'], refTable: 'staff' },
        ],
      },
      staff: { columns: { id: serial('staff'), shop_id: col('integer') }, pk: ['id'], fks: [{ columns: ['shop_id'], refTable: 'shop' }] },
    }),
  },
  {
    name: 'tables referencing each other dropped',
    before: schema({
      shop: { columns: { id: serial('shop'), manager_id: col('integer') }, pk: ['id'], fks: [{ columns: ['manager_id'], refTable: 'staff' }] },
      staff: { columns: { id: serial('staff'), shop_id: col('integer') }, pk: ['id'], fks: [{ columns: ['shop_id'], refTable: 'shop' }] },
      keep: { columns: { id: serial('keep') }, pk: ['id'] },
    }),
    after: schema({ keep: { columns: { id: serial('keep') }, pk: ['id'] } }),
  },
  {
    name: 'a dropped table referencing a unique column that is dropped too',
    before: schema({
      account: { columns: { id: serial('account'), code: col('character varying(10)', false) }, pk: ['id'], uniques: [['code']] },
      audit: {
        columns: { id: serial('audit'), account_code: col('character varying(10)') },
        pk: ['id'],
        fks: [{ columns: ['account_code'], refTable: 'account', refColumns: ['code'] }],
      },
    }),
    after: schema({ account: { columns: { id: serial('account') }, pk: ['id'] } }),
  },
  {
    name: 'column and table renamed keep their rows',
    before: schema({ user, post: { columns: { id: serial('post'), user_id: col('integer') }, pk: ['id'], fks: [{ columns: ['user_id'], refTable: 'user' }] } }),
    after: schema({
      account: { columns: { id: serial('account'), full_name: col('character varying(100)'), email: col('character varying(120)', false) }, pk: ['id'] },
      post: { columns: { id: serial('post'), user_id: col('integer') }, pk: ['id'], fks: [{ columns: ['user_id'], refTable: 'account' }] },
    }),
    renames: [
      { kind: 'table', from: 'user', to: 'account' },
      { kind: 'column', table: 'account', from: 'name', to: 'full_name' },
    ],
    seed: [`INSERT INTO "user" (name, email) VALUES ('ann', 'a@x')`, `INSERT INTO post (user_id) VALUES (1)`],
    survives: ['names', `SELECT count(*)::text FROM post`],
  },
  {
    name: 'chained renames (name → slug while pretty_name → name) keep every value in its new place',
    before: schema({
      page: {
        columns: { id: serial('page'), name: col('character varying(50)', false), pretty_name: col('character varying(100)') },
        pk: ['id'],
        indexes: [{ name: 'ix_page_name', columns: ['name'] }],
      },
    }),
    after: schema({
      page: {
        columns: { id: serial('page'), slug: col('character varying(50)', false), name: col('character varying(100)') },
        pk: ['id'],
        indexes: [{ name: 'ix_page_name', columns: ['slug'] }],
      },
    }),
    // Given in the "wrong" order on purpose: the diff runs the chain from its free end.
    renames: [
      { kind: 'column', table: 'page', from: 'pretty_name', to: 'name' },
      { kind: 'column', table: 'page', from: 'name', to: 'slug' },
    ],
    seed: [`INSERT INTO page (name, pretty_name) VALUES ('home', 'Home page'), ('faq', NULL), ('a''b', 'A "quoted" b')`],
    survives: ['values', `SELECT json_agg(json_build_array(id, name, pretty_name) ORDER BY id)::text AS v FROM page`],
    renamedQuery: `SELECT json_agg(json_build_array(id, slug, name) ORDER BY id)::text AS v FROM page`,
  },
  {
    name: 'swapped column names (a ↔ b) go through a temporary name and keep every value',
    before: schema({ pair: { columns: { id: serial('pair'), a: col('text'), b: col('text') }, pk: ['id'] } }),
    after: schema({ pair: { columns: { id: serial('pair'), b: col('text'), a: col('text') }, pk: ['id'] } }),
    renames: [
      { kind: 'column', table: 'pair', from: 'a', to: 'b' },
      { kind: 'column', table: 'pair', from: 'b', to: 'a' },
    ],
    seed: [`INSERT INTO pair (a, b) VALUES ('left', 'right'), (NULL, 'only b')`],
    survives: ['values', `SELECT json_agg(json_build_array(id, a, b) ORDER BY id)::text AS v FROM pair`],
    renamedQuery: `SELECT json_agg(json_build_array(id, b, a) ORDER BY id)::text AS v FROM pair`,
  },
];

async function run(client: Client, statements: string[]): Promise<void> {
  for (const statement of statements) await client.query(formatSql(statement));
}

describe('diff round trips on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let client: Client | undefined;
  before(async () => {
    if ((await postgresProblem()) !== null) return;
    db = await createTestDatabase('mg_diff');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  for (const rt of cases) {
    it(rt.name, async (t) => {
      if (missingOracle(t, await postgresProblem())) return;
      const c = client as Client;
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      for (const name of Object.keys(rt.before.enums)) await c.query(`DROP TYPE IF EXISTS "${name}_old"`);
      await run(c, opsToSql(migrationOps(diffSchemas(emptySchema(), rt.before)).upgrade, emptySchema()));
      assert.equal(formatSchemaJson(await introspectSchema(c)), formatSchemaJson(rt.before), 'before');
      await run(c, rt.seed ?? []);
      const survivesBefore = rt.survives ? (await c.query(rt.survives[1])).rows[0] : undefined;
      const { upgrade, downgrade } = migrationOps(diffSchemas(rt.before, rt.after, { renames: rt.renames ?? [] }));
      await run(c, opsToSql(upgrade, rt.before));
      assert.equal(formatSchemaJson(await introspectSchema(c)), formatSchemaJson(rt.after), 'after upgrade');
      if (rt.survives) assert.deepEqual((await c.query(rt.renamedQuery ?? rt.survives[1])).rows[0], survivesBefore, `${rt.survives[0]} survive the upgrade`);
      await run(c, opsToSql(downgrade, rt.after));
      assert.equal(formatSchemaJson(await introspectSchema(c)), formatSchemaJson(rt.before), 'after downgrade');
      if (rt.survives) assert.deepEqual((await c.query(rt.survives[1])).rows[0], survivesBefore, `${rt.survives[0]} survive the downgrade`);
    });
  }
});
