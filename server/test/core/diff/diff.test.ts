import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectRenameCandidates, diffSchemas, migrationOps, parseRenameChoice } from '../../../src/core/diff';
import { col, schema, serial } from './build';

const users = { columns: { id: serial('user'), name: col('character varying(50)') }, pk: ['id'] };

describe('diffSchemas', () => {
  it('finds nothing between equal schemas, and ignores serial sequences that differ only by name', () => {
    const a = schema({ user: users });
    const b = schema({ user: { ...users, columns: { ...users.columns, id: serial('account') } } });
    assert.deepEqual(diffSchemas(a, b), []);
  });

  it('compares a type the models could not resolve by presence only', () => {
    const head = schema({ user: { ...users, columns: { ...users.columns, tags: col('character varying(30)[]') } } });
    const models = schema({ user: { ...users, columns: { ...users.columns, tags: col('?TagList()') } } });
    assert.deepEqual(diffSchemas(head, models), []);
  });

  it('creates enums first, tables in foreign-key order with their indexes, and drops in reverse', () => {
    const before = schema(
      {
        old_parent: { columns: { id: serial('old_parent') }, pk: ['id'] },
        old_child: { columns: { id: serial('old_child'), p: col('integer') }, pk: ['id'], fks: [{ columns: ['p'], refTable: 'old_parent' }] },
      },
      { gone: ['x'] },
    );
    const after = schema(
      {
        zeta_comment: {
          columns: { id: serial('zeta_comment'), post_id: col('integer') },
          pk: ['id'],
          fks: [{ columns: ['post_id'], refTable: 'post' }],
          indexes: [{ name: 'ix_zeta_comment_post_id', columns: ['post_id'] }],
        },
        post: {
          columns: { id: serial('post'), author_id: col('integer'), mood: col('mood') },
          pk: ['id'],
          fks: [{ columns: ['author_id'], refTable: 'author' }],
        },
        author: { columns: { id: serial('author') }, pk: ['id'] },
      },
      { mood: ['happy', 'sad'] },
    );
    const changes = diffSchemas(before, after);
    assert.deepEqual(
      changes.map((c) => `${c.kind}:${c.table ?? c.enumName}`),
      ['createEnum:mood', 'createTable:author', 'createTable:post', 'createTable:zeta_comment', 'dropTable:old_child', 'dropTable:old_parent', 'dropEnum:gone'],
    );
    const { upgrade, downgrade } = migrationOps(changes);
    assert.deepEqual(upgrade.filter((o) => o.kind === 'createIndex').length, 1);
    assert.equal(
      upgrade.findIndex((o) => o.kind === 'createIndex'),
      upgrade.findIndex((o) => o.kind === 'createTable' && o.table === 'zeta_comment') + 1,
    );
    assert.deepEqual(
      downgrade.map((o) => o.kind),
      ['createEnum', 'createTable', 'createTable', 'dropIndex', 'dropTable', 'dropTable', 'dropTable', 'dropEnum'],
    );
  });

  it('alters a column in one op with the exact inverse, and a dropped column comes back whole', () => {
    const before = schema({
      user: {
        ...users,
        columns: { ...users.columns, age: col('text', true, "'0'::text"), email: col('character varying(120)', false, "'x'::character varying") },
      },
    });
    const after = schema({ user: { ...users, columns: { ...users.columns, age: col('integer', false) } } });
    const changes = diffSchemas(before, after);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['alterColumn', 'dropColumn'],
    );
    assert.deepEqual(changes[0]?.upgrade, [
      {
        kind: 'alterColumn',
        table: 'user',
        column: 'age',
        type: 'integer',
        using: '"age"::integer',
        nullable: false,
        default: null,
        existing: col('text', true, "'0'::text"),
      },
    ]);
    assert.deepEqual(changes[0]?.downgrade, [
      { kind: 'alterColumn', table: 'user', column: 'age', type: 'text', nullable: true, default: "'0'::text", existing: col('integer', false) },
    ]);
    assert.deepEqual(changes[1]?.downgrade, [
      { kind: 'addColumn', table: 'user', column: { name: 'email', ...col('character varying(120)', false, "'x'::character varying") } },
    ]);
  });

  it('drops constraints before the column changes and creates them after, foreign keys last', () => {
    const before = schema({
      team: { columns: { id: serial('team'), code: col('text') }, pk: ['id'] },
      user: {
        ...users,
        columns: { ...users.columns, team_id: col('integer') },
        fks: [{ columns: ['team_id'], refTable: 'team' }],
        indexes: [{ name: 'ix_user_name', columns: ['name'] }],
      },
    });
    const after = schema({
      team: { columns: { id: serial('team'), code: col('text') }, pk: ['id'], uniques: [['code']] },
      user: {
        ...users,
        columns: { ...users.columns, team_code: col('text') },
        uniques: [['name']],
        fks: [{ columns: ['team_code'], refTable: 'team', refColumns: ['code'], onDelete: 'CASCADE' }],
      },
    });
    const kinds = diffSchemas(before, after).map((c) => `${c.kind}:${c.table}.${c.column ?? ''}`);
    assert.deepEqual(kinds, [
      'dropForeignKey:user.team_id',
      'dropIndex:user.name',
      'addColumn:user.team_code',
      'dropColumn:user.team_id',
      'createUnique:team.code',
      'createUnique:user.name',
      'createForeignKey:user.team_code',
    ]);
  });

  it('appends enum values with ADD VALUE and recreates the type when values go away', () => {
    const base = { user: { ...users, columns: { ...users.columns, status: col('status', true, "'draft'::status") } } };
    const added = diffSchemas(schema(base, { status: ['draft', 'done'] }), schema(base, { status: ['draft', 'review', 'done', 'archived'] }));
    assert.deepEqual(added[0]?.upgrade, [
      { kind: 'addEnumValue', name: 'status', value: 'review', after: 'draft' },
      { kind: 'addEnumValue', name: 'status', value: 'archived', after: 'done' },
    ]);
    assert.deepEqual(
      added[0]?.downgrade.map((o) => o.kind),
      ['alterColumn', 'dropEnum', 'createEnum', 'alterColumn'],
    );
    const removed = diffSchemas(schema(base, { status: ['draft', 'done'] }), schema(base, { status: ['draft'] }));
    assert.equal(removed[0]?.kind, 'recreateEnum');
    assert.deepEqual(removed[0]?.upgrade, [
      { kind: 'alterColumn', table: 'user', column: 'status', type: 'text', default: null, existing: col('status', true, "'draft'::status") },
      { kind: 'dropEnum', name: 'status' },
      { kind: 'createEnum', name: 'status', values: ['draft'] },
      {
        kind: 'alterColumn',
        table: 'user',
        column: 'status',
        type: 'status',
        using: '"status"::text::"status"',
        default: "'draft'::status",
        existing: col('text', true),
      },
    ]);
  });

  it('applies a chosen column rename (keeping data) and offers unchosen ones as candidates only', () => {
    const before = schema({ user: users });
    const after = schema({ user: { ...users, columns: { id: serial('user'), full_name: col('character varying(50)') } } });
    const guessed = diffSchemas(before, after);
    assert.deepEqual(
      guessed.map((c) => c.kind),
      ['addColumn', 'dropColumn'],
    );
    assert.deepEqual(
      detectRenameCandidates(guessed).map((c) => c.choice),
      [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }],
    );
    const chosen = diffSchemas(before, after, { renames: [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }] });
    assert.deepEqual(
      chosen.map((c) => c.kind),
      ['renameColumn'],
    );
    assert.deepEqual(chosen[0]?.upgrade, [
      { kind: 'alterColumn', table: 'user', column: 'name', newName: 'full_name', existing: col('character varying(50)') },
    ]);
  });

  it('applies a chosen table rename, renaming the serial sequence and following foreign keys', () => {
    const before = schema({
      user: users,
      post: { columns: { id: serial('post'), user_id: col('integer') }, pk: ['id'], fks: [{ columns: ['user_id'], refTable: 'user' }] },
    });
    const after = schema({
      account: { ...users, columns: { ...users.columns, id: serial('account') } },
      post: { columns: { id: serial('post'), user_id: col('integer') }, pk: ['id'], fks: [{ columns: ['user_id'], refTable: 'account' }] },
    });
    assert.deepEqual(
      detectRenameCandidates(diffSchemas(before, after)).map((c) => c.choice),
      [{ kind: 'table', from: 'user', to: 'account' }],
    );
    const changes = diffSchemas(before, after, { renames: [{ kind: 'table', from: 'user', to: 'account' }] });
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['renameTable'],
    );
    assert.deepEqual(changes[0]?.upgrade, [
      { kind: 'renameTable', from: 'user', to: 'account' },
      { kind: 'executeSql', sql: 'ALTER SEQUENCE "user_id_seq" RENAME TO "account_id_seq"', postgresqlOnly: true },
    ]);
    assert.deepEqual(changes[0]?.downgrade, [
      { kind: 'executeSql', sql: 'ALTER SEQUENCE "account_id_seq" RENAME TO "user_id_seq"', postgresqlOnly: true },
      { kind: 'renameTable', from: 'account', to: 'user' },
    ]);
  });

  it('parses --rename and --rename-table values', () => {
    assert.deepEqual(parseRenameChoice('user.name=full_name', false), { kind: 'column', table: 'user', from: 'name', to: 'full_name' });
    assert.deepEqual(parseRenameChoice('user.name=user.full_name', false), { kind: 'column', table: 'user', from: 'name', to: 'full_name' });
    assert.equal(parseRenameChoice('user.name=post.full_name', false), null);
    assert.equal(parseRenameChoice('name=full_name', false), null);
    assert.deepEqual(parseRenameChoice('user=account', true), { kind: 'table', from: 'user', to: 'account' });
  });
});
