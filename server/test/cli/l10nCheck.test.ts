// The CLI speaks the user's language in text output (LANG=es_ES.UTF-8 → Spanish, numbers as Spanish
// writes them) and never in machine output: `check --format json` is byte-identical under any LANG.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { useLocale } from '../../src/core/locale';
import { ds103ColumnDropped } from '../../src/core/rules/ds103-column-dropped';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(args: string[], lang: string) {
  const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the CLI in Spanish', () => {
  let dir: string;
  before(() => {
    // The classic fixture with `post.body` deleted from the model: a DS103 (and the pending change).
    dir = mkdtempSync(path.join(tmpdir(), 'mg-l10n-classic-'));
    cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
    const models = path.join(dir, 'models.py');
    const text = readFileSync(models, 'utf8');
    assert.match(text, /^ {4}body = db\.Column\(db\.Text\)\n/m);
    writeFileSync(models, text.replace(/^ {4}body = db\.Column\(db\.Text\)\n/m, ''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('LANG=es_ES.UTF-8 check test-fixtures/classic prints Spanish', () => {
    const inSync = cli(['check', 'test-fixtures/classic'], 'es_ES.UTF-8');
    assert.equal(inSync.code, 0, inSync.err);
    assert.equal(inSync.out.trim(), 'Los modelos y las migraciones están sincronizados.');
    assert.equal(cli(['check', 'test-fixtures/classic'], 'C').out.trim(), 'Models and migrations are in sync.');
  });

  it('a dropped column is a Spanish DS103 with its Spanish legend; codes, names and the format of the line stay', () => {
    const spanish = cli(['check', dir], 'es_ES.UTF-8');
    assert.equal(spanish.code, 1, spanish.err);
    assert.match(
      spanish.out,
      /models\.py:\d+:\d+: warning DS103 Eliminar `post\.body` destruye datos: la columna está en el `head` de las migraciones pero ya no en el modelo\./,
    );
    assert.match(spanish.out, /^DS103 Columna eliminada: Eliminar la columna borra su valor en cada fila\./m);
    assert.match(spanish.out, /info MG001 1 cambio pendiente: tabla `post` \(columna body eliminada\)\. /);
    assert.match(spanish.out, /^1 cambio pendiente: ejecuta `migration-guard revision /m);
    assert.doesNotMatch(spanish.out, /destroys data|pending/);
    const english = cli(['check', dir], 'C');
    assert.match(english.out, /warning DS103 Dropping `post\.body` destroys data: the column is in the migration head but no longer in the model\./);
  });

  it('--lang wins over LANG', () => {
    assert.match(cli(['check', dir, '--lang', 'es'], 'en_US.UTF-8').out, /Columna eliminada/);
    assert.match(cli(['check', dir, '--lang', 'en'], 'es_ES.UTF-8').out, /Column dropped/);
  });

  it('check --format json is identical under LANG=es_ES.UTF-8 and LANG=C', () => {
    const spanish = cli(['check', dir, '--format', 'json'], 'es_ES.UTF-8');
    const plain = cli(['check', dir, '--format', 'json'], 'C');
    assert.equal(spanish.code, 1, spanish.err);
    assert.ok(JSON.parse(plain.out).some((f: { code: string }) => f.code === 'DS103'));
    assert.equal(spanish.out, plain.out);
  });

  it('counts in a finding are written as Spanish writes numbers', () => {
    useLocale('es');
    try {
      const { text } = ds103ColumnDropped as unknown as { text: { message: (...args: unknown[]) => string } };
      const message = text.message('user', 'bio', 12040, undefined);
      assert.equal(
        message,
        'Eliminar `user.bio` destruye datos (12.040 valores no nulos en la base de datos de desarrollo): la columna está en el `head` de las migraciones pero ya no en el modelo.',
      );
    } finally {
      useLocale('en');
    }
  });
});
