// Issue 11, layouts met on real projects that stopped `check` with exit 2 (OpenOversight, FlaskApp):
// - migrations/alembic.ini with `script_location = migrations`: the folder holding alembic.ini is the
//   script location (Flask-Migrate overrides the value), not migrations/migrations;
// - two statements on one line (`import os; os.environ...`) are not an unexpected indent;
// - a file that does not parse but names nothing a model is made of hides no model: an info note.
// Fixtures: test-fixtures/ini-in-script-dir, test-fixtures/stray-python.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { readModuleFacts } from '../../../src/core/models/moduleFacts';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');

async function check(fixture: string): Promise<{ code: number; err: string; findings: { code: string }[] }> {
  let out = '';
  let err = '';
  const code = await checkCommand.run(parseArgs([path.join(FIXTURES, fixture), '--format', 'json'], new Set(checkCommand.booleanFlags ?? [])), {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, err, findings: code === 2 ? [] : (JSON.parse(out) as { code: string }[]) };
}

describe('real-project layouts that used to exit 2', () => {
  before(async () => initPythonParser());

  it('migrations/alembic.ini saying script_location = migrations: the history is found and in sync', async () => {
    const result = await check('ini-in-script-dir');
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(result.findings, []);
  });

  it('a statement after `;` is not an indent error; a non-model file that does not parse blocks nothing', async () => {
    const seed = readModuleFacts('import os; os.environ.setdefault("A", "b")\nfrom app.models import db\n', {
      path: 'seed.py',
      moduleName: 'seed',
      isPackage: false,
    });
    assert.deepEqual(seed.facts.notes, []);
    const report = readModuleFacts('from typing import Protocol\n\nclass P(Protocol):\n    def f(self):\n        \\"""x"""\n', {
      path: 'r.py',
      moduleName: 'r',
      isPackage: false,
    });
    assert.deepEqual(
      report.facts.notes.map((n) => n.severity),
      ['info'],
      'the syntax error is kept, as info',
    );
    const models = readModuleFacts('from app import db\n\nclass A(db.Model):\n    id = db.Column(db.Integer, primary_key=True\n', {
      path: 'm.py',
      moduleName: 'm',
      isPackage: false,
    });
    assert.ok(
      models.facts.notes.some((n) => n.kind === 'parse-error' && n.severity === 'warning'),
      'a model file that does not parse still blocks',
    );
    const result = await check('stray-python');
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(result.findings, []);
  });
});
