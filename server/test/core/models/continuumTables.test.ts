// Issue 11, class 3: SQLAlchemy-Continuum builds `<table>_version`, `transaction` and its plugins' tables
// when the mappers are configured (make_versioned + __versioned__). The models side derives them as
// Continuum does (core/models/continuum.ts), so a model edit on a versioned table is pending on both
// tables, and `revision` writes both, as real `flask db migrate` does with Continuum installed.
//
// Fixture test-fixtures/continuum-versioned. Its two revisions are what real `flask db migrate`
// (Alembic 1.8.1, SQLAlchemy 1.4.46, Flask-SQLAlchemy 3) wrote with SQLAlchemy-Continuum's own source
// (kvesteri/sqlalchemy-continuum 5176cbb, "2.0.0") on PYTHONPATH, against PostgreSQL 15; after
// `flask db upgrade`, a third `flask db migrate` said "No changes in schema detected". The second
// revision is Alembic's own quirk: its first create_table copies each column again, which restores
// nullable=False on version columns whose model says so, so the next autogenerate makes them nullable.
// Continuum cannot be installed here (no PyPI, not in Debian), so no test runs it: the expectations
// below were confirmed on that local run and are written out.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/continuum-versioned');

async function run(command: typeof checkCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(args, new Set(command.booleanFlags ?? [])), { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface Finding {
  code: string;
  severity: string;
  table: string;
  column?: string;
  message: string;
  destructive?: boolean;
}

const dirs: string[] = [];
/** A copy of the fixture with models.py edited. */
function copy(edit: (models: string) => string = (m) => m): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-continuum-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true, filter: (s) => !/[\\/](\.migration-guard|__pycache__)$/.test(s) });
  const models = path.join(dir, 'models.py');
  const text = readFileSync(models, 'utf8');
  writeFileSync(models, edit(text));
  return dir;
}

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `models.py has ${from}`);
  return text.replace(from, to);
}

async function schemaOf(dir: string, from: 'models' | 'migrations') {
  const result = await run(schemaCommand, [dir, '--from', from, '--format', 'json']);
  assert.equal(result.code, 0, result.err);
  return JSON.parse(result.out).tables as Record<
    string,
    {
      columns: Record<string, { type: string; nullable: boolean; default: string | null }>;
      primaryKey: string[];
      indexes: { name: string }[];
      foreignKeys: { columns: string[]; refTable: string }[];
    }
  >;
}

const shape = (table: { columns: Record<string, { type: string; nullable: boolean; default: string | null }> }) =>
  Object.entries(table.columns)
    .map(([name, c]) => `${name} ${c.type}${c.nullable ? '' : ' not null'}${c.default ? ` default ${c.default}` : ''}`)
    .sort();

/** (table, op, column) of the upgrade's add_column / drop_column / alter_column calls, plain or in batch. */
function upgradeOps(text: string): string[] {
  const upgrade = text.slice(text.indexOf('def upgrade'), text.indexOf('def downgrade'));
  const ops: string[] = [];
  let batchTable: string | null = null;
  for (const line of upgrade.split('\n')) {
    const batch = /batch_alter_table\('([^']+)'/.exec(line);
    if (batch) batchTable = batch[1] ?? null;
    const plain = /op\.(add_column|drop_column|alter_column)\('([^']+)',\s*(?:sa\.Column\()?'([^']+)'/.exec(line);
    if (plain) ops.push(`${plain[2]} ${plain[1]} ${plain[3]}`);
    const inBatch = /batch_op\.(add_column|drop_column|alter_column)\((?:sa\.Column\()?'([^']+)'/.exec(line);
    if (inBatch && batchTable) ops.push(`${batchTable} ${inBatch[1]} ${inBatch[2]}`);
    const created = /op\.create_table\('([^']+)'/.exec(line);
    if (created) ops.push(`${created[1]} create_table`);
  }
  return ops.sort();
}

async function ourRevision(dir: string): Promise<string> {
  const result = await run(revisionCommand, [dir, '-m', 'edit', '--autogenerate', '--no-input']);
  assert.equal(result.code, 0, result.err);
  return readFileSync(result.out.trim(), 'utf8');
}

