// Revision files as public Flask projects write them: typed attributes, hand-named files, batch
// blocks, helpers, dialect branches, guards, raw SQL — parsed without Python.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import type { MigrationOp } from '../../../src/core/schema/ops';

const FILE = '/proj/migrations/versions/rev.py';

function body(upgrade: string, moduleLines = ''): ReturnType<typeof parseRevisionFile> {
  const text = `"""msg\n\nRevision ID: abc123\nRevises: \nCreate Date: 2024-02-03 04:05:06.789\n\n"""\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n\nrevision = 'abc123'\ndown_revision = None\n${moduleLines}\n\ndef upgrade():\n${upgrade
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n')}\n\n\ndef downgrade():\n    pass\n`;
  return parseRevisionFile(FILE, text);
}

const kinds = (ops: MigrationOp[]) => ops.map((o) => o.kind);
const noteKinds = (parsed: ReturnType<typeof parseRevisionFile>) => parsed.upgrade.notes.map((n) => n.kind);

describe('revision files', () => {
  before(async () => {
    await initPythonParser();
  });

  it('reads identifiers, message and create date of a Flask-Migrate file', () => {
    const parsed = body('pass');
    assert.equal(parsed.revision, 'abc123');
    assert.deepEqual(parsed.downRevisions, []);
    assert.equal(parsed.message, 'msg');
    assert.equal(parsed.createDate, '2024-02-03 04:05:06.789');
    assert.deepEqual(parsed.notes, []);
    assert.equal(parsed.location.range.start.line, 11);
  });

  it('reads typed module attributes (Alembic 1.13 template) and tuple/list down revisions', () => {
    const text = [
      '"""merge heads"""',
      'from typing import Sequence, Union',
      'from alembic import op',
      '',
      "revision: str = '5f1c0a2b9d3e'",
      "down_revision: Union[str, Sequence[str], None] = ('1a2b3c4d5e6f', '6f5e4d3c2b1a')",
      "branch_labels: Union[str, Sequence[str], None] = ['billing']",
      "depends_on: Union[str, Sequence[str], None] = 'core'",
      '',
      'def upgrade() -> None:',
      '    pass',
      '',
      'def downgrade() -> None:',
      '    pass',
    ].join('\n');
    const parsed = parseRevisionFile('/x/versions/merge.py', text);
    assert.equal(parsed.revision, '5f1c0a2b9d3e');
    assert.deepEqual(parsed.downRevisions, ['1a2b3c4d5e6f', '6f5e4d3c2b1a']);
    assert.deepEqual(parsed.branchLabels, ['billing']);
    assert.deepEqual(parsed.dependsOn, ['core']);
    assert.equal(parsed.message, 'merge heads');
  });

  it('takes the revision from the variable, not the file name; falls back to a legacy id-named file', () => {
    const named = parseRevisionFile(
      '/x/versions/2024_01_05_add_users.py',
      "revision = 'feed00000001'\ndown_revision = None\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n",
    );
    assert.equal(named.revision, 'feed00000001');
    const legacy = parseRevisionFile('/x/versions/3ba0f1a2b3c4_add_users.py', 'down_revision = None\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n');
    assert.equal(legacy.revision, '3ba0f1a2b3c4');
    const none = parseRevisionFile('/x/versions/helpers.py', 'def util():\n    pass\n');
    assert.equal(none.revision, null);
    assert.ok(none.notes.some((n) => n.kind === 'missing-revision-id' && n.severity === 'error'));
  });

  it('survives a half-typed file and reports it', () => {
    const parsed = parseRevisionFile(
      FILE,
      "revision = 'abc'\ndown_revision = None\ndef upgrade():\n    op.add_column('user', sa.Column('x', sa.Integer(\n\ndef downgrade():\n    pass\n",
    );
    assert.equal(parsed.revision, 'abc');
    assert.ok(parsed.notes.some((n) => n.kind === 'parse-error'));
  });

  it('gives every op the range of its call', () => {
    const parsed = body("op.add_column('user', sa.Column('age', sa.Integer(), nullable=True))\nop.drop_column('user', 'legacy')");
    const [add, drop] = parsed.upgrade.ops;
    assert.equal(add?.location?.file, FILE);
    assert.deepEqual(add?.location?.range.start, { line: 16, character: 4 });
    assert.equal(drop?.location?.range.start.line, 17);
  });

  it('replays batch_alter_table blocks as ALTERs on the batch table, recreate="always" noted', () => {
    const parsed = body(
      [
        "with op.batch_alter_table('user', schema=None, recreate='always') as b:",
        "    b.add_column(sa.Column('age', sa.Integer(), nullable=True))",
        "    b.alter_column('name', existing_type=sa.VARCHAR(length=50), type_=sa.String(length=80), existing_nullable=False)",
        "    b.create_foreign_key('fk_user_team', 'team', ['team_id'], ['id'], ondelete='CASCADE')",
        "    b.drop_constraint('uq_x', type_='unique')",
        "    b.drop_column('legacy')",
      ].join('\n'),
    );
    assert.deepEqual(kinds(parsed.upgrade.ops), ['addColumn', 'alterColumn', 'createForeignKey', 'dropConstraint', 'dropColumn']);
    assert.ok(parsed.upgrade.ops.every((op) => 'table' in op && op.table === 'user'));
    const alter = parsed.upgrade.ops[1];
    assert.ok(alter?.kind === 'alterColumn' && alter.type === 'character varying(80)' && alter.existing?.type === 'character varying(50)');
    const fk = parsed.upgrade.ops[2];
    assert.ok(fk?.kind === 'createForeignKey' && fk.foreignKey.refTable === 'team' && fk.foreignKey.onDelete === 'CASCADE');
    assert.deepEqual(noteKinds(parsed), ['batch-recreate']);
  });

  it('follows the PostgreSQL side of dialect branches, with a note', () => {
    const parsed = body(
      [
        'bind = op.get_bind()',
        "is_sqlite = bind.dialect.name == 'sqlite'",
        'if is_sqlite:',
        "    with op.batch_alter_table('user') as batch_op:",
        "        batch_op.drop_column('a')",
        "elif op.get_context().dialect.name in ('postgresql', 'mysql'):",
        "    op.drop_column('user', 'b')",
        'else:',
        "    op.drop_column('user', 'c')",
        "if context.get_context().dialect.name not in ('sqlite'):",
        "    op.drop_column('user', 'd')",
      ].join('\n'),
      'from alembic import context',
    );
    assert.deepEqual(
      parsed.upgrade.ops.map((o) => (o.kind === 'dropColumn' ? o.column : o.kind)),
      ['b', 'd'],
    );
    assert.ok(noteKinds(parsed).filter((k) => k === 'dialect-branch').length >= 3);
  });

  it('early-return guards are noted and the replay carries on past them', () => {
    const parsed = body(
      [
        'conn = op.get_bind()',
        "if sa.inspect(conn).has_table('audit'):",
        '    return',
        "op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True))",
        "if op.get_bind().dialect.name != 'postgresql':",
        '    return',
        "op.add_column('audit', sa.Column('note', sa.Text()))",
      ].join('\n'),
    );
    assert.deepEqual(kinds(parsed.upgrade.ops), ['createTable', 'addColumn']);
    const guard = parsed.upgrade.notes.find((n) => n.kind === 'early-return');
    assert.ok(guard);
    assert.equal(guard?.severity, 'warning');
    assert.equal(guard?.location?.range.start.line, 17);
  });

  it('a bare return ends the body; raise stops it with a note', () => {
    const parsed = body("op.drop_column('user', 'a')\nreturn\nop.drop_column('user', 'b')");
    assert.equal(parsed.upgrade.ops.length, 1);
    const raising = body("raise NotImplementedError('irreversible')\nop.drop_column('user', 'b')");
    assert.equal(raising.upgrade.ops.length, 0);
    assert.deepEqual(noteKinds(raising), ['raises']);
  });

  it('unknown conditions, try/except and while loops are notes; the straight-line path is kept', () => {
    const parsed = body(
      [
        'if some_flag():',
        "    op.drop_column('user', 'a')",
        'else:',
        "    op.drop_column('user', 'never')",
        'try:',
        "    op.drop_column('user', 'b')",
        'except Exception:',
        "    op.drop_column('user', 'never2')",
        'while False:',
        "    op.drop_column('user', 'never3')",
      ].join('\n'),
    );
    assert.deepEqual(
      parsed.upgrade.ops.map((o) => (o.kind === 'dropColumn' ? o.column : o.kind)),
      ['a', 'b'],
    );
    // The except handler's note sits at its own line, a warning since it holds an op.
    assert.deepEqual(noteKinds(parsed), ['control-flow', 'control-flow', 'loop']);
    const [ifNote, exceptNote] = parsed.upgrade.notes.filter((n) => n.kind === 'control-flow');
    assert.equal(exceptNote?.severity, 'warning');
    // `if some_flag():` is the body's first line, `except Exception:` its seventh.
    assert.equal((exceptNote?.location?.range.start.line ?? 0) - (ifNote?.location?.range.start.line ?? 0), 6);
    assert.match(exceptNote?.message ?? '', /^except Exception: replayed as if the try body succeeds/);
  });

  it('unrolls loops over literals and inlines module helpers with their arguments', () => {
    const parsed = body(
      [
        'for table in TABLES:',
        '    _stamp(table)',
        "for name, kind in [('x', sa.Integer()), ('y', sa.Text())]:",
        "    op.add_column('user', sa.Column(name, kind))",
      ].join('\n'),
      [
        "TABLES = ['user', 'team']",
        '',
        'def _stamp(table, column="updated_at"):',
        '    op.add_column(table, sa.Column(column, sa.DateTime(), server_default=sa.func.now()))',
      ].join('\n'),
    );
    const added = parsed.upgrade.ops.map((o) => (o.kind === 'addColumn' ? `${o.table}.${o.column.name}:${o.column.type}:${o.column.default}` : o.kind));
    assert.deepEqual(added, [
      'user.updated_at:timestamp without time zone:now()',
      'team.updated_at:timestamp without time zone:now()',
      'user.x:integer:null',
      'user.y:text:null',
    ]);
    assert.deepEqual(parsed.upgrade.notes, []);
  });

  it('keeps op.execute SQL, reads its DDL, and notes opaque or dynamic SQL with its range', () => {
    const parsed = body(
      [
        'op.execute(\'ALTER TABLE "user" ADD COLUMN age integer\')',
        'op.execute(sa.text("UPDATE \\"user\\" SET age = 1"))',
        "op.execute('CREATE MATERIALIZED VIEW mv AS SELECT 1')",
        "op.execute('CREATE TABLE weird (LIKE other)')",
        "op.execute(f'ALTER TABLE {name} DROP COLUMN x')",
        'op.execute(my_table.update().values(a=1))',
      ].join('\n'),
    );
    assert.deepEqual(kinds(parsed.upgrade.ops), ['executeSql', 'executeSql', 'executeSql', 'executeSql']);
    const notes = parsed.upgrade.notes;
    assert.deepEqual(
      notes.map((n) => n.kind),
      ['data-statement', 'opaque-op', 'opaque-op', 'opaque-op'],
    );
    assert.match(notes[1]?.message ?? '', /CREATE TABLE weird/);
    assert.equal(notes[2]?.location?.range.start.line, 20);
  });

  it('reads explicit enum creation and implied enums in create_table', () => {
    const parsed = body(
      [
        "status = postgresql.ENUM('draft', 'published', name='post_status')",
        'status.create(op.get_bind(), checkfirst=False)',
        "op.create_table('post', sa.Column('id', sa.Integer(), nullable=False), sa.Column('status', status, nullable=False), sa.Column('kind', sa.Enum('a', 'b', name='post_kind')), sa.Column('again', postgresql.ENUM(name='post_status', create_type=False)), sa.PrimaryKeyConstraint('id'))",
        "sa.Enum(name='old_kind').drop(op.get_bind(), checkfirst=True)",
      ].join('\n'),
    );
    const ops = parsed.upgrade.ops;
    assert.deepEqual(kinds(ops), ['createEnum', 'createEnum', 'createEnum', 'createTable', 'dropEnum']);
    // sa.Enum objects reused in create_table are created again by SQLAlchemy (checkfirst=False): applyOps flags that.
    assert.ok(ops[0]?.kind === 'createEnum' && ops[0].name === 'post_status' && ops[0].values.join() === 'draft,published');
    assert.ok(ops[2]?.kind === 'createEnum' && ops[2].name === 'post_kind');
  });

  it('ops on another PostgreSQL schema name their table "<schema>.<table>"; schema="public" is the default', () => {
    const parsed = body(
      [
        "op.add_column('user', sa.Column('x', sa.Integer()), schema='audit')",
        "with op.batch_alter_table('log', schema='audit') as b:",
        "    b.drop_column('y')",
        "op.drop_column('user', 'z', schema='public')",
        "op.create_foreign_key(None, 'entry', 'user', ['uid'], ['id'], source_schema='audit', referent_schema='crm')",
        "op.rename_table('a', 'b', schema='audit')",
        "op.drop_index('ix_a', schema='audit')",
      ].join('\n'),
    );
    const ops = parsed.upgrade.ops;
    assert.deepEqual(kinds(ops), ['addColumn', 'dropColumn', 'dropColumn', 'createForeignKey', 'renameTable', 'dropIndex']);
    assert.deepEqual(
      ops.map((op) => ('table' in op ? op.table : op.kind === 'renameTable' ? `${op.from}>${op.to}` : null)),
      ['audit.user', 'audit.log', 'user', 'audit.entry', 'audit.a>audit.b', null],
    );
    assert.ok(ops[3]?.kind === 'createForeignKey' && ops[3].foreignKey.refTable === 'crm.user' && ops[3].foreignKey.name === 'entry_uid_fkey');
    assert.ok(ops[5]?.kind === 'dropIndex' && ops[5].schema === 'audit');
    assert.deepEqual(noteKinds(parsed), []);
  });

  it('reads f-string SQL whose placeholders are bound to literals; autocommit blocks are plain', () => {
    const parsed = body(
      [
        "col = 'nickname'",
        'with op.get_context().autocommit_block():',
        "    op.execute(f'ALTER TABLE {TABLE} ADD COLUMN {col} varchar({SIZE})')",
        '    op.execute(sa.text(f"ALTER TYPE mood ADD VALUE \'{{x}}\'"))',
        "op.execute(f'ALTER TABLE {unknown_name} DROP COLUMN a')",
      ].join('\n'),
      ["TABLE = 'account'", 'SIZE = 40'].join('\n'),
    );
    const sql = parsed.upgrade.ops.map((op) => (op.kind === 'executeSql' ? op.sql : op.kind));
    assert.deepEqual(sql, ['ALTER TABLE account ADD COLUMN nickname varchar(40)', "ALTER TYPE mood ADD VALUE '{x}'"]);
    assert.deepEqual(noteKinds(parsed), ['opaque-op']);
  });

  it('expands *args from literal tuples, module-level and local', () => {
    const parsed = body(
      [
        "local = ('x', 'y')",
        "op.create_table('m', sa.Column('a', sa.Enum(*ROLES, name='role_a')), sa.Column('b', sa.Enum(*local, 'z', name='role_b')), sa.Column('c', role_c))",
      ].join('\n'),
      ["ROLES = ['owner', 'member']", "role_c = postgresql.ENUM(*ROLES, name='role_c')"].join('\n'),
    );
    const enums = parsed.upgrade.ops.flatMap((op) => (op.kind === 'createEnum' ? [`${op.name}:${op.values.join('|')}`] : []));
    assert.deepEqual(enums, ['role_a:owner|member', 'role_b:x|y|z', 'role_c:owner|member']);
    assert.deepEqual(parsed.upgrade.notes, []);
  });

  it('drop_constraint(None, ...) as autogenerate writes it is an error note', () => {
    const parsed = body("op.drop_constraint(None, 'user', type_='unique')\nop.drop_constraint(op.f('uq_user_email'), 'user', type_='unique')");
    assert.deepEqual(
      parsed.upgrade.ops.map((o) => (o.kind === 'dropConstraint' ? o.name : o.kind)),
      ['uq_user_email'],
    );
    assert.equal(parsed.upgrade.notes[0]?.kind, 'unnamed-constraint');
    assert.equal(parsed.upgrade.notes[0]?.severity, 'error');
  });

  it('unknown calls and unsupported ops are notes, never exceptions', () => {
    const parsed = body("op.create_exclude_constraint('x', 'room', ('period', '&&'))\nsomething_else()\nprint('done')\nop.bulk_insert(t, [])");
    assert.deepEqual(parsed.upgrade.ops, []);
    assert.deepEqual(noteKinds(parsed), ['unsupported-op', 'unknown-call']);
  });
});
