// Names with quotes, backslashes, newlines and control characters in a rendered revision: every
// string literal is Python-escaped, and no comment line is ever broken (a newline in a column name
// used to put a line of Python at module level, which every `flask db` command then ran).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { commentText, docstringText, pyStr } from '../../../src/core/render/mako';
import { shellArg } from '../../../src/core/render/renameHeader';
import { nextvalDefault, sequenceOfDefault } from '../../../src/core/render/sqlNames';
import { applyRenames } from '../../../src/core/diff/renames';
import { serialDefault } from '../../../src/core/history/replay/pgNames';
import { ident, literal, restoreSql } from '../../../src/db/restoreSql';
import { renderRevision } from '../../../src/core/render/revision';
import { diffSchemas } from '../../../src/core/diff';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { col, schema, serial, table } from '../diff/build';

const HOSTILE = ["it's", 'say "hi"', 'back\\slash', 'new\nline\nimport os; os.system("echo pwned")', 'nul\0byte', 'tab\tand\rcr', 'sep\u2028x'];

describe('escaping names written into revision files', () => {
  it('pyStr gives Python literals that evaluate to the name itself, and comments stay one line', (t) => {
    for (const name of HOSTILE) assert.ok(!/[\n\r\0\u2028]/.test(commentText(`# ${name}`)), JSON.stringify(name));
    if (missingOracle(t, pythonOracleProblem())) return;
    const program = `import json, sys\nvalues = [${HOSTILE.map(pyStr).join(', ')}]\nprint(json.dumps(values))`;
    const run = spawnSync(SYSTEM_PYTHON, ['-c', program], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), HOSTILE);
  });

  it('a revision dropping hostile columns compiles, and no comment line carries code', (t) => {
    const columns = Object.fromEntries(HOSTILE.map((n) => [n, col('text')]));
    const head = schema({ user: { columns: { id: serial('user'), ...columns }, pk: ['id'] } });
    const target = schema({ user: { columns: { id: serial('user') }, pk: ['id'] } });
    const rendered = renderRevision({
      changes: diffSchemas(head, target),
      head,
      target,
      message: 'drop\nhostile',
      downRevision: null,
      revisionId: 'abc123abc123',
    });
    assert.match(rendered.text, /DESTROYS OR REWRITES DATA/);
    for (const line of rendered.text.split('\n')) assert.doesNotMatch(line, /^import os|^\s*os\.system/, 'no name leaks out of a comment or string');
    if (missingOracle(t, pythonOracleProblem())) return;
    const run = spawnSync(SYSTEM_PYTHON, ['-c', 'import sys; compile(sys.stdin.read(), "rev.py", "exec")'], { input: rendered.text, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stderr}\n${rendered.text}`);
  });
});

// A crafted name that, built into SQL unescaped, ends the literal and runs its own statement.
const CRAFTED = "a'::regclass); DROP TABLE y CASCADE; --";

describe('names built into SQL text', () => {
  it('sequence defaults quote the name as a regclass inside a literal, and read back as the same name', () => {
    assert.equal(nextvalDefault('user_id_seq'), "nextval('user_id_seq'::regclass)");
    // What pg_get_expr prints for create_all's table it's (the old text was nextval('"it's_id_seq"'::regclass)).
    assert.equal(serialDefault("it's", 'id'), `nextval('"it''s_id_seq"'::regclass)`);
    assert.equal(serialDefault('x"y', 'id'), `nextval('"x""y_id_seq"'::regclass)`);
    for (const name of [CRAFTED, 'x"; DROP TABLE y; --', 'Mixed Case', 'new\nline', "it's"]) {
      const text = nextvalDefault(name);
      assert.equal(sequenceOfDefault(text), name, text);
      assert.equal(text.split("'").length % 2, 1, `quotes stay balanced: ${text}`);
    }
  });

  it('a renamed table keeps a sequence default that is one quoted name', () => {
    const head = {
      tables: { "it's": table("it's", { columns: { id: { type: 'integer', nullable: false, default: nextvalDefault("it's_id_seq") } }, pk: ['id'] }) },
      enums: {},
    };
    const models = { tables: { [CRAFTED]: table(CRAFTED, { columns: { id: serial(CRAFTED) }, pk: ['id'] }) }, enums: {} };
    const applied = applyRenames(head, models, [{ kind: 'table', from: "it's", to: CRAFTED }]);
    assert.deepEqual(applied.problems, []);
    assert.equal(sequenceOfDefault(applied.schema.tables[CRAFTED]?.columns.id?.default), `${CRAFTED}_id_seq`);
  });

  it('restore statements stay one per line whatever a name holds', () => {
    assert.equal(ident('new\nline'), 'U&"new\\000aline"');
    assert.equal(literal("it's\n"), "E'it''s\\u000a'");
    assert.equal(ident('plain "q"'), '"plain ""q"""');
    const sql = restoreSql(
      { table: 'tab\ttable', columns: null, reason: 'dropTable' },
      'bk\nname',
      ['id'],
      [],
      [
        { name: 'id', type: 'integer', userType: false, serial: true },
        { name: 'new\nline', type: 'text', userType: false, serial: false },
      ],
    );
    const lines = sql.split('\n');
    assert.equal(lines.length, 2, sql);
    assert.match(lines[0] as string, /^INSERT INTO U&"tab\\0009table" /);
    assert.match(lines[1] as string, /pg_get_serial_sequence\(E'"tab\\u0009table"', 'id'\)/);
  });
});

describe('text written into revision files and suggestions', () => {
  it('a revision message never ends its docstring early, and reads back as itself', (t) => {
    const messages = ['add """quoted""" table', 'ends with a quote"', 'back\\slash \\n', 'cr\rhere', '"""\nimport os; os.system("echo pwned")'];
    if (missingOracle(t, pythonOracleProblem())) return;
    const program = `import json\nprint(json.dumps([${messages.map((m) => `"""${docstringText(m)}"""`).join(', ')}]))`;
    const run = spawnSync(SYSTEM_PYTHON, ['-c', program], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stderr}\n${program}`);
    assert.deepEqual(JSON.parse(run.stdout), messages);
  });

  it('a suggested --no-rename option is one shell word, whatever the names', () => {
    assert.equal(shellArg('user.email=mail'), 'user.email=mail');
    for (const text of [`x"; rm -rf ~; echo "`, "it's $(id) `id`", 'new\nline']) {
      const run = spawnSync('bash', ['-c', `printf %s ${shellArg(text)}`], { encoding: 'utf8' });
      assert.equal(run.stdout, text);
    }
  });
});
