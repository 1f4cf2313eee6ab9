// `from shop.base import *` (issue 11, class 3: models not recognised). The models module takes `db`, a
// mixin, a TypeDecorator and an enum class from a project module by star import, and so does a revision.
// Before, nothing resolved through a star import: no model was found at all (check said the tables were
// "not compared", with info DS102 for each), and the revision's `Money()` and `sa.Enum(Status)` were
// unresolved types. Fixture: test-fixtures/star-imports. Oracle: real flask db upgrade / migrate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { assertInSyncWithFlaskMigrate } from '../../support/flaskOracle';
import { needsPythonAndPostgres } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { analysisOnDisk, Scratch } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/star-imports');
const CLI = path.join(ROOT, 'dist/cli.js');

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('names brought in by a star import from a project module', () => {
  const scratch = new Scratch();
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    scratch.removeAll();
    await db?.drop();
  });
  const copy = () => scratch.copy(FIXTURE, 'mg-star-');

  it("the models: db, the mixin's column, the TypeDecorator's impl and the enum class, all through `import *`", () => {
    const result = analysisOnDisk(FIXTURE).result();
    const invoice = result.modelSchema.schema.tables.invoice?.columns ?? {};
    assert.deepEqual(Object.keys(invoice).sort(), ['created_at', 'customer_id', 'id', 'status', 'total']);
    assert.equal(invoice.total?.type, 'numeric(10,2)');
    assert.equal(invoice.status?.type, 'status');
    assert.equal(result.modelSchema.schema.tables.customer?.columns.created_at?.type, 'timestamp without time zone');
    assert.deepEqual(result.modelSchema.schema.enums, { status: ['draft', 'sent', 'paid'] });
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
  });

  it('the revision: Money() and sa.Enum(Status) resolve through its star import, with no unresolved-type note', () => {
    const result = analysisOnDisk(FIXTURE).result();
    const invoice = result.headSchema.tables.invoice?.columns ?? {};
    assert.equal(invoice.total?.type, 'numeric(10,2)');
    assert.equal(invoice.status?.type, 'status');
    assert.deepEqual(result.headSchema.enums, { status: ['draft', 'sent', 'paid'] });
    const notes = result.revisions.flatMap((r) => [...r.upgrade.notes, ...r.downgrade.notes]).filter((n) => n.kind === 'unresolved-type');
    assert.deepEqual(notes, []);
  });

  it('a name with a leading underscore is not star-imported, and a dropped column through the mixin is a real DS103', () => {
    const dir = copy();
    const models = path.join(dir, 'shop/models.py');
    writeFileSync(models, `${readFileSync(models, 'utf8')}\n\nclass Note(_Unexported, db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n`);
    const base = path.join(dir, 'shop/base.py');
    writeFileSync(
      base,
      readFileSync(base, 'utf8').replace('    created_at = db.Column(db.DateTime, nullable=False, server_default=db.func.now())\n', '    pass\n'),
    );
    const run = cli('check', dir, '--no-cache', '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { code: string; severity: string; table?: string; column?: string; message: string }[];
    const drops = findings.filter((f) => f.code === 'DS103').map((f) => `${f.severity} ${f.message.match(/`([^`]+)`/)?.[1]}`);
    assert.deepEqual(drops.sort(), ['warning customer.created_at', 'warning invoice.created_at']);
    const schema = cli('schema', dir, '--from', 'models', '--no-cache');
    assert.match(schema.stderr, /_Unexported/, 'the underscore base is unknown: a note, never a guess');
  });

  it('star imports in a cycle (a package __init__ and its modules star-import each other) resolve once, in sync', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'shop/__init__.py'), 'from shop.base import *\nfrom shop.models import *\n');
    const models = path.join(dir, 'shop/models.py');
    writeFileSync(models, readFileSync(models, 'utf8').replace('from shop.base import *\n', 'from shop import *\nfrom shop.models import *\n'));
    const run = cli('check', dir, '--no-cache');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /in sync/);
  });

  it('oracle: real flask db upgrade builds exactly that (drift: none), and real flask db migrate finds nothing, as our check', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_star_imports');
    const dir = copy();
    assertInSyncWithFlaskMigrate(dir, db);
  });
});
