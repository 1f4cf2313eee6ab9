// A project whose models the tool cannot find (models in a form it does not read, another ORM) has
// a history but nothing to compare it with. When, on top of that, a broken class elsewhere pauses the
// findings, nothing is pending either: `check` must then say that the head's tables were not
// compared, never "in sync" (a real project, FlaskApp, printed "in sync" over 45 unseen tables).
// In English and in Spanish. Uses the built dist/cli.js.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliIn } from './support';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

const check = (lang: string, dir: string, ...more: string[]) => cliIn(lang, ['check', dir, '--no-cache', ...more]);

const PEEWEE_MODELS = 'from peewee import Model, CharField\n\n\nclass User(Model):\n    email = CharField()\n';

describe('check with no models found', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'mg-no-models-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('says the head was not compared, never "in sync"', () => {
    // try-except: a two-table history with no enum types.
    const dir = path.join(scratch, 'try-except');
    cpSync(path.join(ROOT, 'test-fixtures', 'try-except'), dir, { recursive: true });
    // The models written with an ORM the tool does not read: no model class, no Table().
    writeFileSync(path.join(dir, 'models.py'), PEEWEE_MODELS);
    // A class Python cannot import (a stray backslash before a docstring, as in FlaskApp).
    writeFileSync(
      path.join(dir, 'services.py'),
      'from typing import Protocol\n\n\nclass Logger(Protocol):\n    def info(self) -> None:\n        \\"""log."""\n',
    );
    const english = check('C', dir);
    assert.equal(english.code, 0, english.err);
    assert.match(english.err, /no model classes or Table\(\) objects were found/);
    assert.match(english.out, /^No models were found, so the 2 tables of the migration head were not compared: this is not "in sync"\.$/m);
    assert.doesNotMatch(english.out, /in sync\.$|are in sync/m);
    assert.doesNotMatch(english.out, /DS10\d/, 'no table reads as dropped');
    const spanish = check('es_ES.UTF-8', dir);
    assert.equal(spanish.code, 0, spanish.err);
    assert.match(spanish.out, /No se encontraron modelos, así que las 2 tablas del `head` de las migraciones no se compararon/);
  });

  it('without anything paused either: no table reads as dropped, nothing is pending, exit 0; revision refuses to write drops', () => {
    // classic: five tables and an enum type at its head, and nothing else in the project that is broken.
    const dir = path.join(scratch, 'classic');
    cpSync(path.join(ROOT, 'test-fixtures', 'classic'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'models.py'), PEEWEE_MODELS);
    const text = check('C', dir);
    assert.equal(text.code, 0, text.out + text.err);
    assert.match(text.err, /no model classes or Table\(\) objects were found/);
    assert.match(text.out, /^No models were found, so the 5 tables of the migration head were not compared: this is not "in sync"\.$/m);
    assert.doesNotMatch(text.out, /DS10\d|MG001|pending/, 'no drop and no pending change rests on models that were not found');
    const json = check('C', dir, '--format', 'json');
    assert.equal(json.code, 0, json.err);
    assert.deepEqual(JSON.parse(json.out), []);
    const versions = path.join(dir, 'migrations', 'versions');
    const before = readdirSync(versions).sort();
    const revision = cliIn('C', ['revision', dir, '-m', 'x', '--autogenerate', '--no-input', '--no-cache']);
    assert.equal(revision.code, 2, revision.out + revision.err);
    assert.match(revision.err, /No models were found/);
    assert.deepEqual(readdirSync(versions).sort(), before, 'no revision written (it would drop every table)');
    const spanish = cliIn('es_ES.UTF-8', ['revision', dir, '-m', 'x', '--autogenerate', '--no-input', '--no-cache']);
    assert.equal(spanish.code, 2);
    assert.match(spanish.err, /No se encontraron modelos/);
  });
});
