// The extension's sentences for runs that did not move the database (refused, failed, lock busy, nothing
// to do), for the project's Alembic, stamp and round trip: built from the structured fields of REAL
// `--format json` output (dist/cli.js on fixtures, real PostgreSQL and the scratch PGlite), in English
// and in Spanish. The CLI's English `summary` / `failure.message` must never be what the extension shows.
// A run that fails before it has a result prints {"error": {message, reason}} (cli/main.ts), checked here against the contract too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { Client } from 'pg';
import { CLI_JSON_SCHEMAS } from '../../server/src/cliJson';
import { useLocale } from '../../server/src/core/locale';
import type { ExecutionResult } from '../../server/src/db/executor';
import type { RoundTripReport } from '../../server/src/db/roundTrip';
import { missingOracle, postgresProblem } from '../../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/pgdb';
import { executionReport } from '../src/model/execution';
import { movementSummary } from '../src/model/movementText';
import { roundTripText } from '../src/model/roundTripText';
import { cliErrorText, knownReason, outcomeSentence, stampSummary } from '../src/model/runOutcome';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const HEAD = '3f8a897020d0';

const ajv = new Ajv({ allErrors: true, strict: true });
const contract = {
  move: ajv.compile(CLI_JSON_SCHEMAS.move),
  stamp: ajv.compile(CLI_JSON_SCHEMAS.stamp),
  roundtrip: ajv.compile(CLI_JSON_SCHEMAS.roundtrip),
  error: ajv.compile(CLI_JSON_SCHEMAS.error),
};

