// try/except in revisions (issue 11, class 1): the try body is replayed (what Alembic runs when it does
// not raise), then else/finally; each except handler gets a note at its own line saying it was not
// followed: info when the handler changes no schema (pass, print), a warning when it holds ops.
// Oracle: real `flask db upgrade` on PostgreSQL builds what the replay says, and real `flask db migrate`
// finds nothing against the models our check calls in sync.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/try-except');
const CLI = path.join(ROOT, 'dist/cli.js');
const REVISION = path.join(FIXTURE, 'migrations/versions/6c3d8e1f5a27_defensive_note_title.py');

function analyse(dir: string) {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) }).result();
}

const lineOf = (file: string, text: string) => readFileSync(file, 'utf8').split('\n').indexOf(text);

describe('try/except in revisions', () => {
  const scratch: string[] = [];
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('replays the try bodies, else and finally; a note (info) at each except line whose handler changes no schema', () => {
    const result = analyse(FIXTURE);
    const user = result.headSchema.tables.user;
    const note = result.headSchema.tables.note;
    assert.deepEqual(user?.uniques, []);
    assert.deepEqual(Object.keys(note?.columns ?? {}), ['id', 'body', 'title']);
    assert.deepEqual(
      note?.indexes.map((i) => i.name),
      ['ix_note_title'],
    );
    const notes = result.revisions.find((r) => r.path === REVISION)?.upgrade.notes ?? [];
    assert.deepEqual(
      notes.map((n) => [n.severity, n.kind, n.location?.range.start.line]),
      [
        ['info', 'control-flow', lineOf(REVISION, '    except Exception:')],
        ['info', 'control-flow', lineOf(REVISION, '    except sa.exc.ProgrammingError:')],
      ],
    );
    assert.match(notes[1]?.message ?? '', /^except sa\.exc\.ProgrammingError: replayed as if the try body succeeds/);
    assert.deepEqual(result.findings, []);
  });

  it('a handler that would change the schema is a warning at its line (so the native executor leaves that revision to Alembic)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-try-except-'));
    scratch.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const file = path.join(dir, path.relative(FIXTURE, REVISION));
    const handler = "        print('note.title already there')";
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(handler, "        op.add_column('note', sa.Column('heading', sa.String(length=80), nullable=True))"),
    );
    const result = analyse(dir);
    const notes = result.revisions.find((r) => r.path === file)?.upgrade.notes ?? [];
    assert.deepEqual(
      notes.map((n) => [n.severity, n.location?.range.start.line]),
      [
        ['info', lineOf(file, '    except Exception:')],
        ['warning', lineOf(file, '    except sa.exc.ProgrammingError:')],
      ],
    );
    // The replayed schema is still the try path's: no "heading" column.
    assert.deepEqual(Object.keys(result.headSchema.tables.note?.columns ?? {}), ['id', 'body', 'title']);
  });

  it('real flask db upgrade builds exactly that (drift: none), and real flask db migrate finds nothing either', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_try_except');
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-try-except-'));
    scratch.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const drift = spawnSync(process.execPath, [CLI, 'drift', dir, '--database-url', db.url], { encoding: 'utf8' });
    assert.equal(drift.status, 0, drift.stdout + drift.stderr);
    const migrate = flask('migrate', '-m', 'nothing');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stderr, /No changes in schema detected/);
    const check = spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
