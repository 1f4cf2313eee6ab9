// Types a revision imports from the project (issue 11, class 3): a TypeDecorator (`shop.types.Money()`,
// `Grams()` with a server default, `LowerText()` in alter_column) and an Enum built from a Python enum
// class (`sa.Enum(Status)`) are resolved after the cached parse through the project's modules, as the
// models resolve them. Before, they were `?…` placeholders with a warning, the imported enums were
// missing from the head (the pending list said "enum status created"), and drift on a database real
// Alembic built found 3 differences. An enum created by hand from an imported class (`.create(bind)`)
// and a `Kind.X.name` server default are read the same way. An edit of the type's module re-replays, in the editor's analysis
// and through the persistent cache. Fixture: test-fixtures/imported-types.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { initPythonParser } from '../../../src/core/python/parser';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { assertInSyncWithFlaskMigrate } from '../../support/flaskOracle';
import { missingOracle, needsPythonAndPostgres, postgresProblem } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { analysisOnDisk } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/imported-types');
const CLI = path.join(ROOT, 'dist/cli.js');

function copyFixture(scratch: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-imported-types-'));
  scratch.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('types a revision imports from the project', () => {
  const scratch: string[] = [];
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('are resolved as the models resolve them: TypeDecorator impls, enum classes (created with the table), server defaults, alter_column', () => {
    const result = analysisOnDisk(FIXTURE).result();
    const product = result.headSchema.tables.product?.columns ?? {};
    assert.equal(product.price?.type, 'numeric(10,2)');
    assert.equal(product.status?.type, 'status');
    assert.equal(product.sku?.type, 'character varying(80)', 'alter_column type_=LowerText()');
    assert.equal(product.weight?.type, 'integer');
    assert.equal(product.weight?.default, '0', "server_default='0' read for an integer, as PostgreSQL prints it");
    assert.equal(result.headSchema.tables.sale?.columns.channel?.type, 'sale_channel');
    assert.deepEqual(result.headSchema.enums, { status: ['draft', 'published', 'retired'], sale_channel: ['web', 'store'], kind: ['PHYSICAL', 'DIGITAL'] });
    const unresolved = result.revisions.flatMap((r) => [...r.upgrade.notes, ...r.downgrade.notes]).filter((n) => n.kind === 'unresolved-type');
    assert.deepEqual(unresolved, [], 'no unresolved-type note is left for a type the project resolves');
    assert.deepEqual(result.changes, [], 'nothing pending: no "enum status created", no server default change');
    assert.deepEqual(result.findings, []);
  });

  it('the upgrade and downgrade ops carry the resolved types (CREATE TYPE before the table, the enum labels)', () => {
    const result = analysisOnDisk(FIXTURE).result();
    const first = result.revisions.find((r) => r.revision === '3d5f7a9c1e24');
    assert.deepEqual(
      first?.upgrade.ops.map((op) => (op.kind === 'createEnum' ? `enum ${op.name}` : op.kind === 'createTable' ? `table ${op.table}` : op.kind)),
      ['enum status', 'table product', 'enum sale_channel', 'table sale'],
    );
    const second = result.revisions.find((r) => r.revision === '8e2a4c6b0d13');
    const alter = second?.downgrade.ops.find((op) => op.kind === 'alterColumn');
    assert.equal(alter?.kind === 'alterColumn' ? alter.existing?.type : null, 'character varying(80)', 'existing_type=LowerText()');
  });

  it("an enum created by hand from a project enum class (ihatemoney's `e = sa.Enum(BillType)`, `e.create(bind, checkfirst=True)`) and its Kind.X.name default", () => {
    // Before, the create was skipped and add_column's use of the type read as one PostgreSQL refuses
    // (a false pg-rejected error that rolled the whole revision back).
    const result = analysisOnDisk(FIXTURE).result();
    const kind = result.revisions.find((r) => r.revision === 'b4c6e8a0f2d5');
    const describe = (op: MigrationOp) =>
      op.kind === 'createEnum'
        ? `create ${op.name} ${op.values.join(',')}${op.ifExists ? ' checkfirst' : ''}`
        : op.kind === 'dropEnum'
          ? `drop ${op.name}`
          : op.kind;
    assert.deepEqual(kind?.upgrade.ops.map(describe), ['create kind PHYSICAL,DIGITAL checkfirst', 'addColumn']);
    assert.deepEqual(kind?.downgrade.ops.map(describe), ['dropColumn', 'drop kind']);
    assert.deepEqual([...(kind?.upgrade.notes ?? []), ...(kind?.downgrade.notes ?? [])], [], 'no unresolved-type, unresolved-default or pg-rejected note');
    assert.equal(
      result.headSchema.tables.product?.columns.kind?.default,
      "'PHYSICAL'::kind",
      'server_default=Kind.PHYSICAL.name, in the revision and the model',
    );
    assert.equal(result.modelSchema.schema.tables.product?.columns.kind?.default, "'PHYSICAL'::kind");
  });

  it('a type the project cannot tell stays unresolved, with its note (load_dialect_impl)', () => {
    const dir = copyFixture(scratch);
    const types = path.join(dir, 'shop/types.py');
    writeFileSync(
      types,
      readFileSync(types, 'utf8').replace(
        '    impl = sa.Numeric(10, 2)\n',
        '    impl = sa.Numeric(10, 2)\n\n    def load_dialect_impl(self, dialect):\n        return dialect.type_descriptor(sa.Numeric(10, 2))\n',
      ),
    );
    const result = analysisOnDisk(dir).result();
    assert.match(result.headSchema.tables.product?.columns.price?.type ?? '', /^\?/);
    const notes = result.revisions.flatMap((r) => r.upgrade.notes).filter((n) => n.kind === 'unresolved-type');
    assert.equal(notes.length, 2, 'product.price and sale.total');
    for (const note of notes) assert.match(note.message, /Money picks its SQL type per database \(load_dialect_impl\)/, 'the reason the project gives');
    assert.equal(result.headSchema.tables.product?.columns.status?.type, 'status', 'the enum is still resolved');
  });

  it("an edit of the type's module replays again, in the editor's analysis", () => {
    const types = path.join(FIXTURE, 'shop/types.py');
    const enums = path.join(FIXTURE, 'shop/enums.py');
    const texts = new Map<string, string>();
    const analysis = analysisOnDisk(FIXTURE, texts);
    assert.equal(analysis.result().headSchema.tables.product?.columns.price?.type, 'numeric(10,2)');
    analysis.setModelText(types, readFileSync(types, 'utf8').replace('sa.Numeric(10, 2)', 'sa.Numeric(12, 3)'));
    assert.equal(analysis.result().headSchema.tables.product?.columns.price?.type, 'numeric(12,3)');
    analysis.setModelText(enums, readFileSync(enums, 'utf8').replace('    retired = "retired"\n', '    retired = "retired"\n    archived = "archived"\n'));
    assert.deepEqual(analysis.result().headSchema.enums.status, ['draft', 'published', 'retired', 'archived']);
  });

  it("an edit of the type's module replays again through the persistent cache (the resolutions are in its key)", () => {
    const dir = copyFixture(scratch);
    const head = () => {
      const run = cli('schema', dir, '--from', 'migrations');
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as { tables: Record<string, { columns: Record<string, { type: string }> }>; enums: Record<string, string[]> };
    };
    assert.equal(head().tables.product?.columns.price?.type, 'numeric(10,2)');
    assert.equal(head().tables.product?.columns.price?.type, 'numeric(10,2)', 'from the cache');
    assert.equal(cli('check', dir).status, 0);
    const types = path.join(dir, 'shop/types.py');
    writeFileSync(types, readFileSync(types, 'utf8').replace('sa.Numeric(10, 2)', 'sa.Numeric(12, 3)'));
    assert.equal(head().tables.product?.columns.price?.type, 'numeric(12,3)');
    const enums = path.join(dir, 'shop/enums.py');
    writeFileSync(enums, readFileSync(enums, 'utf8').replace('    store = "store"\n', '    store = "store"\n    phone = "phone"\n'));
    assert.deepEqual(head().enums.sale_channel, ['web', 'store', 'phone']);
    // The models read the same modules: still in sync, from the cache too.
    const check = cli('check', dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it("our upgrade creates the project's enum by hand as the revision does, and our downgrade drops it (PostgreSQL)", async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const ours = await createTestDatabase('mg_imported_types_ours');
    try {
      const dir = copyFixture(scratch);
      const up = cli('upgrade', dir, '--database-url', ours.url);
      assert.equal(up.status, 0, up.stdout + up.stderr);
      const client = new Client({ connectionString: ours.url });
      await client.connect();
      const labels = async () =>
        (
          await client.query("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'kind' ORDER BY e.enumsortorder")
        ).rows.map((r: { enumlabel: string }) => r.enumlabel);
      try {
        assert.deepEqual(await labels(), ['PHYSICAL', 'DIGITAL']);
        const drift = cli('drift', dir, '--database-url', ours.url);
        assert.equal(drift.status, 0, drift.stdout + drift.stderr);
        const down = cli('downgrade', dir, '--database-url', ours.url);
        assert.equal(down.status, 0, down.stdout + down.stderr);
        assert.deepEqual(await labels(), [], 'sa.Enum(Kind).drop(bind) ran');
      } finally {
        await client.end();
      }
    } finally {
      await ours.drop();
    }
  });

  it('oracle: real flask db upgrade builds exactly that (drift: none), and real flask db migrate finds nothing, as our check', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_imported_types');
    const dir = copyFixture(scratch);
    assertInSyncWithFlaskMigrate(dir, db);
  });
});