/** The CLI as the extension runs it: `--format json`, English whatever LANG says; the output must keep the contract. */
function cliJson<T>(args: string[]): { code: number | null; json: T } {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'es_ES.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  delete env.DATABASE_URL;
  delete env.SQLALCHEMY_DATABASE_URI;
  const result = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd: ROOT, env, encoding: 'utf8' });
  assert.ok(result.stdout.trim().startsWith('{'), `${args.join(' ')}: no JSON: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as T;
  const validate =
    'error' in (json as object) ? contract.error : args[0] === 'stamp' ? contract.stamp : args[0] === 'roundtrip' ? contract.roundtrip : contract.move;
  assert.ok(validate(json), `${args.join(' ')}: breaks the CLI JSON contract: ${ajv.errorsText(validate.errors)}`);
  return { code: result.status, json };
}

/** A copy of test-fixtures/classic with one more revision on top of its head. */
function classicWith(revision: string, upgrade: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-outcome-'));
  cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'migrations', 'versions', `${revision}_extra.py`),
    `"""extra\n\nRevision ID: ${revision}\nRevises: ${HEAD}\n\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '${revision}'\ndown_revision = '${HEAD}'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`,
  );
  return dir;
}

/** The sentence in both languages; the Spanish one must carry none of the English. */
function inBoth(build: () => string): { en: string; es: string } {
  useLocale('en');
  const en = build();
  useLocale('es');
  try {
    return { en, es: build() };
  } finally {
    useLocale('en');
  }
}

const ENGLISH_WORDS = /\b(Refused|Failed|the database|revision|Nothing to do|rolled back|another migration|Round trip|Stamped|no such)\b/;

describe('run outcomes worded by the extension from real CLI JSON', () => {
  let database: TestDatabase | undefined;
  const dirs: string[] = [];
  const pg = (args: string[]) => [...args, '--database-url', database?.url as string];
  before(async () => {
    if ((await postgresProblem()) === null) database = await createTestDatabase('mg_outcome');
  });
  after(async () => {
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => useLocale('en'));

  it('refusals: unknown target, below the current revision, unknown database revision, Alembic without a Python', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const up = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic']));
    assert.equal(up.json.status, 'applied');

    const unknown = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic', 'nope']));
    assert.equal(unknown.json.status, 'refused');
    assert.equal(knownReason(unknown.json)?.kind, 'no-such-revision');
    const unknownText = inBoth(() => outcomeSentence(unknown.json));
    // In English the extension's sentence is the CLI's own; in Spanish it is Spanish.
    assert.equal(unknownText.en, unknown.json.summary);
    assert.equal(unknownText.es, 'Rechazado antes de tocar la base de datos: no existe la revisión o rama "nope"');

    const below = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic', 'e640']));
    assert.equal(knownReason(below.json)?.kind, 'below-current');
    const belowText = inBoth(() => movementSummary(below.json));
    assert.equal(belowText.en, below.json.summary);
    assert.equal(
      belowText.es,
      `Rechazado antes de tocar la base de datos: e640 está por debajo de la revisión actual (${HEAD}); usa downgrade para volver atrás`,
    );

    const alembic = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic', '--executor', 'alembic', '--python', '/nonexistent/python3']));
    assert.equal(knownReason(alembic.json)?.kind, 'alembic-needs-python');
    const alembicText = inBoth(() => outcomeSentence(alembic.json));
    assert.match(alembicText.es, /^Rechazado antes de tocar la base de datos: --executor alembic necesita un Python/);
    assert.doesNotMatch(alembicText.es, ENGLISH_WORDS);

    // A database that records a revision the project does not have (MG003).
    const client = new Client({ connectionString: database?.url });
    await client.connect();
    try {
      await client.query(`UPDATE alembic_version SET version_num = 'feedbeef0000'`);
    } finally {
      await client.end();
    }
    const mg003 = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic']));
    assert.equal(knownReason(mg003.json)?.kind, 'unknown-database-revision');
    const mg003Text = inBoth(() => outcomeSentence(mg003.json));
    assert.equal(mg003Text.en, mg003.json.summary);
    assert.match(mg003Text.es, /^Rechazado antes de tocar la base de datos: MG003: La base de datos registra la revisión feedbeef0000, que no está/);
    const stamped = cliJson<{ headsBefore: string[]; headsAfter: string[]; summary: string }>(pg(['stamp', 'test-fixtures/classic', 'head']));
    const stampText = inBoth(() => stampSummary(stamped.json, 'head'));
    assert.equal(stampText.en, stamped.json.summary);
    assert.equal(stampText.es, `Marcado (\`stamp\`) ${HEAD} (antes: feedbeef0000); no se ejecutó ninguna migración.`);

    const nothing = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic']));
    assert.equal(nothing.json.status, 'nothing-to-do');
    const nothingText = inBoth(() => movementSummary(nothing.json));
    assert.equal(nothingText.en, nothing.json.summary);
    assert.equal(nothingText.es, `Nada que hacer: la base de datos ya está en ${HEAD}.`);
  });

  it('a revision with Python the engine cannot translate: the preview refusal, worded per note kind', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const dir = classicWith(
      'aa11bb22cc33',
      `    conn = op.get_bind()\n    for row in conn.execute(sa.text("SELECT id FROM post")):\n        conn.execute(sa.text("UPDATE post SET title = title WHERE id = :i"), {"i": row.id})`,
    );
    dirs.push(dir);
    // What the editor's preview runs: a native dry run.
    const refused = cliJson<ExecutionResult>(pg(['upgrade', dir, '--dry-run', '--executor', 'native']));
    assert.equal(refused.json.status, 'refused');
    const reason = knownReason(refused.json);
    assert.equal(reason?.kind, 'untranslatable');
    assert.ok(reason?.kind === 'untranslatable' && reason.items.every((i) => i.revision === 'aa11bb22cc33' && i.line > 0));
    const text = inBoth(() => outcomeSentence(refused.json));
    assert.match(text.en, /^Refused before touching the database: revisions hold Python the engine can't translate, and a dry run can't hand them/);
    assert.match(text.es, /^Rechazado antes de tocar la base de datos: /);
    // Each line worded by its note kind in Spanish (the note itself is at that line in the editor).
    assert.match(text.es, /aa11bb22cc33_extra\.py:\d+: upgrade de aa11bb22cc33: Un bucle cuyos valores no se pueden leer estáticamente/);
    assert.doesNotMatch(text.es, /can't translate|upgrade of|dry run/);
  });

  it('a statement the database rejects: the failure names the revision, the database speaks its own words', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const dir = classicWith('dd44ee55ff66', `    op.execute("SELECT 1/0")`);
    dirs.push(dir);
    const failed = cliJson<ExecutionResult>(pg(['upgrade', dir]));
    assert.equal(failed.json.status, 'failed');
    assert.deepEqual(knownReason(failed.json), { kind: 'database-error', revision: 'dd44ee55ff66' });
    const text = inBoth(() => movementSummary(failed.json));
    assert.equal(text.en, `${failed.json.summary} The database said: division by zero`);
    assert.equal(
      text.es,
      `Falló en la revisión dd44ee55ff66; se deshizo todo y la base de datos sigue igual, en ${HEAD}. La base de datos dijo: division by zero`,
    );
    useLocale('es');
    const report = executionReport(failed.json);
    assert.equal(report[0], text.es);
    assert.ok(report.includes('  error: division by zero (SQLSTATE 22012)'), report.join('\n'));
  });

  it('another migration holding the lock: lock busy, worded from the holder', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const holder = new Client({ connectionString: database?.url, application_name: 'other-migration' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [0x4d47, 0x6d696772]);
      const busy = cliJson<ExecutionResult>(pg(['downgrade', 'test-fixtures/classic', '-1', '--lock-timeout', '300ms']));
      assert.equal(busy.json.status, 'lock-busy');
      const reason = knownReason(busy.json);
      assert.ok(reason?.kind === 'lock-busy' && reason.holder?.application === 'other-migration', JSON.stringify(busy.json.failure));
      const text = inBoth(() => outcomeSentence(busy.json));
      assert.match(text.en, /^Not run: another migration is still running on this database \(process \d+ \(other-migration\), in a transaction since /);
      assert.match(text.es, /^No se ejecutó: /);
      assert.match(text.es, /\(el proceso \d+ \(other-migration\), en una transacción desde /);
      assert.doesNotMatch(text.es, ENGLISH_WORDS);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('a reason kind this version does not know: a localized generic sentence with its code, never the English', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const refused = cliJson<ExecutionResult>(pg(['upgrade', 'test-fixtures/classic', 'nope']));
    const future = { ...refused.json, failure: { ...refused.json.failure!, reason: { kind: 'from-a-newer-cli' } } } as unknown as ExecutionResult;
    const text = inBoth(() => outcomeSentence(future));
    assert.equal(text.en, 'Migration Guard cannot describe this outcome (from-a-newer-cli); the output channel has the details.');
    assert.equal(text.es, 'Migration Guard no sabe describir este resultado (from-a-newer-cli); el canal de salida tiene los detalles.');
    useLocale('es');
    assert.ok(executionReport(future).includes('  error: la CLI dijo (en inglés): no such revision or branch "nope"'));
  });

  it('round trip on the scratch PGlite: each step and the summary worded from the outcomes', () => {
    const passed = cliJson<RoundTripReport>(['roundtrip', 'test-fixtures/classic', '--steps', '1']);
    assert.equal(passed.code, 0);
    const ok = inBoth(() => roundTripText(passed.json, 0).summary);
    assert.equal(ok.en, passed.json.summary);
    assert.match(ok.es, /^Ida y vuelta superada: base → head \(3 revisiones\), luego se revirtieron y se volvieron a aplicar las últimas 1; /);
    useLocale('es');
    const lines = roundTripText(passed.json, 0).lines;
    assert.ok(lines.includes('  ✓ up   e640417dbcb6: el esquema coincide con la reproducción en e640417dbcb6'), lines.join('\n'));
    useLocale('en');
    // English lines are the CLI's own.
    assert.deepEqual(
      roundTripText(passed.json, 0).lines,
      passed.json.steps.map((s) => `  ${s.ok ? '✓' : '✗'} ${s.direction === 'up' ? 'up  ' : 'down'} ${s.revision}: ${s.message}`),
    );

    const dir = classicWith('aa11bb22cc44', `    for row in op.get_bind().execute(sa.text("SELECT 1")):\n        op.execute("SELECT 1")`);
    dirs.push(dir);
    const failed = cliJson<RoundTripReport>(['roundtrip', dir, '--steps', '1']);
    assert.equal(failed.json.ok, false);
    const bad = inBoth(() => roundTripText(failed.json, failed.code ?? 1).summary);
    assert.match(bad.en, /^Round trip failed at upgrade to aa11bb22cc44: holds Python the engine can't translate:\n/);
    assert.match(
      bad.es,
      /^La ida y vuelta falló al actualizar a aa11bb22cc44: contiene Python que el motor no sabe traducir:\n {2}\S+aa11bb22cc44_extra\.py:\d+: upgrade de aa11bb22cc44: /,
    );
    assert.doesNotMatch(bad.es, /can't translate|upgrade of/);
  });

  it('a run that fails before it has a result: {"error"} with its reason, worded in Spanish; without a reason, a Spanish pointer to the output channel', () => {
    const english = (json: { error: { message: string } }) => json.error.message.replace(/^migration-guard \S+: /, '');
    const refused = cliJson<{ error: { message: string } }>([
      'stamp',
      'test-fixtures/classic',
      'head',
      '--database-url',
      'postgresql://app:s3cret@127.0.0.1:1/shop',
    ]);
    assert.equal(refused.code, 2);
    const connect = inBoth(() => cliErrorText('Stamp head', refused.json, english(refused.json)));
    assert.equal(connect.en, `Stamp head failed: ${english(refused.json)}`);
    assert.equal(
      connect.es,
      'Stamp head falló: no se puede conectar a app@127.0.0.1:1/shop: nada acepta conexiones en ese host y puerto. ¿Está PostgreSQL en marcha y es correcto el puerto?',
    );
    assert.doesNotMatch(JSON.stringify(refused.json), /s3cret/);
    const spec = cliJson<{ error: { message: string } }>(['stamp', 'test-fixtures/classic', 'nope']);
    assert.equal(inBoth(() => cliErrorText('Marcar nope', spec.json, english(spec.json))).es, 'Marcar nope falló: no existe la revisión o rama "nope"');
    const noProject = cliJson<{ error: { message: string } }>(['stamp', path.join(ROOT, 'server', 'src', 'cli'), 'head']);
    assert.equal(noProject.code, 2);
    const generic = inBoth(() => cliErrorText('Marcar head', noProject.json, english(noProject.json)));
    assert.match(generic.en, /^Marcar head failed: no Flask-Migrate \/ Alembic project/);
    assert.equal(generic.es, 'Marcar head falló; el canal de salida tiene el mensaje de la CLI (en inglés).');
  });
});
