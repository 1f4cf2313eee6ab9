// Issue 11, class 1: steps PostgreSQL refuses whatever the data. test-fixtures/pg-refused holds the
// three kinds (a type change with no cast, a table dropped while another references it, a column of
// an enum type nothing created); each is an error at its line, its whole revision is left out (as
// PostgreSQL's rollback leaves it), and the tables it touches are uncertain from there on. The same
// steps run on real Alembic + PostgreSQL in test/oracle/pgRefused.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { newReplayGuard } from '../../../src/core/history/guardedReplay';
import { loadHistory } from '../../../src/core/history/load';
import { schemaAtRevision } from '../../../src/core/history/schemaAtRevision';
import { castsWithoutUsing } from '../../../src/core/history/apply/pgCasts';
import { initPythonParser } from '../../../src/core/python/parser';
import type { Note } from '../../../src/core/source';
import { FIXTURES_DIR } from '../../support/fixtures';
import { AlembicProject } from './support/alembicProject';

const FIXTURE = path.join(FIXTURES_DIR, 'pg-refused');

const refusals = (notes: Note[]) =>
  notes.filter((n) => n.kind === 'pg-rejected').map((n) => `${path.basename(n.location?.file ?? '')}:${(n.location?.range.start.line ?? -1) + 1}`);

