// Every CLI verb speaks Spanish in text output under LANG=es_ES.UTF-8, and its --format json output is
// byte-identical to the one under LANG=C (machine output is language-neutral). Uses the built dist/cli.js.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliIn } from './support';
import { after, before, describe, it } from 'node:test';
import { missingOracle, postgresProblem, pythonOracleProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const ROOT = path.resolve(__dirname, '../../..');

const spanish = (args: string[]) => cliIn('es_ES.UTF-8', args);

/** The verb's JSON under LANG=es_ES.UTF-8 and under LANG=C: same exit code, same bytes, and it parses. */
function sameJson(args: string[], mask: (out: string) => string = (out) => out): unknown {
  const es = spanish([...args, '--format', 'json']);
  const c = cliIn('C', [...args, '--format', 'json']);
  assert.equal(es.code, c.code, `${args.join(' ')}: ${es.err}`);
  assert.equal(mask(es.out), mask(c.out), `${args.join(' ')}: --format json differs between languages`);
  assert.doesNotMatch(es.err + es.out, /[áéíóúñ¿]/, `${args.join(' ')}: a --format json run speaks English throughout`);
  return JSON.parse(es.out) as unknown;
}

function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mg-l10n-${name}-`));
  cpSync(path.join(ROOT, 'test-fixtures', name), path.join(dir, name), { recursive: true });
  return path.join(dir, name);
}

describe('the CLI help and usage errors in Spanish', () => {
  it('--help lists every verb with a Spanish summary; usage lines keep the flags', () => {
    const help = cliIn('es_ES.UTF-8', ['--help']);
    assert.equal(help.code, 0, help.err);
    assert.match(help.out, /^Uso: migration-guard <verbo> \[DIR\] \[opciones\]\n\nVerbos:\n/);
    assert.match(help.out, /^ {2}upgrade DIR \[REV\] \[--dry-run\].* aplica las migraciones hasta REV \(por defecto head\) en una sola transacción$/m);
    assert.match(help.out, /^ {2}restore DIR \[BACKUP\].* lista las copias de seguridad, o restaura una/m);
    assert.match(help.out, /--lang en\|es +el idioma de la salida de texto/);
    assert.doesNotMatch(help.out, /apply migrations|Verbs:|print the version/);
    const english = cliIn('C', ['--help']);
    assert.match(english.out, /^Usage: migration-guard <verb> \[DIR\] \[options\]\n\nVerbs:\n/);
    assert.match(english.out, /apply migrations up to REV \(default head\) in one transaction/);
  });

  it('a verb-level --help, an unknown verb and a missing flag value are Spanish', () => {
    const verbHelp = cliIn('es_ES.UTF-8', ['stamp', '--help']);
    assert.equal(
      verbHelp.out,
      'Uso: migration-guard stamp DIR REV [--sql] [--database-url URL] [--format json]\nmarca (`stamp`) REV en alembic_version sin ejecutar ninguna migración\n',
    );
    const unknown = cliIn('es_ES.UTF-8', ['upgrad']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^migration-guard: verbo desconocido "upgrad"\n\nUso: /);
    const missing = cliIn('es_ES.UTF-8', ['history', 'test-fixtures/classic', '--migrations']);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.err,
      'migration-guard history: --migrations necesita un valor\nUso: migration-guard history DIR [--migrations PATH] [--format json]\n',
    );
  });

  it('no project under DIR is a Spanish error (shared by every verb that reads a project)', () => {
    const none = cliIn('es_ES.UTF-8', ['check', path.join(ROOT, 'server', 'src', 'cli')]);
    assert.equal(none.code, 2);
    assert.match(
      none.err,
      /^migration-guard check: no hay ningún proyecto de Flask-Migrate \/ Alembic en .*cli \(se buscaron migrations\/env\.py y alembic\.ini\)\n$/,
    );
  });
});

describe('the verbs that read files only, in Spanish', () => {
  const dirs: string[] = [];
  const copy = (name: string) => {
    const dir = copyFixture(name);
    dirs.push(path.dirname(dir));
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('history and heads: Spanish usage errors and the several-heads warning; JSON identical', () => {
    const classic = copy('classic');
    assert.match(spanish(['history', classic, 'extra']).err, /^migration-guard history: argumento inesperado "extra"\n/);
    assert.match(spanish(['heads', classic, '--format', 'xml']).err, /^migration-guard heads: --format debe ser text o json, no "xml"\n/);
    assert.ok(Array.isArray(sameJson(['history', classic])));
    // A second head: an empty revision on the same parent as the head.
    writeFileSync(
      path.join(classic, 'migrations', 'versions', 'b2b2b2b2b2b2_branch.py'),
      "revision = 'b2b2b2b2b2b2'\ndown_revision = '55534dee8a8f'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
    );
    const heads = spanish(['heads', classic]);
    assert.equal(heads.out, '3f8a897020d0 (head)\nb2b2b2b2b2b2 (head)\n');
    assert.equal(heads.err, 'migration-guard heads: 2 `head`; fusiónalos con "flask db merge heads" antes de actualizar a "head"\n');
    assert.equal((sameJson(['heads', classic]) as unknown[]).length, 2);
  });

  it('merge: nothing to merge is Spanish; the JSON of a real merge is identical but for the new id', () => {
    const nothing = spanish(['merge', 'test-fixtures/classic']);
    assert.equal(nothing.code, 2);
    assert.equal(nothing.err, 'migration-guard merge: nada que fusionar: solo 3f8a897020d0 (el proyecto tiene un solo `head`)\n');
    const twoHeads = (lang: string) => {
      const dir = copy('classic');
      writeFileSync(
        path.join(dir, 'migrations', 'versions', 'b2b2b2b2b2b2_branch.py'),
        "revision = 'b2b2b2b2b2b2'\ndown_revision = '55534dee8a8f'\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
      );
      const run = cliIn(lang, ['merge', dir, '-m', 'join', '--format', 'json']);
      assert.equal(run.code, 0, run.err);
      const json = JSON.parse(run.out) as { revision: string };
      return run.out.split(json.revision).join('REV').split(dir).join('DIR');
    };
    assert.equal(twoHeads('es_ES.UTF-8'), twoHeads('C'));
  });

  it('revision: renames that do not fit the schemas are refused in Spanish, and nothing is written', () => {
    const dir = copy('classic');
    const before = readdirSync(path.join(dir, 'migrations', 'versions')).sort();
    const bad = spanish(['revision', dir, '-m', 'x', '--autogenerate', '--no-input', '--rename-table', 'nope=other', '--rename', 'user.nope=x']);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.err,
      'migration-guard revision: no se puede renombrar la tabla "nope": el `head` de las migraciones no tiene esa tabla\n' +
        'migration-guard revision: no se puede renombrar la columna "user.nope": el `head` de las migraciones no tiene esa columna\n',
    );
    const noTarget = spanish(['revision', dir, '-m', 'x', '--autogenerate', '--no-input', '--rename-table', 'post=article', '--rename', 'user.email=mail']);
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.err, /^migration-guard revision: no se puede renombrar la tabla "post" a "article": los modelos no tienen ninguna tabla "article"$/m);
    assert.match(noTarget.err, /^migration-guard revision: no se puede renombrar la columna "user\.email" a "mail": los modelos no tienen esa columna$/m);
    assert.doesNotMatch(bad.err + noTarget.err, /cannot rename|no such|the models/);
    assert.deepEqual(readdirSync(path.join(dir, 'migrations', 'versions')).sort(), before);
  });

  it('revision: the note about a script.py.mako the renderer cannot run is Spanish (the file itself stays English)', () => {
    const dir = copy('classic');
    const mako = path.join(dir, 'migrations', 'script.py.mako');
    writeFileSync(mako, `${readFileSync(mako, 'utf8')}<% x = 1 %>\n`);
    const written = spanish(['revision', dir, '-m', 'vacia']);
    assert.equal(written.code, 0, written.err);
    assert.equal(
      written.err,
      'nota: no se pudo usar el script.py.mako del proyecto (la plantilla usa bloques <% %>, que este renderizador no ejecuta); se usó en su lugar la plantilla estándar de Flask-Migrate\n',
    );
    assert.match(readFileSync(written.out.trim(), 'utf8'), /^"""vacia\n\nRevision ID: /);
  });

  it('revision: "no changes" and the missing-versions error are Spanish; its JSON is identical but for the new id', () => {
    const inSync = copy('classic');
    const empty = spanish(['revision', inSync, '-m', 'nothing', '--autogenerate', '--no-input']);
    assert.equal(empty.code, 0, empty.err);
    assert.equal(empty.err, 'No se detectaron cambios en el esquema.\n');
    const json = (lang: string) => {
      const dir = copy('classic');
      const run = cliIn(lang, ['revision', dir, '-m', 'nothing', '--autogenerate', '--no-input', '--format', 'json']);
      assert.equal(run.code, 0, run.err);
      const parsed = JSON.parse(run.out) as { revision: string; changes: number };
      assert.equal(parsed.changes, 0);
      return run.out.split(parsed.revision).join('REV').split(dir).join('DIR');
    };
    assert.equal(json('es_ES.UTF-8'), json('C'));
  });

  it('sql: the script is the same bytes in both languages; a revision Python cannot import is a Spanish refusal', () => {
    const es = spanish(['sql', 'test-fixtures/classic', 'base:head']);
    assert.equal(es.code, 0, es.err);
    assert.equal(es.out, cliIn('C', ['sql', 'test-fixtures/classic', 'base:head']).out);
    assert.match(es.out, /^-- Running upgrade {2}-> e640417dbcb6$/m);
    sameJson(['sql', 'test-fixtures/classic', 'base:head']);
    const broken = copy('classic');
    writeFileSync(
      path.join(broken, 'migrations', 'versions', 'zzz_broken.py'),
      "revision = 'zzz000000000'\ndown_revision = '3f8a897020d0'\n\ndef upgrade(:\n    pass\n",
    );
    const refused = spanish(['sql', broken]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /^migration-guard sql: no se muestra SQL: Python no puede importar estos archivos de revisión/);
    assert.equal(refused.out, '');
  });

  it('schema: Spanish notes and "(sin tablas)"; the schema JSON is identical', () => {
    const none = spanish(['schema', 'server/src/cli', '--from', 'models', '--format', 'text']);
    assert.equal(none.out, '(sin tablas)\n');
    assert.match(none.err, /advertencia: no se encontraron clases de modelo ni objetos Table\(\) en los \d+ archivos Python de .*cli \[no-models\]/);
    assert.match(spanish(['schema', 'test-fixtures/classic']).err, /falta --from models\|migrations\|database/);
    const models = spanish(['schema', 'test-fixtures/classic', '--from', 'models']);
    assert.equal(models.out, cliIn('C', ['schema', 'test-fixtures/classic', '--from', 'models']).out);
    sameJson(['schema', 'test-fixtures/classic', '--from', 'migrations']);
  });

  it('check --format markdown and github follow the language; --fail-on typos are Spanish', () => {
    const dir = copy('classic');
    const models = path.join(dir, 'models.py');
    writeFileSync(models, readFileSync(models, 'utf8').replace(/^ {4}body = db\.Column\(db\.Text\)\n/m, ''));
    const markdown = spanish(['check', dir, '--format', 'markdown']);
    assert.equal(markdown.code, 1, markdown.err);
    assert.match(markdown.out, /^\*\*2 avisos\*\* sobre 1 cambio pendiente en los modelos, \*\*1 que destruye datos tal como está escrito\*\*\.$/m);
    assert.match(markdown.out, /^\| {2}\| Código \| Dónde \| Aviso \| Filas en riesgo \| Corrección \|$/m);
    assert.match(markdown.out, /^#### Qué hacer$/m);
    assert.match(markdown.out, /⚠️ advertencia \| DS103 \| `models\.py:\d+` \| Eliminar `post\.body` destruye datos/);
    const github = spanish(['check', dir, '--format', 'github']);
    assert.match(github.out, /^Migration Guard: 2 avisos, 1 cambio pendiente en los modelos\.$/m);
    assert.match(cliIn('C', ['check', dir, '--format', 'github']).out, /^Migration Guard: 2 findings, 1 pending model change\.$/m);
    assert.match(spanish(['check', dir, '--fail-on', 'DS999']).err, /--fail-on acepta códigos de aviso \(por ejemplo DS103\)/);
  });

  it('explain: the page in Spanish, its JSON in English in both languages', () => {
    assert.match(spanish(['explain', 'DS103']).out, /Columna eliminada/);
    const json = sameJson(['explain', 'DS103']) as { markdown: string };
    assert.match(json.markdown, /Column dropped/);
  });
});

describe('the database verbs on a SQLite file, in Spanish', () => {
  let dir: string;
  let url: string;
  before(() => {
    dir = copyFixture('sqlite-blog');
    url = `sqlite:///${path.join(dir, 'app.db')}`;
  });
  after(() => rmSync(path.dirname(dir), { recursive: true, force: true }));
  const db = (args: string[]) => [...args, '--database-url', url];

  it('current, upgrade, dry run, nothing to do, stamp, downgrade with a backup, restore: Spanish text, identical JSON', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const missing = spanish(['current', ...db([dir])]);
    assert.match(missing.err, /^Base de datos: archivo SQLite .*app\.db \(según --database-url\)\nel archivo SQLite .*app\.db no existe \(todavía\)/);
    assert.deepEqual((sameJson(['current', ...db([dir])]) as { heads: unknown[] }).heads, []);
    assert.equal(spanish(['upgrade', ...db([dir, 'base:head']), '--sql']).out, cliIn('C', ['upgrade', ...db([dir, 'base:head']), '--sql']).out);

    const up = spanish(['upgrade', ...db([dir])]);
    assert.equal(up.code, 0, up.err);
    assert.match(up.err, /^Actualizando a a59d0c2d6f3b \(users and posts\)$/m);
    assert.match(up.out, /^Se aplicó 1 revisión a .*app\.db: base → a59d0c2d6f3b\.$/m);
    assert.equal(spanish(['current', ...db([dir])]).out, 'a59d0c2d6f3b (head)\n');
    sameJson(['current', ...db([dir])]);

    const dry = spanish(['downgrade', ...db([dir, 'base']), '--dry-run']);
    assert.match(dry.out, /^Ensayo: se aplicó 1 revisión de a59d0c2d6f3b a base y luego se deshizo\. No cambió nada\.$/m);
    assert.equal((sameJson(['downgrade', ...db([dir, 'base']), '--dry-run']) as { status: string }).status, 'dry-run');

    assert.match(spanish(['upgrade', ...db([dir])]).out, /^Nada que hacer: la base de datos ya está en a59d0c2d6f3b\.$/m);
    sameJson(['upgrade', ...db([dir])]);
    assert.equal(spanish(['stamp', ...db([dir, 'head'])]).out, 'Marcado (`stamp`) a59d0c2d6f3b (antes: a59d0c2d6f3b); no se ejecutó ninguna migración.\n');
    assert.match((sameJson(['stamp', ...db([dir, 'head'])]) as { summary: string }).summary, /^Stamped a59d0c2d6f3b \(was a59d0c2d6f3b\); no migration ran\.$/);
    assert.match(
      spanish(['restore', ...db([dir])]).out,
      /^no hay copias de seguridad de Migration Guard de .*app\.db \(se llaman app\.db\.migration-guard-<revision>-<time>\.bak\)$/m,
    );
    sameJson(['restore', ...db([dir])]);

    const down = spanish(['downgrade', ...db([dir, 'base'])]);
    assert.equal(down.code, 0, down.err);
    assert.match(
      down.err,
      /^Copia de seguridad: .*app\.db copiado en .*\.bak antes de cambiar tabla post; tabla user \(para restaurar: migration-guard restore DIR /m,
    );
    assert.match(down.out, /^Se aplicó 1 revisión a .*app\.db: a59d0c2d6f3b → base\. Copia de seguridad: .*\.bak$/m);
    assert.equal((sameJson(['restore', ...db([dir])]) as { backups: string[] }).backups.length, 1);
    assert.match(spanish(['current', ...db([dir])]).err, /^La base de datos está en base: alembic_version está vacía\.$/m);
  });

  it('a PostgreSQL server that does not answer is a Spanish error, with the password never shown', () => {
    const refused = spanish(['current', 'test-fixtures/classic', '--database-url', 'postgresql://app:s3cret@127.0.0.1:1/shop']);
    assert.equal(refused.code, 2);
    assert.equal(
      refused.err,
      'migration-guard current: no se puede conectar a app@127.0.0.1:1/shop: nada acepta conexiones en ese host y puerto. ¿Está PostgreSQL en marcha y es correcto el puerto?\n',
    );
    assert.match(
      spanish(['upgrade', 'test-fixtures/classic', '--executor', 'fast']).err,
      /^migration-guard upgrade: --executor acepta auto, native, alembic \(se recibió "fast"\)\n/,
    );
    assert.match(
      spanish(['current', 'test-fixtures/classic', '--connect-timeout', 'soon']).err,
      /--connect-timeout espera una duración como 10s o 500ms \(se recibió "soon"\)/,
    );
  });
});

