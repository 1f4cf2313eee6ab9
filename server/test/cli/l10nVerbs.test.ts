// Every CLI verb speaks Spanish in text output under LANG=es_ES.UTF-8, and its --format json output is
// byte-identical to the one under LANG=C (machine output is language-neutral). Uses the built dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

export function cliIn(lang: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
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