describe('steps PostgreSQL always refuses', () => {
  before(async () => initPythonParser());

  it('are errors at their line, and their whole revision is left out of the head', () => {
    const history = loadHistory(FIXTURE);
    const guard = newReplayGuard(null);
    const { schema, notes } = schemaAtRevision(history, 'head', guard);
    assert.deepEqual(refusals(notes), ['b2b2b2b2b2b2_shelf_labels_and_codes.py:20', 'd4d4d4d4d4d4_drop_publisher.py:19', 'e5e5e5e5e5e5_book_format.py:20']);
    for (const note of notes.filter((n) => n.kind === 'pg-rejected')) assert.equal(note.severity, 'error');
    const [cast, drop, enumType] = notes.filter((n) => n.kind === 'pg-rejected').map((n) => n.message);
    assert.match(cast ?? '', /shelf\.code cannot be cast automatically from character varying\(20\) to integer/);
    assert.match(cast ?? '', /rolls back the whole of revision b2b2b2b2b2b2/);
    assert.match(drop ?? '', /"book" still has a foreign key to "publisher"/);
    assert.match(enumType ?? '', /type "bookformat" does not exist/);
    // b2's add_column ran before its refused ALTER: PostgreSQL's rollback takes it away too.
    assert.deepEqual(Object.keys(schema.tables.shelf?.columns ?? {}), ['id', 'code']);
    assert.equal(schema.tables.shelf?.columns.code?.type, 'character varying(20)');
    assert.ok(schema.tables.publisher, 'the refused DROP TABLE leaves publisher');
    assert.equal(schema.tables.book?.columns.format, undefined);
    assert.deepEqual(schema.enums, {});
    // c3, between the refused revisions, is replayed.
    assert.equal(schema.tables.author?.columns.bio?.type, 'text');
    assert.deepEqual([...guard.uncertain.keys()].sort(), ['book', 'publisher', 'shelf']);
    assert.match(guard.uncertain.get('shelf')?.reason ?? '', /rolls back the whole of revision b2b2b2b2b2b2/);
  });

  it('`check` answers, lists each refusal as an error at file:line, and raises no DS warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-refused-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const cli = path.resolve(__dirname, '../../../../dist/cli.js');
      const run = spawnSync(process.execPath, [cli, 'check', dir, '--no-cache'], { encoding: 'utf8' });
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      for (const at of [
        'b2b2b2b2b2b2_shelf_labels_and_codes.py:20: error:',
        'd4d4d4d4d4d4_drop_publisher.py:19: error:',
        'e5e5e5e5e5e5_book_format.py:20: error:',
      ])
        assert.ok(run.stderr.includes(at), `${at} not in:\n${run.stderr}`);
      assert.doesNotMatch(run.stdout, /: (warning|error) DS\d+/);
      assert.match(run.stdout, /info DS102 Dropping table `publisher`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SQLite accepts the same steps (batch mode copies the table): nothing is refused there', () => {
    const history = loadHistory(FIXTURE);
    const guard = newReplayGuard(null, 'sqlite');
    const { schema, notes } = schemaAtRevision(history, 'head', guard);
    assert.deepEqual(refusals(notes), []);
    assert.equal(schema.tables.shelf?.columns.code?.type, 'integer');
    assert.equal(schema.tables.publisher, undefined);
  });

  it('a refusal on a table the replay is unsure of is only a conflict, never a rollback', () => {
    // The fixture's e5 refers to no uncertain table; give the guard a book it is unsure of for d4.
    const history = loadHistory(FIXTURE);
    const guard = newReplayGuard(null);
    guard.uncertain.set('book', { reason: 'test' });
    const { schema, notes } = schemaAtRevision(history, 'head', guard);
    assert.deepEqual(refusals(notes), ['b2b2b2b2b2b2_shelf_labels_and_codes.py:20', 'e5e5e5e5e5e5_book_format.py:20']);
    const drop = notes.find((n) => n.location?.file.endsWith('d4d4d4d4d4d4_drop_publisher.py'));
    assert.equal(drop?.kind, 'replay-conflict');
    assert.ok(schema.tables.publisher);
  });

  it('the rollback undoes every kind of step before the refused one: renames, foreign keys that follow them, indexes, enums, new tables', () => {
    const project = new AlembicProject('postgresql://unused');
    try {
      const [, r2File] = project.writeRevisions([
        {
          id: 'r1',
          down: null,
          up: [
            "op.create_table('a', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('n', sa.Text()))",
            "op.create_table('b', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('a_id', sa.Integer(), sa.ForeignKey('a.id')))",
            "op.create_table('c', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('flag', sa.Text(), server_default='no'))",
            "op.create_index('ix_c_flag', 'c', ['flag'])",
          ],
          downgrade: [],
        },
        {
          id: 'r2',
          down: 'r1',
          up: [
            "op.rename_table('a', 'a2')",
            "op.alter_column('a2', 'id', new_column_name='key')",
            "op.add_column('b', sa.Column('note', sa.String(10)))",
            "op.create_index('ix_b_note', 'b', ['note'])",
            "op.drop_index('ix_c_flag', table_name='c')",
            "op.create_table('d', sa.Column('id', sa.Integer(), primary_key=True))",
            "sa.Enum('x', 'y', name='kind').create(op.get_bind())",
            "op.add_column('d', sa.Column('kind', sa.Enum('x', 'y', name='kind')))",
            "op.drop_column('c', 'flag')",
            "op.add_column('c', sa.Column('flag', sa.Text()))",
            "op.execute('ALTER TABLE b RENAME COLUMN a_id TO a2_key')",
            // text -> boolean: no cast, refused whatever the data.
            "op.alter_column('c', 'flag', type_=sa.Boolean())",
            "op.drop_table('b')",
          ],
          downgrade: [],
        },
      ]);
      const history = loadHistory(project.dir);
      const atParent = schemaAtRevision(history, 'r1', newReplayGuard(null)).schema;
      const guard = newReplayGuard(null);
      const head = schemaAtRevision(history, 'head', guard);
      const refusedLine =
        readFileSync(r2File as string, 'utf8')
          .split('\n')
          .findIndex((l) => l.includes('type_=sa.Boolean()')) + 1;
      assert.deepEqual(refusals(head.notes), [`r2_rev.py:${refusedLine}`]);
      assert.deepEqual(head.schema, atParent);
      assert.deepEqual([...guard.uncertain.keys()].sort(), ['a', 'a2', 'b', 'c', 'd']);
    } finally {
      project.remove();
    }
  });

  it('knows which type changes PostgreSQL casts by itself (the full table is measured in test/db/pgCasts.test.ts)', () => {
    const enums = { mood: ['a'] };
    assert.equal(castsWithoutUsing('character varying(20)', 'integer', enums), false);
    assert.equal(castsWithoutUsing('text', 'boolean', enums), false);
    assert.equal(castsWithoutUsing('integer', 'boolean', enums), false);
    assert.equal(castsWithoutUsing('text', 'mood', enums), false);
    assert.equal(castsWithoutUsing('integer', 'character varying(3)', enums), true);
    assert.equal(castsWithoutUsing('numeric(10,2)', 'integer', enums), true);
    assert.equal(castsWithoutUsing('timestamp(3) without time zone', 'date', enums), true);
    assert.equal(castsWithoutUsing('integer[]', 'text[]', enums), true);
    assert.equal(castsWithoutUsing('mood', 'text', enums), true);
    // A type the table does not know gets no verdict: never a false refusal.
    assert.equal(castsWithoutUsing('character varying', 'citext', enums), null);
    assert.equal(castsWithoutUsing('unknown', 'integer', enums), null);
  });
});
