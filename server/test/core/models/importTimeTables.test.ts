// Issue 11, never crying wolf: a module-level call in a models module that is handed model classes
// may build tables and columns when the models are imported (funnel's `add_primary_relationship(
// Project, 'primary_venue', Venue, ...)` from coaster builds `project_venue_primary`). What such a
// call may build is uncertain: an info finding with the reason, and a note at the call's line. The
// project's own helpers are followed: one that builds nothing leaves the drops next to it warnings.
// Fixture: test-fixtures/import-time-tables. The oracle imports the fixture's models with a stand-in
// `coaster` and asks real Alembic's autogenerate what it would write: exactly the drops we warn about.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { extractModels } from '../../../src/core/models';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/import-time-tables');
const MODELS = path.join(FIXTURE, 'shop', 'models.py');

interface JsonFinding {
  code: string;
  severity: string;
  table: string;
  column?: string;
  message: string;
}

async function check(): Promise<{ code: number; findings: JsonFinding[] }> {
  let out = '';
  const code = await checkCommand.run(parseArgs([FIXTURE, '--format', 'json'], new Set(checkCommand.booleanFlags ?? [])), {
    out: (t) => (out += t),
    err: () => undefined,
  });
  return { code, findings: JSON.parse(out) as JsonFinding[] };
}

