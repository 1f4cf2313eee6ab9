// Names with quotes, backslashes, newlines and control characters in a rendered revision: every
// string literal is Python-escaped, and no comment line is ever broken (a newline in a column name
// used to put a line of Python at module level, which every `flask db` command then ran).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { commentText, pyStr } from '../../../src/core/render/mako';
import { renderRevision } from '../../../src/core/render/revision';
import { diffSchemas } from '../../../src/core/diff';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { col, schema, serial } from '../diff/build';

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
