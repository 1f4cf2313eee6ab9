// Issue 11, never crying wolf: a model whose __tablename__ cannot be read statically (nyaa's
// `cls._table_prefix(cls.__tablename_base__)`, one table per site, here with a classmethod that
// branches, which classEval.ts does not follow; declaredAttrTables.test.ts has the case it
// evaluates) is skipped, but it still maps a table. A head table the models lack that has most of
// its columns may be it: DS102 is info with the reason, a note sits at the class, and `revision`
// writes no drop_table for it (Alembic, importing the models, sees the table). A table with none of
// its columns is a real drop and stays a warning.
// Fixture: test-fixtures/unnamed-models. Oracle: real Alembic's compare_metadata on the fixture's models.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/unnamed-models');

async function run(command: typeof checkCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(args, new Set(command.booleanFlags ?? [])), { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Our revision's drop_table calls, on a copy of the fixture. */
async function ourDrops(): Promise<{ drops: string[]; text: string; err: string }> {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'mg-unnamed-rev-'));
  try {
    cpSync(FIXTURE, copy, { recursive: true });
    const result = await run(revisionCommand, [copy, '-m', 'sync', '--autogenerate', '--no-input']);
    assert.equal(result.code, 0, result.err);
    const text = readFileSync(result.out.trim(), 'utf8');
    const upgrade = text.slice(text.indexOf('def upgrade'), text.indexOf('def downgrade'));
    return { drops: [...upgrade.matchAll(/op\.drop_table\('([^']+)'/g)].map((m) => `remove_table ${m[1]}`).sort(), text, err: result.err };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('models whose __tablename__ cannot be read', () => {
  before(async () => initPythonParser());

  it('check: the tables they may map are uncertain info; a table with none of their columns is a real drop', async () => {
    const { code, out } = await run(checkCommand, [FIXTURE, '--format', 'json']);
    assert.equal(code, 1);
    const findings = JSON.parse(out) as { code: string; severity: string; table: string; message: string }[];
    assert.deepEqual(
      findings
        .filter((f) => f.code === 'DS102')
        .map((f) => `${f.severity} ${f.table}`)
        .sort(),
      ['info nyaa_torrents', 'info sukebei_torrents', 'warning legacy_log'],
    );
    assert.match(findings.find((f) => f.table === 'nyaa_torrents')?.message ?? '', /Uncertain: model NyaaTorrent's __tablename__ \(app\/models\.py:20\)/);
  });

  it('a note at each skipped model names the tables it may map', () => {
    const [location] = discoverProjects(FIXTURE);
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    const notes = result.notes.filter((n) => n.kind === 'unnamed-model');
    assert.deepEqual(
      notes.map((n) => [n.severity, (n.location?.range.start.line ?? -1) + 1]),
      [
        ['info', 33],
        ['info', 37],
      ],
    );
    assert.match(notes[0]?.message ?? '', /NyaaTorrent .*"nyaa_torrents", "sukebei_torrents"|NyaaTorrent .*"sukebei_torrents", "nyaa_torrents"/);
  });

  it('revision: no drop_table for the tables they may map, named at the top; the real drop is written', async () => {
    const { drops, text, err } = await ourDrops();
    assert.deepEqual(drops, ['remove_table legacy_log']);
    assert.ok(text.includes('#   - table nyaa_torrents\n') && text.includes('#   - table sukebei_torrents\n'));
    assert.match(err, /nyaa_torrents is not dropped/);
  });

  it('oracle: real Alembic, importing the models, proposes only the legacy_log drop, as our revision writes', async (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-unnamed-oracle-'));
    try {
      const script = path.join(dir, 'autogenerate.py');
      writeFileSync(
        script,
        [
          'import importlib.util, json, sys',
          'import sqlalchemy as sa',
          'from alembic.autogenerate import compare_metadata',
          'from alembic.migration import MigrationContext',
          'from alembic.operations import Operations',
          'fixture, revision = sys.argv[1:3]',
          'sys.path[:0] = [fixture]',
          'engine = sa.create_engine("sqlite://")',
          'with engine.begin() as conn:',
          '    spec = importlib.util.spec_from_file_location("rev", revision)',
          '    rev = importlib.util.module_from_spec(spec)',
          '    with Operations.context(MigrationContext.configure(conn)):',
          '        spec.loader.exec_module(rev)',
          '        rev.upgrade()',
          '    from app.models import db',
          '    diffs = compare_metadata(MigrationContext.configure(conn), db.metadata)',
          'print(json.dumps(sorted(f"{d[0]} {d[1].name}" for d in diffs if isinstance(d, tuple) and d[0] in ("remove_table", "add_table"))))',
          '',
        ].join('\n'),
      );
      const revision = path.join(FIXTURE, 'migrations', 'versions', '7c8d9e0f1a2b_sites.py');
      const py = spawnSync(SYSTEM_PYTHON, [script, FIXTURE, revision], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
      assert.equal(py.status, 0, py.stderr);
      const theirs = JSON.parse(py.stdout) as string[];
      assert.deepEqual(theirs, ['remove_table legacy_log']);
      assert.deepEqual((await ourDrops()).drops, theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
