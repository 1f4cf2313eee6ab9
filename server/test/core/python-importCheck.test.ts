// pythonImportError against CPython itself: for each snippet, the same verdict (imports or not),
// the same error class and the same line as `compile()` of Debian's Python.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { pythonImportError } from '../../src/core/python/importCheck';
import { initPythonParser, parsePython } from '../../src/core/python/parser';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';

const SNIPPETS: Record<string, string> = {
  clean: "def upgrade():\n    op.drop_table('x')\n\n\ndef downgrade():\n    pass\n",
  inlineBodies: 'class A: pass\ndef f(): return 1\nif True: x = 1\nelse: x = 2\n',
  continuation: "def f():\n    with \\\n        open('a') as a, \\\n        open('b') as b:\n            pass\n    return 1\n",
  brackets: 'def f():\n    x = [\n1,\n        2]\n    return x\n',
  decorators: '@a\n@b(1)\ndef f():\n    pass\n',
  tryElse: 'try:\n    x = 1\nexcept Exception:\n    x = 2\nelse:\n    x = 3\nfinally:\n    x = 4\n',
  docstringAndComment: 'def f():\n    """doc\nstring"""\n# a comment at column 0\n    return 1\n',
  missingParen: "def upgrade():\n    op.drop_column('user', 'email'\n    op.drop_table('x')\n",
  unexpectedIndent: "def upgrade():\n    op.drop_column('user', 'email')\n      op.drop_table('x')\n",
  unindentMismatch: "def upgrade():\n    op.drop_column('user', 'email')\n  op.drop_table('x')\n",
  noBody: "def upgrade():\nop.drop_table('x')\n",
  noBodyAtEnd: 'def upgrade():\n',
  tabs: "def upgrade():\n    op.drop_column('user', 'email')\n\top.drop_table('x')\n",
  indentedModule: '  import os\n',
  assignToLiteral: "def upgrade():\n    1 = op.drop_table('x')\n",
  nul: "def upgrade():\n    op.drop_table('x')\0\n",
};

/** CPython's verdict per snippet: null, or [error class, 0-based line]. */
function cpython(): Record<string, [string, number | null] | null> {
  const script = `
import json, sys
out = {}
for name, text in json.load(sys.stdin).items():
    try:
        compile(text, name, 'exec')
        out[name] = None
    except SyntaxError as e:
        out[name] = [type(e).__name__, (e.lineno - 1) if e.lineno else None]
    except ValueError as e:
        out[name] = ['ValueError', None]
print(json.dumps(out))`;
  const run = spawnSync(SYSTEM_PYTHON, ['-c', script], { input: JSON.stringify(SNIPPETS), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, [string, number | null] | null>;
}

describe('pythonImportError agrees with CPython', () => {
  before(() => initPythonParser());

  it('same verdict, error class and line for every snippet', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const expected = cpython();
    for (const [name, text] of Object.entries(SNIPPETS)) {
      const tree = parsePython(text);
      const ours = pythonImportError(tree.rootNode, text);
      tree.delete();
      const theirs = expected[name];
      if (theirs === null || theirs === undefined) {
        assert.equal(ours, null, `${name}: CPython compiles it, we said ${ours?.message}`);
        continue;
      }
      assert.ok(ours, `${name}: CPython raises ${theirs[0]}, we saw nothing`);
      const [kind, line] = theirs;
      // Python 3.11 raises ValueError for a NUL byte; 3.12 a SyntaxError. Either way, not importable.
      if (kind !== 'ValueError')
        assert.ok(ours.message.startsWith(kind === 'SyntaxError' ? 'SyntaxError' : `${kind}:`), `${name}: CPython ${kind}, ours ${ours.message}`);
      if (line !== null) assert.equal(ours.range.start.line, line, `${name}: line`);
    }
  });
});
