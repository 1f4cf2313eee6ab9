import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { introspectSchema, checkExpressionOf } from '../../src/db/introspect';
import { formatSchemaJson } from '../../src/core/schema/json';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const DDL = `
  create type status as enum ('draft', 'published', 'archived');
  create table team (
    id serial primary key,
    name varchar(80) not null,
    code char(4),
    constraint uq_team_name unique (name)
  );
  create table "user" (
    id bigserial primary key,
    email character varying(120) not null,
    team_id integer references team (id) on delete cascade,
    backup_team integer,
    state status not null default 'draft',
    score numeric(10,2) default 0 check (score >= 0),
    created_at timestamp without time zone not null default now(),
    flags jsonb,
    uid uuid,
    active boolean default true,
    constraint uq_user_team_email unique (team_id, email),
    constraint fk_backup foreign key (backup_team) references team (id)
  );
  comment on column "user".email is 'login';
  create index ix_user_email on "user" (email);
  create unique index ix_user_uid on "user" (uid);
  create index ix_user_lower_email on "user" (lower(email));
  create table membership (
    user_id bigint not null references "user" (id) on delete set null,
    team_id integer not null,
    primary key (team_id, user_id)
  );
  create table alembic_version (version_num varchar(32) not null, constraint alembic_version_pkc primary key (version_num));
`;

for (const kind of TARGET_KINDS) {
  describe(`introspectSchema on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('reads tables, columns, keys, indexes, checks and enums the way pg_catalog describes them', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const schema = await withClient(db, async (client) => {
        await client.query(DDL);
        return introspectSchema(client);
      });
      assert.deepEqual(Object.keys(schema.tables).sort(), ['membership', 'team', 'user'], 'alembic_version is left out');
      const user = schema.tables.user!;
      assert.deepEqual(Object.keys(user.columns), ['id', 'email', 'team_id', 'backup_team', 'state', 'score', 'created_at', 'flags', 'uid', 'active']);
      assert.deepEqual(user.columns.id, { type: 'bigint', nullable: false, default: "nextval('user_id_seq'::regclass)" });
      assert.deepEqual(user.columns.email, { type: 'character varying(120)', nullable: false, default: null, comment: 'login' });
      assert.deepEqual(user.columns.state, { type: 'status', nullable: false, default: "'draft'::status" });
      assert.equal(user.columns.score?.type, 'numeric(10,2)');
      assert.equal(user.columns.created_at?.default, 'now()');
      assert.equal(user.columns.active?.default, 'true');
      assert.deepEqual(user.primaryKey, { name: 'user_pkey', columns: ['id'] });
      assert.deepEqual(user.uniques, [{ name: 'uq_user_team_email', columns: ['team_id', 'email'] }]);
      assert.deepEqual(user.indexes, [
        { name: 'ix_user_email', columns: ['email'], unique: false },
        { name: 'ix_user_lower_email', columns: ['lower(email::text)'], unique: false },
        { name: 'ix_user_uid', columns: ['uid'], unique: true },
      ]);
      assert.deepEqual(user.foreignKeys, [
        { name: 'fk_backup', columns: ['backup_team'], refTable: 'team', refColumns: ['id'], onDelete: null },
        { name: 'user_team_id_fkey', columns: ['team_id'], refTable: 'team', refColumns: ['id'], onDelete: 'CASCADE' },
      ]);
      assert.deepEqual(user.checks, [{ name: 'user_score_check', expression: '(score >= (0)::numeric)' }]);
      assert.deepEqual(schema.tables.team?.uniques, [{ name: 'uq_team_name', columns: ['name'] }]);
      assert.equal(schema.tables.team?.columns.code?.type, 'character(4)');
      assert.deepEqual(schema.tables.membership?.primaryKey, { name: 'membership_pkey', columns: ['team_id', 'user_id'] });
      assert.equal(schema.tables.membership?.foreignKeys[0]?.onDelete, 'SET NULL');
      assert.deepEqual(schema.enums, { status: ['draft', 'published', 'archived'] });
    });

    test('an empty database is an empty schema, and the contract JSON is stable', async (t) => {
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const schema = await withClient(db, (client) => introspectSchema(client));
      assert.equal(formatSchemaJson(schema), JSON.stringify({ tables: {}, enums: {} }, null, 2));
    });
  });
}

test('checkExpressionOf strips the CHECK keyword and keeps the expression', () => {
  assert.equal(checkExpressionOf('CHECK ((price > 0))'), '(price > 0)');
  assert.equal(checkExpressionOf('CHECK ((a > 0)) NOT VALID'), '(a > 0)');
});