/** `revision --autogenerate` on a copy of the fixture: the file written, its drops, and what was printed. */
async function ourRevision(): Promise<{ text: string; drops: string[]; err: string }> {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'mg-import-time-rev-'));
  try {
    cpSync(FIXTURE, copy, { recursive: true });
    let out = '';
    let err = '';
    const code = await revisionCommand.run(parseArgs([copy, '-m', 'sync', '--autogenerate', '--no-input'], new Set(revisionCommand.booleanFlags ?? [])), {
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    assert.equal(code, 0, err);
    const text = readFileSync(out.trim(), 'utf8');
    const upgrade = text.slice(text.indexOf('def upgrade'), text.indexOf('def downgrade'));
    const drops = [
      ...[...upgrade.matchAll(/op\.drop_table\('([^']+)'/g)].map((m) => `remove_table ${m[1]}`),
      ...[...upgrade.matchAll(/op\.drop_column\('([^']+)', '([^']+)'/g)].map((m) => `remove_column ${m[1]}.${m[2]}`),
      ...[...upgrade.matchAll(/batch_alter_table\('([^']+)'[^\n]*\n((?:\s+batch_op\.[^\n]*\n)+)/g)].flatMap((m) =>
        [...(m[2] ?? '').matchAll(/batch_op\.drop_column\('([^']+)'/g)].map((c) => `remove_column ${m[1]}.${c[1]}`),
      ),
    ].sort();
    return { text, drops, err };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const key = (f: JsonFinding) => `${f.code} ${f.severity} ${f.table}${f.column ? `.${f.column}` : ''}`;

describe('tables built when the models are imported', () => {
  before(async () => initPythonParser());

  it('check: what a library call or a schema-building helper is handed is uncertain; the real drops stay warnings', async () => {
    const { code, findings } = await check();
    assert.equal(code, 1);
    const drops = findings
      .filter((f) => /^DS/.test(f.code))
      .map(key)
      .sort();
    assert.deepEqual(drops, [
      'DS102 info project_venue_primary',
      'DS102 info sponsor_badge_link',
      'DS102 warning order_archive',
      'DS103 info ticket.created_by',
      'DS103 warning order.legacy_code',
    ]);
    const byTable = (table: string) => findings.find((f) => f.table === table && /^DS/.test(f.code))?.message ?? '';
    assert.match(
      byTable('project_venue_primary'),
      /Uncertain: `add_primary_relationship\(\.\.\.\)` \(shop\/models\.py:45\) .*"project", "venue".*outside the project/,
    );
    assert.match(byTable('sponsor_badge_link'), /Uncertain: `make_link_table\(\.\.\.\)` \(shop\/models\.py:51\) .*sa\.Table\(\.\.\.\) in make_link_table/);
    assert.match(
      byTable('ticket'),
      /Uncertain: `add_audit_columns\(\.\.\.\)` \(shop\/models\.py:52\) .*may add this column .*setattr\(\.\.\.\) in _add_column/,
    );
    assert.ok(!findings.some((f) => f.severity === 'warning' && /^MF/.test(f.code)), 'no MF warning either');
  });

  it('revision: writes no drop for what a call may build, names it at the top, and still drops the real ones', async () => {
    const { text, drops, err } = await ourRevision();
    assert.deepEqual(drops, ['remove_column order.legacy_code', 'remove_table order_archive']);
    assert.match(text, /# Migration Guard: NOT DROPPED, although the models do not show them/);
    for (const kept of ['table project_venue_primary', 'table sponsor_badge_link', 'column ticket.created_by'])
      assert.ok(text.includes(`#   - ${kept}\n`), kept);
    assert.match(err, /project_venue_primary is not dropped: `add_primary_relationship\(\.\.\.\)` \(shop\/models\.py:45\)/);
  });

  it('puts a note at each call that makes something uncertain, and none at the helper it followed', () => {
    const [location] = discoverProjects(FIXTURE);
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    const notes = result.notes.filter((n) => n.kind === 'import-time-tables');
    assert.deepEqual(
      notes.map((n) => [n.severity, n.location?.file, (n.location?.range.start.line ?? -1) + 1]),
      [
        ['info', MODELS, 45],
        ['info', MODELS, 51],
        ['info', MODELS, 52],
      ],
    );
    assert.match(notes[0]?.message ?? '', /^`add_primary_relationship\(\.\.\.\)` is handed the models of "project", "venue" .*\("project_venue_primary"\)/);
    assert.match(notes[2]?.message ?? '', /\("ticket\.created_by"\)/);
    assert.deepEqual(
      result.uncertainTables.filter((t) => ['project_venue_primary', 'sponsor_badge_link', 'order_archive'].includes(t)),
      ['project_venue_primary', 'sponsor_badge_link'],
    );
  });

  it('records only calls handed model classes whose effect cannot be ruled out', () => {
    const models = (text: string, helpers = '') =>
      extractModels(
        [
          { path: '/p/app/models.py', text },
          { path: '/p/app/helpers.py', text: helpers },
        ],
        { root: '/p' },
      );
    const head = [
      'import sqlalchemy as sa',
      'from flask_sqlalchemy import SQLAlchemy',
      'from versions import track',
      'from .helpers import *',
      'db = SQLAlchemy()',
      'class User(db.Model):',
      '    id = db.Column(db.Integer, primary_key=True)',
      'tags = db.Table("tags", db.Column("id", db.Integer))',
      '',
    ].join('\n');
    // Inert: SQLAlchemy's own functions, builtins, a class's attribute (not the class), no model at all.
    const inert = models(`${head}sa.event.listen(User, "before_insert", print)\nprint(User)\ntrack(User.id)\ntrack("user")\n`);
    assert.equal(inert.importTimeCalls, undefined);
    // A library function handed a class, a Table object or a class's __table__; a name the star import may hold.
    const recorded = models(`${head}track(User)\nx = track([tags])\ntrack(table=User.__table__)\nmystery(User)\n`);
    assert.deepEqual(
      recorded.importTimeCalls?.map((c) => [c.callee, c.tables, c.why, c.location.range.start.line + 1]),
      [
        ['track', ['user'], 'external', 9],
        ['track', ['tags'], 'external', 10],
        ['track', ['user'], 'external', 11],
        ['mystery', ['user'], 'unfound', 12],
      ],
    );
    // A helper of the same module: followed, and only kept when it builds schema or hands the model on.
    const local = models(`${head}def quiet(model):\n    return model.__tablename__.upper()\ndef loud(model):\n    track(model)\nquiet(User)\nloud(User)\n`);
    assert.deepEqual(
      local.importTimeCalls?.map((c) => [c.callee, c.why, c.builds]),
      [['loud', 'builds', { what: 'track(...)', inFunction: 'loud' }]],
    );
  });
});

describe('oracle: what Alembic autogenerate writes for the fixture', () => {
  let stubs = '';
  before(() => {
    stubs = mkdtempSync(path.join(os.tmpdir(), 'mg-import-time-'));
    // A stand-in for coaster's add_primary_relationship: the table it builds, named as coaster names it.
    mkdirSync(path.join(stubs, 'coaster'));
    writeFileSync(path.join(stubs, 'coaster', '__init__.py'), '');
    writeFileSync(
      path.join(stubs, 'coaster', 'sqlalchemy.py'),
      [
        'import sqlalchemy as sa',
        'def add_primary_relationship(parent, childrel, child, parentrel, parentcol):',
        '    p, c = parent.__tablename__, child.__tablename__',
        '    return sa.Table(f"{p}_{c}_primary", parent.metadata,',
        '        sa.Column(f"{p}_id", sa.Integer, sa.ForeignKey(f"{p}.id"), primary_key=True),',
        '        sa.Column(f"{c}_id", sa.Integer, sa.ForeignKey(f"{c}.id"), nullable=False))',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(stubs, 'autogenerate.py'),
      [
        'import importlib.util, json, sys',
        'import sqlalchemy as sa',
        'from alembic.autogenerate import compare_metadata',
        'from alembic.migration import MigrationContext',
        'from alembic.operations import Operations',
        'fixture, stubs, revision = sys.argv[1:4]',
        'sys.path[:0] = [stubs, fixture]',
        'engine = sa.create_engine("sqlite://")',
        'with engine.begin() as conn:',
        '    spec = importlib.util.spec_from_file_location("rev", revision)',
        '    rev = importlib.util.module_from_spec(spec)',
        '    with Operations.context(MigrationContext.configure(conn)):',
        '        spec.loader.exec_module(rev)',
        '        rev.upgrade()',
        '    from shop.models import db',
        '    diffs = compare_metadata(MigrationContext.configure(conn), db.metadata)',
        'out = []',
        'for d in diffs:',
        '    if isinstance(d, tuple) and d[0] == "remove_table": out.append(f"remove_table {d[1].name}")',
        '    elif isinstance(d, tuple) and d[0] == "remove_column": out.append(f"remove_column {d[2]}.{d[3].name}")',
        '    elif isinstance(d, tuple): out.append(d[0])',
        '    else: out.append(" ".join(str(x[0]) for x in d))',
        'print(json.dumps(sorted(out)))',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(stubs, { recursive: true, force: true }));

  it('proposes exactly the drops check warns about (the uncertain tables are really built at import)', async (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const revision = path.join(FIXTURE, 'migrations', 'versions', '5e6f7a8b9c0d_shop.py');
    const run = spawnSync(SYSTEM_PYTHON, [path.join(stubs, 'autogenerate.py'), FIXTURE, stubs, revision], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    assert.equal(run.status, 0, run.stderr);
    const theirs = JSON.parse(run.stdout) as string[];
    assert.deepEqual(theirs, ['remove_column order.legacy_code', 'remove_table order_archive']);
    const { findings } = await check();
    const warned = findings.filter((f) => f.severity === 'warning' && /^(DS|MF)/.test(f.code));
    assert.deepEqual(warned.map((f) => (f.column ? `remove_column ${f.table}.${f.column}` : `remove_table ${f.table}`)).sort(), theirs);
    // And our revision drops exactly what Alembic drops.
    assert.deepEqual((await ourRevision()).drops, theirs);
  });
});
