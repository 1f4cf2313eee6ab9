// Module-level constants in models (issue 11: never blind). `db.String(LARGO_NOMBRE)` with the length
// imported from another module, `nullable=OPCIONAL`, `server_default=ESTADO_INICIAL`,
// `db.ForeignKey(MASCOTA_ID)`, `__table_args__ = {"schema": ESQUEMA}`, and a type object kept in a
// name (`estado_cita = postgresql.ENUM(..., create_type=False)`, then `db.Column(estado_cita)`). Python
// evaluates them when the class body runs; before, each was "not a literal" or an unknown type, and
// the schema constant left both tables out: no model was found, and check said nothing was compared.
// Fixture: test-fixtures/module-constants (a Spanish-language clinic in its own PostgreSQL schema, with
// the hand-written enum loop `for enum_type in (...): enum_type.create(bind, checkfirst=True)`).
// Oracle: real flask db upgrade / migrate on PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { assertInSyncWithFlaskMigrate, flaskDb } from '../../support/flaskOracle';
import { needsPythonAndPostgres } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { analysisOnDisk, Scratch } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/module-constants');
const CLI = path.join(ROOT, 'dist/cli.js');

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('module-level constants in model columns and table options', () => {
  const scratch = new Scratch();
  const dbs: TestDatabase[] = [];
  before(async () => initPythonParser());
  after(async () => {
    scratch.removeAll();
    for (const db of dbs) await db.drop();
  });
  const copy = () => scratch.copy(FIXTURE, 'mg-constants-');

  it('reads lengths, flags, defaults, FK targets, the schema and a type object from their constants', () => {
    const result = analysisOnDisk(FIXTURE).result();
    const tables = result.modelSchema.schema.tables;
    assert.deepEqual(Object.keys(tables).sort(), ['clinica.citas', 'clinica.mascotas']);
    const mascotas = tables['clinica.mascotas']?.columns ?? {};
    assert.equal(mascotas.nombre?.type, 'character varying(120)', 'String(LARGO_NOMBRE), imported from clinica.limites');
    assert.equal(mascotas.chip?.type, 'character varying(20)');
    assert.equal(mascotas.chip?.nullable, true, 'nullable=OPCIONAL');
    const citas = tables['clinica.citas'];
    assert.equal(citas?.columns.estado?.type, 'clinica.estado_cita', 'db.Column(estado_cita): the ENUM object in the name');
    assert.equal(citas?.columns.estado?.default, "'pendiente'::clinica.estado_cita", 'server_default=ESTADO_INICIAL');
    assert.deepEqual(
      citas?.foreignKeys.map((fk) => `${fk.columns.join()}->${fk.refTable}(${fk.refColumns.join()})`),
      ['mascota_id->clinica.mascotas(id)'],
      'ForeignKey(MASCOTA_ID)',
    );
    assert.deepEqual(
      result.modelSchema.notes.filter((n) => n.severity === 'warning').map((n) => n.message),
      [],
      'no "not a literal" and no unknown type left',
    );
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
  });

  it('an edit of an imported constant is a real finding at each column that uses it', () => {
    const dir = copy();
    const limits = path.join(dir, 'clinica/limites.py');
    writeFileSync(limits, readFileSync(limits, 'utf8').replace('LARGO_NOMBRE = 120', 'LARGO_NOMBRE = 60'));
    const run = cli('check', dir, '--no-cache', '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const narrowed = (JSON.parse(run.stdout) as { code: string; severity: string; file: string; range: { start: { line: number } } }[])
      .filter((f) => f.code === 'MF105')
      .map((f) => `${f.severity} ${f.file}:${f.range.start.line + 1}`);
    assert.deepEqual(narrowed.sort(), ['warning clinica/modelos.py:20', 'warning clinica/modelos.py:30']);
  });

  it('oracle: real flask db upgrade builds exactly that (drift: none), real flask db migrate finds nothing, as our check', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const db = await createTestDatabase('mg_module_constants');
    dbs.push(db);
    const dir = copy();
    assertInSyncWithFlaskMigrate(dir, db);
    const flask = flaskDb(dir, db);
    // The narrowed constant: real autogenerate alters the same two columns our check points at.
    const limits = path.join(dir, 'clinica/limites.py');
    writeFileSync(limits, readFileSync(limits, 'utf8').replace('LARGO_NOMBRE = 120', 'LARGO_NOMBRE = 60'));
    const theirs = flask('migrate', '-m', 'narrowed');
    assert.equal(theirs.status, 0, theirs.stderr);
    const file = readdirSync(path.join(dir, 'migrations/versions')).find((f) => f.endsWith('_narrowed.py'));
    assert.ok(file, theirs.stderr);
    // Flask-Migrate renders batch mode: `with op.batch_alter_table('mascotas', schema='clinica') as batch_op:` then `batch_op.alter_column('nombre', ...)`.
    const altered: string[] = [];
    let table = '';
    const upgradePart = readFileSync(path.join(dir, 'migrations/versions', file), 'utf8').split('def downgrade')[0] ?? '';
    for (const line of upgradePart.split('\n')) {
      table = line.match(/batch_alter_table\('(\w+)'/)?.[1] ?? table;
      const column = line.match(/batch_op\.alter_column\('(\w+)'/)?.[1];
      if (column) altered.push(`${table}.${column}`);
    }
    assert.deepEqual(altered.sort(), ['citas.motivo', 'mascotas.nombre']);
  });
});
