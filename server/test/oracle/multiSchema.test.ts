// Multi-schema projects against the real tools (issue 11, class 1): on PostgreSQL, real `flask db upgrade`
// builds the fixture's two schemas and our replay equals the database (drift); real `flask db migrate`
// (Alembic 1.8.1) and our `revision --autogenerate` write the same ops, with include_schemas=True and
// without it (then every audit model is an added table and a removed one is no drop, as Alembic does);
// a drop in the audit schema is DS102 with the rows counted in that schema, backed up and restored.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { LEGACY_MODEL, MULTI_SCHEMA, WITH_SCHEMAS } from '../support/multiSchema';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

// The ops of a revision's upgrade(), read with Python's own parser: [op, table, schema, names…] per call,
// batch_op calls taking the table and schema of their `with op.batch_alter_table(...)`.
const OPS_OF = String.raw`
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
up = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == 'upgrade')
def text(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str): return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'f': return text(node.args[0])
    return None
out = []
def walk(stmts, batch):
    for s in stmts:
        if isinstance(s, ast.With):
            call = s.items[0].context_expr
            kw = {k.arg: text(k.value) for k in call.keywords}
            walk(s.body, (text(call.args[0]), kw.get('schema')))
            continue
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)): continue
        call = s.value
        name = call.func.attr
        kw = {k.arg: k.value for k in call.keywords}
        strings = [text(a) for a in call.args if text(a) is not None]
        columns = sorted(text(a.args[0]) for a in call.args if isinstance(a, ast.Call) and getattr(a.func, 'attr', '') == 'Column')
        schema = text(kw['schema']) if 'schema' in kw else None
        if batch:
            out.append([name, batch[0], batch[1]] + strings + columns)
        elif name in ('create_index', 'drop_index'):
            table = strings[1] if len(strings) > 1 else text(kw.get('table_name'))
            out.append([name, table, schema, strings[0]] + columns)
        else:
            out.append([name, strings[0], schema] + strings[1:] + columns)
walk(up.body, None)
print(json.dumps(sorted(out, key=json.dumps)))
`;

