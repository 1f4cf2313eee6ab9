// Tokenizes Python with the real TextMate engine (vscode-textmate + Oniguruma, as VS Code does) and
// checks that our injection grammar marks SQL inside op.execute(...) / sa.text(...) as embedded SQL.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { missingOracle } from '../../server/test/support/oracles';
import { CODE_SERVER_PREFIX } from '../../e2e/support/paths';

const ROOT = join(__dirname, '..', '..');
const INJECTION = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'sql-in-python.tmLanguage.json'), 'utf8')) as textmate.IRawGrammar;
// The same install the e2e harness uses (MG_E2E_CACHE moves it).
const VSCODE_EXTENSIONS = join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');

// Minimal stand-ins for VS Code's Python and SQL grammars: enough structure to exercise injection.
const STUB_PYTHON = {
  scopeName: 'source.python',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.python' },
    { begin: '"""', end: '"""', name: 'string.quoted.docstring.multi.python' },
    { begin: '"', end: '"', name: 'string.quoted.single.python' },
    { match: '\\b[A-Za-z_]\\w*\\b', name: 'variable.other.python' },
  ],
};
const STUB_SQL = {
  scopeName: 'source.sql',
  patterns: [
    { match: '(?i)\\b(select|update|set|where|alter|table|add|drop|column|insert|into|values|from)\\b', name: 'keyword.other.sql' },
    { begin: "'", end: "'", name: 'string.quoted.single.sql' },
  ],
};

let onigLib: Promise<textmate.IOnigLib>;
before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  onigLib = Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) });
});

function registry(python: unknown, sql: unknown): textmate.Registry {
  const grammars: Record<string, unknown> = { 'source.python': python, 'source.sql': sql, [INJECTION.scopeName]: INJECTION };
  return new textmate.Registry({
    onigLib,
    loadGrammar: async (scope) => (grammars[scope] as textmate.IRawGrammar | undefined) ?? null,
    getInjections: (scope) => (scope === 'source.python' ? [INJECTION.scopeName] : undefined),
  });
}

interface Token {
  text: string;
  scopes: string[];
  line: number;
}

async function tokenize(reg: textmate.Registry, source: string): Promise<Token[]> {
  const grammar = await reg.loadGrammar('source.python');
  assert.ok(grammar, 'python grammar loads');
  let state = textmate.INITIAL;
  const out: Token[] = [];
  for (const [index, line] of source.split('\n').entries()) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: index });
    state = result.ruleStack;
  }
  return out;
}

const isSql = (t: Token): boolean => t.scopes.some((s) => s.startsWith('meta.embedded.') && s.endsWith('.sql'));
/** The embedded SQL, tokens of a line joined as written, lines joined by a space. */
function sqlText(tokens: Token[]): string {
  const lines = new Map<number, string>();
  for (const t of tokens.filter(isSql)) lines.set(t.line, (lines.get(t.line) ?? '') + t.text);
  return [...lines.values()].join(' ').replace(/\s+/g, ' ').trim();
}
const keywordsIn = (tokens: Token[]): string[] =>
  tokens.filter((t) => isSql(t) && t.scopes.some((s) => s.startsWith('keyword'))).map((t) => t.text.toUpperCase());

const MIGRATION = [
  'def upgrade():',
  '    op.execute("UPDATE users SET active = true")',
  '    op.execute(',
  '        """',
  "        ALTER TABLE users ADD COLUMN note text DEFAULT 'x'",
  '        """',
  '    )',
  '    conn = op.get_bind()',
  "    conn.execute(sa.text('SELECT id FROM users WHERE note = :n'), {'n': 'x'})",
  '    print("SELECT not sql here")',
  '    # op.execute("DROP TABLE users")',
].join('\n');

test('SQL in op.execute strings, single-line and triple-quoted on their own lines, is embedded SQL', async () => {
  const tokens = await tokenize(registry(STUB_PYTHON, STUB_SQL), MIGRATION);
  assert.equal(sqlText(tokens), "UPDATE users SET active = true ALTER TABLE users ADD COLUMN note text DEFAULT 'x' SELECT id FROM users WHERE note = :n");
  assert.deepEqual(keywordsIn(tokens), ['UPDATE', 'SET', 'ALTER', 'TABLE', 'ADD', 'COLUMN', 'SELECT', 'FROM', 'WHERE']);
});

test('ordinary strings, comments and the arguments after the SQL stay Python', async () => {
  const tokens = await tokenize(registry(STUB_PYTHON, STUB_SQL), MIGRATION);
  const notSql = tokens
    .filter((t) => !isSql(t))
    .map((t) => t.text)
    .join('');
  assert.match(notSql, /print\("SELECT not sql here"\)/);
  assert.match(notSql, /# op\.execute\("DROP TABLE users"\)/);
  const after = tokens.find((t) => t.text === 'get_bind');
  assert.ok(after && !isSql(after));
  // The quotes themselves are Python string punctuation, not SQL.
  const quotes = tokens.filter((t) => t.text.trim() === '"""');
  assert.equal(quotes.length, 2);
  for (const q of quotes) assert.ok(!isSql(q) && q.scopes.some((s) => s.startsWith('string.quoted.multi.python')));
});

test("with VS Code's own Python and SQL grammars the SQL is still embedded", async (t) => {
  const python = join(VSCODE_EXTENSIONS, 'python', 'syntaxes', 'MagicPython.tmLanguage.json');
  const sql = join(VSCODE_EXTENSIONS, 'sql', 'syntaxes', 'sql.tmLanguage.json');
  const problem =
    existsSync(python) && existsSync(sql) ? null : 'VS Code grammars not present (they come with the e2e harness cache: run scripts/e2e-setup.sh)';
  if (missingOracle(t, problem)) return;
  const reg = registry(JSON.parse(readFileSync(python, 'utf8')), JSON.parse(readFileSync(sql, 'utf8')));
  const tokens = await tokenize(reg, MIGRATION);
  assert.equal(sqlText(tokens), "UPDATE users SET active = true ALTER TABLE users ADD COLUMN note text DEFAULT 'x' SELECT id FROM users WHERE note = :n");
  assert.ok(keywordsIn(tokens).includes('ALTER'));
  const printed = tokens.filter((x) => x.text.includes('SELECT not sql'));
  assert.ok(printed.length > 0 && printed.every((x) => !isSql(x)));
});