describe('SQLAlchemy-Continuum tables derived from the models (test-fixtures/continuum-versioned)', () => {
  before(async () => initPythonParser());
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the models build the version, transaction and plugin tables as Continuum does', async () => {
    const models = await schemaOf(FIXTURE, 'models');
    // Article is versioned through a mixin; its copy keeps types, server defaults and index=True,
    // drops unique and the foreign key, makes non-key columns nullable; PropertyModTrackerPlugin adds <col>_mod.
    assert.deepEqual(shape(models.article_version!), [
      'author_id integer',
      'author_id_mod boolean not null default false',
      'end_transaction_id bigint',
      'id integer not null',
      'operation_type smallint not null',
      "status character varying(20) default 'draft'::character varying",
      'status_mod boolean not null default false',
      'title character varying(200)',
      'title_mod boolean not null default false',
      'transaction_id bigint not null',
    ]);
    assert.deepEqual(models.article_version!.primaryKey, ['id', 'transaction_id']);
    assert.deepEqual(
      models.article_version!.indexes.map((i) => i.name),
      ['ix_article_version_end_transaction_id', 'ix_article_version_operation_type', 'ix_article_version_title', 'ix_article_version_transaction_id'],
    );
    assert.deepEqual(models.article_version!.foreignKeys, []);
    // __versioned__ = {"exclude": ["note"]}: no note, no note_mod.
    assert.deepEqual(shape(models.tag_version!), [
      'end_transaction_id bigint',
      'id integer not null',
      'name character varying(50)',
      'name_mod boolean not null default false',
      'operation_type smallint not null',
      'transaction_id bigint not null',
    ]);
    // The many-to-many association of a versioned model gets its version table (no _mod columns).
    assert.deepEqual(models.article_tags_version!.primaryKey, ['article_id', 'tag_id', 'transaction_id']);
    assert.deepEqual(shape(models.article_tags_version!), [
      'article_id integer not null',
      'end_transaction_id bigint',
      'operation_type smallint not null',
      'tag_id integer not null',
      'transaction_id bigint not null',
    ]);
    // user_cls="Account": user_id typed as Account's key, a foreign key to it, indexed.
    assert.deepEqual(shape(models.transaction!), [
      "id bigint not null default nextval('transaction_id_seq'::regclass)",
      'issued_at timestamp without time zone',
      'remote_addr character varying(50)',
      'user_id integer',
    ]);
    assert.deepEqual(
      models.transaction!.foreignKeys.map((f) => `${f.columns.join()} -> ${f.refTable}`),
      ['user_id -> account'],
    );
    assert.deepEqual(
      models.transaction!.indexes.map((i) => i.name),
      ['ix_transaction_user_id'],
    );
    assert.deepEqual(shape(models.transaction_changes!), ['entity_name character varying(255) not null', 'transaction_id bigint not null']);
    assert.equal(models.account_version, undefined, 'Account is not versioned');
    // The whole schema equals the one real Alembic's revisions build.
    assert.deepEqual(models, await schemaOf(FIXTURE, 'migrations'));
  });

  it('check: models and migrations are in sync', async () => {
    const result = await run(checkCommand, [FIXTURE, '--format', 'json']);
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual(JSON.parse(result.out), []);
  });

  // The edit real `flask db migrate` (with Continuum) answered with the ops listed below.
  const edit = (m: string) =>
    replaced(
      replaced(
        m,
        'title = db.Column(db.String(200), nullable=False, index=True)',
        'title = db.Column(db.String(300), nullable=False, index=True)\n    summary = db.Column(db.String(80))',
      ),
      'note = db.Column(db.Text)',
      'note = db.Column(db.String(500))',
    );
  const ALEMBIC_OPS = [
    'article add_column summary',
    'article alter_column title',
    'article_version add_column summary',
    'article_version add_column summary_mod',
    'article_version alter_column title',
    'tag alter_column note',
  ];

  it('a model edit on a versioned table is pending on the table and on its version table (not for an excluded column)', async () => {
    const result = await run(checkCommand, [copy(edit), '--format', 'json']);
    assert.equal(result.code, 1, result.err);
    const mg001 = (JSON.parse(result.out) as Finding[]).find((f) => f.code === 'MG001');
    assert.ok(mg001, result.out);
    assert.match(mg001.message, /table `article_version` \(column summary added, column summary_mod added, column title type changed\)/);
    assert.match(mg001.message, /table `article` \(column summary added, column title type changed\)/);
    assert.doesNotMatch(mg001.message, /tag_version/);
  });

  it('revision --autogenerate writes both tables, the ops real flask db migrate wrote with Continuum', async () => {
    const text = await ourRevision(copy(edit));
    assert.deepEqual(upgradeOps(text), ALEMBIC_OPS);
    assert.match(text, /add_column\(sa\.Column\('summary_mod', sa\.Boolean\(\), server_default=sa\.text\('false'\), nullable=False\)\)/);
  });

  it('a new versioned model: revision creates its table and its version table', async () => {
    const dir = copy((m) =>
      replaced(
        m,
        'sa.orm.configure_mappers()',
        'class Comment(Versioned, db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    body = db.Column(db.Text)\n\n\nsa.orm.configure_mappers()',
      ),
    );
    const text = await ourRevision(dir);
    assert.deepEqual(upgradeOps(text), ['comment create_table', 'comment_version create_table']);
    assert.match(text, /create_index\(.*'ix_comment_version_transaction_id'/);
  });

  it('make_versioned options: table_name, column names, strategy (subquery has no end_transaction_id)', async () => {
    const dir = copy((m) =>
      replaced(
        m,
        'make_versioned(user_cls="Account", plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()])',
        'make_versioned(user_cls=None, options={"table_name": "%s_history", "transaction_column_name": "tx_id", "strategy": "subquery"})',
      ),
    );
    const models = await schemaOf(dir, 'models');
    assert.deepEqual(
      Object.keys(models)
        .filter((t) => t.endsWith('_history'))
        .sort(),
      ['article_history', 'article_tags_history', 'tag_history'],
    );
    assert.deepEqual(shape(models.tag_history!), [
      'id integer not null',
      'name character varying(50)',
      'operation_type smallint not null',
      'tx_id bigint not null',
    ]);
    assert.deepEqual(Object.keys(models.transaction!.columns).sort(), ['id', 'issued_at', 'remote_addr']);
    assert.equal(models.transaction_changes, undefined);
  });

  it('what cannot be read is a note at its line and the tables are uncertain: never a data-loss warning', async () => {
    // __versioned__ built by a call: its exclude list is unknown. Tag.name is removed too: a real
    // drop on tag, while on tag_version the column may be one Continuum does not copy.
    const dir = copy((m) =>
      replaced(
        replaced(
          replaced(m, '__versioned__ = {"exclude": ["note"]}', '__versioned__ = versioning_options()'),
          'db = SQLAlchemy()',
          'db = SQLAlchemy()\n\n\ndef versioning_options():\n    return {"exclude": ["note"]}',
        ),
        '    name = db.Column(db.String(50), nullable=False, unique=True)\n',
        '',
      ),
    );
    const result = await run(checkCommand, [dir, '--format', 'json']);
    const findings = JSON.parse(result.out) as Finding[];
    assert.ok(
      findings.some((f) => f.code === 'DS103' && f.table === 'tag' && f.column === 'name' && f.severity === 'warning'),
      result.out,
    );
    assert.deepEqual(
      findings.filter((f) => f.table === 'tag_version' && (f.severity === 'warning' || f.destructive)),
      [],
      result.out,
    );
    const text = await ourRevision(dir);
    // tag_version is left as the migrations have it: nothing guessed is written for it.
    assert.deepEqual(upgradeOps(text), ['tag drop_column name']);
    const models = await run(schemaCommand, [dir, '--from', 'models', '--format', 'json']);
    assert.equal(models.code, 0);
    const { modelNotes } = await notesOf(dir);
    assert.ok(
      modelNotes.some((n) => /__versioned__ cannot be read statically/.test(n.message) && n.line === lineOf(dir, 'versioning_options()')),
      JSON.stringify(modelNotes),
    );
  });

  it("a project's own TransactionFactory (ihatemoney's): taken as Continuum's, uncertain; remote_addr=False drops the column, as info", async () => {
    const dir = copy((m) =>
      replaced(
        replaced(
          m,
          'make_versioned(user_cls="Account", plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()])',
          'make_versioned(user_cls="Account", plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()], manager=VersioningManager(transaction_cls=PatchedFactory(remote_addr=False)))',
        ),
        'from sqlalchemy_continuum import make_versioned',
        'from sqlalchemy_continuum import VersioningManager, make_versioned\nfrom sqlalchemy_continuum.transaction import TransactionFactory\n\n\nclass PatchedFactory(TransactionFactory):\n    def create_class(self, manager):\n        return super().create_class(manager)\n',
      ),
    );
    const result = await run(checkCommand, [dir, '--format', 'json']);
    const findings = JSON.parse(result.out) as Finding[];
    const drop = findings.find((f) => f.code === 'DS103' && f.table === 'transaction');
    assert.ok(drop, result.out);
    assert.equal(drop.column, 'remote_addr');
    assert.equal(drop.severity, 'info');
    assert.match(drop.message, /Uncertain: SQLAlchemy-Continuum: PatchedFactory overrides TransactionFactory/);
    assert.deepEqual(upgradeOps(await ourRevision(dir)), ['transaction drop_column remote_addr']);
  });

  it("a project's own Builder: rewriting build_relationships leaves the association tables uncertain, rewriting build_tables leaves every table unread", async () => {
    const withBuilder = (methods: string) => (m: string) =>
      replaced(
        replaced(
          m,
          'plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()])',
          'plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()], manager=VersioningManager(builder=PatchedBuilder()))',
        ),
        'from sqlalchemy_continuum import make_versioned',
        `from sqlalchemy_continuum import VersioningManager, make_versioned\nfrom sqlalchemy_continuum.builder import Builder\n\n\nclass PatchedBuilder(Builder):\n${methods}`,
      );
    // ihatemoney's PatchedBuilder (a query fix in build_relationships): the tables are still Continuum's.
    const relationships = copy(withBuilder('    def build_relationships(self, version_classes):\n        pass\n'));
    const dropTag = (dir: string) => {
      const file = path.join(dir, 'models.py');
      writeFileSync(file, replaced(readFileSync(file, 'utf8'), '    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),\n', ''));
    };
    dropTag(relationships);
    let findings = JSON.parse((await run(checkCommand, [relationships, '--format', 'json'])).out) as Finding[];
    const versionDrop = findings.find((f) => f.code === 'DS103' && f.table === 'article_tags_version');
    assert.equal(versionDrop?.severity, 'info', JSON.stringify(findings));
    assert.match(versionDrop?.message ?? '', /Uncertain: SQLAlchemy-Continuum: PatchedBuilder overrides Builder\.build_relationships/);
    assert.equal(findings.find((f) => f.code === 'DS103' && f.table === 'article_tags')?.severity, 'warning');
    // One that rewrites build_tables may build anything: the version tables are taken as the migrations have them.
    const tables = copy(withBuilder('    def build_tables(self):\n        pass\n'));
    dropTag(tables);
    findings = JSON.parse((await run(checkCommand, [tables, '--format', 'json'])).out) as Finding[];
    assert.deepEqual(
      findings.filter((f) => f.table.endsWith('_version')),
      [],
    );
    const { modelNotes } = await notesOf(tables);
    assert.ok(modelNotes.some((n) => /builder= cannot be read statically/.test(n.message)));
  });

  it('__versioned__ without make_versioned builds nothing: the head version tables are taken as they are, with a note', async () => {
    const dir = copy((m) => replaced(m, 'make_versioned(user_cls="Account", plugins=[PropertyModTrackerPlugin(), TransactionChangesPlugin()])', ''));
    const result = await run(checkCommand, [dir, '--format', 'json']);
    assert.equal(result.code, 0, result.out + result.err);
    const { modelNotes } = await notesOf(dir);
    assert.ok(modelNotes.some((n) => /no make_versioned/.test(n.message)));
  });
});

function lineOf(dir: string, needle: string): number {
  const lines = readFileSync(path.join(dir, 'models.py'), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(needle) && l.includes('__versioned__'));
}

async function notesOf(dir: string): Promise<{ modelNotes: { message: string; line: number }[] }> {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
  return {
    modelNotes: result.notes
      .filter((n) => n.kind === 'versioned-tables' || n.kind === 'unseen-columns')
      .map((n) => ({ message: n.message, line: n.location?.range.start.line ?? -1 })),
  };
}