function opsOf(file: string): unknown {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', OPS_OF, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('multi-schema projects on real Alembic + PostgreSQL', () => {
  const scratch: string[] = [];
  const databases: TestDatabase[] = [];
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    for (const db of databases) await db.drop();
  });

  async function upgradedCopy(): Promise<{ dir: string; db: TestDatabase; flask: (...args: string[]) => ReturnType<typeof spawnSync> }> {
    const db = await createTestDatabase('mg_multi_schema');
    databases.push(db);
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-multi-schema-oracle-'));
    scratch.push(dir);
    cpSync(MULTI_SCHEMA, dir, { recursive: true });
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, String(upgrade.stderr));
    return { dir, db, flask };
  }
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  const versions = (dir: string) => path.join(dir, 'migrations', 'versions');
  /** Real flask db migrate's ops (the file is removed again), then ours from `revision --autogenerate`. */
  function bothRevisions(dir: string, flask: (...args: string[]) => ReturnType<typeof spawnSync>, message: string): { theirs: unknown; ours: unknown } {
    const migrate = flask('migrate', '-m', `${message}_alembic`);
    assert.equal(migrate.status, 0, String(migrate.stderr));
    const theirsFile = readdirSync(versions(dir)).find((f) => f.endsWith(`_${message}_alembic.py`));
    assert.ok(theirsFile, String(migrate.stderr));
    const theirs = opsOf(path.join(versions(dir), theirsFile));
    rmSync(path.join(versions(dir), theirsFile));
    const revision = cli('revision', dir, '-m', `${message}_ours`, '--autogenerate', '--no-input');
    assert.equal(revision.status, 0, revision.stderr);
    const oursFile = readdirSync(versions(dir)).find((f) => f.endsWith(`_${message}_ours.py`)) as string;
    const ours = opsOf(path.join(versions(dir), oursFile));
    return { theirs, ours };
  }

  it('include_schemas=True: the replay equals the upgraded database and both autogenerates find nothing', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const { dir, db, flask } = await upgradedCopy();
    const drift = cli('drift', dir, '--database-url', db.url);
    assert.equal(drift.status, 0, drift.stdout + drift.stderr);
    const migrate = flask('migrate', '-m', 'nothing');
    assert.equal(migrate.status, 0, String(migrate.stderr));
    assert.match(String(migrate.stderr), /No changes in schema detected/);
    const check = cli('check', dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it('include_schemas off: both write a create_table for every audit model (and the same indexes), never a drop', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const { dir, flask } = await upgradedCopy();
    const app = path.join(dir, 'app.py');
    writeFileSync(app, readFileSync(app, 'utf8').replace(WITH_SCHEMAS, 'migrate = Migrate(app, db)'));
    const models = path.join(dir, 'models.py');
    writeFileSync(models, readFileSync(models, 'utf8').replace(LEGACY_MODEL, ''));
    const { theirs, ours } = bothRevisions(dir, flask, 'noschemas');
    assert.deepEqual(ours, theirs);
    assert.deepEqual(
      (theirs as string[][]).map((op) => op.slice(0, 3)),
      [
        ['create_index', 'event', 'audit'],
        ['create_index', 'event', 'audit'],
        ['create_index', 'login', 'audit'],
        ['create_table', 'event', 'audit'],
        ['create_table', 'event_tag', 'audit'],
        ['create_table', 'login', 'audit'],
      ],
    );
  });

  it('include_schemas=True: a model removed from audit is the same drop_table(schema="audit"), DS102 counts its rows there, upgrade backs them up and downgrade restores them', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const { dir, db, flask } = await upgradedCopy();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO audit.legacy_log (line) VALUES ('a'), ('b'), ('c')`);
      const models = path.join(dir, 'models.py');
      writeFileSync(models, readFileSync(models, 'utf8').replace(LEGACY_MODEL, ''));
      const check = cli('check', dir, '--database-url', db.url, '--format', 'json');
      assert.equal(check.status, 1, check.stderr);
      const findings = JSON.parse(check.stdout) as { code: string; table?: string; message: string; severity: string }[];
      const drop = findings.find((f) => f.code === 'DS102');
      assert.equal(drop?.table, 'audit.legacy_log');
      assert.equal(drop?.severity, 'warning');
      assert.match(drop?.message ?? '', /3 rows/);
      // A table of the same name in the default schema must not be what is counted or dropped.
      await client.query('CREATE TABLE public.legacy_log (id int)');
      const counted = JSON.parse(cli('check', dir, '--database-url', db.url, '--format', 'json').stdout) as { code: string; message: string }[];
      assert.match(counted.find((f) => f.code === 'DS102')?.message ?? '', /3 rows/);
      // (include_schemas reflects public too: flask db migrate would drop that stray table as well.)
      await client.query('DROP TABLE public.legacy_log');
      const { theirs, ours } = bothRevisions(dir, flask, 'drop_legacy');
      assert.deepEqual(theirs, [['drop_table', 'legacy_log', 'audit']]);
      assert.deepEqual(ours, theirs);
      await client.query('CREATE TABLE public.legacy_log (id int)');
      const upgrade = cli('upgrade', dir, '--database-url', db.url);
      assert.equal(upgrade.status, 0, upgrade.stdout + upgrade.stderr);
      assert.match(upgrade.stdout + upgrade.stderr, /audit\.legacy_log: 3 rows \[DS102\]/);
      const gone = await client.query(`select to_regclass('audit.legacy_log') as audit, to_regclass('public.legacy_log') as public`);
      assert.deepEqual(gone.rows[0], { audit: null, public: 'legacy_log' });
      const downgrade = cli('downgrade', dir, '-1', '--database-url', db.url);
      assert.equal(downgrade.status, 0, downgrade.stdout + downgrade.stderr);
      const back = await client.query('select line from audit.legacy_log order by id');
      assert.deepEqual(
        back.rows.map((r: { line: string }) => r.line),
        ['a', 'b', 'c'],
      );
      await client.query('DROP TABLE public.legacy_log');
      const drift = cli('drift', dir, '--database-url', db.url);
      assert.equal(drift.status, 0, drift.stdout + drift.stderr);
      // And the revision we wrote runs under the real tool too.
      const real = flask('upgrade');
      assert.equal(real.status, 0, String(real.stderr));
      assert.equal((await client.query(`select to_regclass('audit.legacy_log') as t`)).rows[0].t, null);
    } finally {
      await client.end();
    }
  });
});