describe('the database verbs on PostgreSQL and the scratch PGlite, in Spanish', () => {
  let database: TestDatabase | undefined;
  after(async () => database?.drop());

  it('upgrade, drift, restore and roundtrip speak Spanish; their JSON is identical', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    database = await createTestDatabase('mg_l10n');
    const pg = (args: string[]) => [...args, '--database-url', database?.url as string];
    const up = spanish(pg(['upgrade', 'test-fixtures/classic']));
    assert.equal(up.code, 0, up.err);
    assert.match(up.err, /^Base de datos: postgres@127\.0\.0\.1:5432\/mg_l10n_\w+ \(según --database-url\)$/m);
    assert.match(up.out, /^Se aplicaron 3 revisiones: base → 3f8a897020d0\.$/m);
    const drift = spanish(pg(['drift', 'test-fixtures/classic']));
    assert.equal(drift.code, 0, drift.err);
    assert.equal(drift.out, 'Sin desviación: la base de datos es exactamente lo que construyen las migraciones en 3f8a897020d0.\n');
    assert.deepEqual(sameJson(pg(['drift', 'test-fixtures/classic'])), []);
    sameJson(pg(['current', 'test-fixtures/classic']));
    assert.match(spanish(pg(['restore', 'test-fixtures/classic'])).out, /^No hay copias de seguridad: migration_guard_backup\.backups está vacía/);
    const noBackup = spanish(pg(['restore', 'test-fixtures/classic', 'nope']));
    assert.equal(noBackup.code, 2);
    assert.match(noBackup.err, /\nmigration-guard restore: no se restauró nada: no hay ninguna copia de seguridad "nope" en migration_guard_backup\.backups/);
    const trip = spanish(['roundtrip', 'test-fixtures/classic', '--steps', '1']);
    assert.equal(trip.code, 0, trip.err);
    assert.match(trip.err, /^Base de datos de pruebas: PGlite integrado en memoria \(tu base de datos no se toca\)$/m);
    assert.match(trip.out, /^✓ up {3}e640417dbcb6: el esquema coincide con la reproducción en e640417dbcb6$/m);
    assert.match(trip.out, /^Ida y vuelta superada: base → head \(3 revisiones\), luego se revirtieron y se volvieron a aplicar las últimas 1; /m);
    assert.equal((sameJson(['roundtrip', 'test-fixtures/classic', '--steps', '1']) as { ok: boolean }).ok, true);
  });
});
