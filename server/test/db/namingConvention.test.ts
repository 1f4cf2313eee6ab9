// test-fixtures/naming-convention: a naming_convention set by assignment (db.Model.metadata.naming_convention
// = ...) with callable tokens names the revisions' unnamed indexes and constraints when Alembic runs them
// (alembic/operations/schemaobj.py takes target_metadata's convention). Our replay names them the same:
// `check` is in sync (before, the unnamed unique index read as missing: a false MF101), and after real
// `flask db upgrade` on PostgreSQL our drift is empty and real `flask db migrate` sees no changes.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkCommand } from '../../src/cli/commands/check';
import { driftCommand } from '../../src/cli/commands/drift';
import { schemaCommand } from '../../src/cli/commands/schema';
import { FIXTURES_DIR } from '../support/fixtures';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { runVerb } from './cliRun';
import { runFlaskDb } from './support/flaskProject';

const FIXTURE = join(FIXTURES_DIR, 'naming-convention');

describe('naming convention by assignment, with callable tokens', () => {
  const dirs: string[] = [];
  /** A copy of the fixture (flask db migrate and the cache write into the project). */
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-naming-'));
    dirs.push(dir);
    cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !/[\\/](\.migration-guard|__pycache__)$/.test(source) });
    return dir;
  };
  let database: TestDatabase | null = null;
  after(async () => {
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('check: models and migrations in sync, no finding (the unnamed unique index is not "missing")', async () => {
    const result = await runVerb(checkCommand, [copy(), '--format', 'json']);
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual(JSON.parse(result.out), []);
  });

  test('the names are what SQLAlchemy gives: callable tokens, standard tokens, op.f and the 63-character cut', async () => {
    const result = await runVerb(schemaCommand, [copy(), '--from', 'migrations', '--format', 'json']);
    assert.equal(result.code, 0, result.err);
    const tables = JSON.parse(result.out).tables;
    assert.deepEqual(
      tables.members.indexes.map((i: { name: string }) => i.name),
      ['ix_members_team_id', 'ix_uq_members_team_id_email'],
    );
    assert.deepEqual(
      tables.membership_audit_entries_for_compliance_reporting.indexes.map((i: { name: string }) => i.name),
      ['ix_audit_recorded_at', 'ix_membership_audit_entries_for_compliance_reporting_re_5fca'],
    );
  });

  test('a callable token the tool cannot follow: no finding rests on the names it makes (uncertain, never MF101)', async () => {
    const dir = copy();
    const extensions = join(dir, 'extensions.py');
    // Two statements: not a function of one return, so the evaluator does not follow it.
    const unfollowable = "def _column_names(constraint, table):\n    names = [c.name for c in constraint.columns]\n    return '_'.join(names)\n";
    writeFileSync(extensions, readFileSync(extensions, 'utf8').replace(/def _column_names\(constraint, table\):\n.*\n/, unfollowable));
    assert.ok(readFileSync(extensions, 'utf8').includes('names = ['));
    const result = await runVerb(checkCommand, [dir, '--format', 'json']);
    const findings = JSON.parse(result.out) as { code: string; severity: string }[];
    assert.deepEqual(
      findings.filter((f) => f.severity !== 'info'),
      [],
      result.out,
    );
    const schema = await runVerb(schemaCommand, [dir, '--from', 'migrations', '--format', 'json']);
    const names = JSON.parse(schema.out).tables.members.indexes.map((i: { name: string }) => i.name);
    assert.ok(
      names.every((n: string) => n.includes('?column_names')),
      names.join(', '),
    );
  });

  test('oracle: after real flask db upgrade, drift is empty and real flask db migrate sees no changes', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const dir = copy();
    database = await createTestDatabase('mg_naming');
    const upgrade = await runFlaskDb(dir, ['upgrade'], database.sqlalchemyUrl);
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const drift = await runVerb(driftCommand, [dir, '--database-url', database.url]);
    assert.equal(drift.code, 0, drift.out + drift.err);
    const migrate = await runFlaskDb(dir, ['migrate', '-m', 'probe'], database.sqlalchemyUrl);
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stderr + migrate.stdout, /No changes in schema detected/);
    assert.equal(readdirSync(join(dir, 'migrations', 'versions')).filter((f) => f.endsWith('.py')).length, 2);
  });
});
