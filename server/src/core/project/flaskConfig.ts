// SQLALCHEMY_DATABASE_URI as the app's own Python computes it, read statically: the common spellings
// of config.py / app.py (string literals, `+`, `or`, os.environ.get / os.getenv / os.environ[...],
// os.path.join, basedir = os.path.abspath(os.path.dirname(__file__)), f-strings of known names).
// Anything else is reported as unreadable, never guessed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSkippedDir } from '../walk';

export interface ConfiguredUri {
  /** The URI the app would use, with the environment applied. */
  uri: string;
  /** The file (relative to the project) and 1-based line of the assignment. */
  file: string;
  line: number;
  /** The environment variable the value came from, when it did. */
  fromEnv: string | null;
}

export type ConfigLookup = { found: ConfiguredUri } | { unreadable: { file: string; line: number; text: string } } | null;

type Token = { kind: 'str' | 'name' | 'op'; text: string };

const TOKEN = /\s*(?:([rRbBuUfF]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|([A-Za-z_][A-Za-z0-9_.]*)|(\S))/y;

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text)) !== null) {
    if (match[2] !== undefined) {
      const quote = match[2].startsWith("'''") || match[2].startsWith('"""') ? 3 : 1;
      let body = match[2].slice(quote, -quote);
      if (!/r/i.test(match[1] ?? '')) body = body.replace(/\\(['"\\])/g, '$1');
      out.push({ kind: 'str', text: (/f/i.test(match[1] ?? '') ? '\u0000f' : '') + body });
    } else if (match[3] !== undefined) out.push({ kind: 'name', text: match[3] });
    else if (match[4] !== undefined) out.push({ kind: 'op', text: match[4] });
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
  }
  return out;
}

interface EvalScope {
  file: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Module-level assignments, by name, evaluated on demand. */
  assignments: Map<string, string>;
  depth: number;
  usedEnv: string | null;
}

class Unreadable extends Error {}

/** A recursive-descent evaluator over the tokens: value is a string, or null for Python's None. */
class Evaluator {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: EvalScope,
  ) {}

  run(): string | null {
    const value = this.or();
    if (this.at !== this.tokens.length) throw new Unreadable();
    return value;
  }

  private peek(text: string): boolean {
    return this.tokens[this.at]?.text === text && this.tokens[this.at]?.kind !== 'str';
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new Unreadable();
    this.at++;
  }

  private or(): string | null {
    let value = this.sum();
    while (this.peek('or')) {
      this.at++;
      const right = this.sum();
      if (value === null || value === '') value = right;
    }
    return value;
  }

  private sum(): string | null {
    let value = this.atom();
    while (this.peek('+') || this.peek('/')) {
      const joiner = this.tokens[this.at++]?.text === '/' ? '/' : '';
      const right = this.atom();
      if (value === null || right === null) throw new Unreadable();
      value = joiner ? path.join(value, right) : value + right;
    }
    return value;
  }

  private args(): (string | null)[] {
    this.expect('(');
    const out: (string | null)[] = [];
    while (!this.peek(')')) {
      out.push(this.or());
      if (this.peek(',')) this.at++;
      else break;
    }
    this.expect(')');
    return out;
  }

  private env(name: string | null | undefined, fallback: string | null): string | null {
    if (typeof name !== 'string') throw new Unreadable();
    const value = this.scope.env[name];
    if (value !== undefined) {
      this.scope.usedEnv = name;
      return value;
    }
    return fallback;
  }

  private atom(): string | null {
    const token = this.tokens[this.at++];
    if (!token) throw new Unreadable();
    if (token.kind === 'str') return token.text.startsWith('\u0000f') ? this.fString(token.text.slice(2)) : token.text;
    if (token.text === '(') {
      const value = this.or();
      this.expect(')');
      return value;
    }
    if (token.kind !== 'name') throw new Unreadable();
    const name = token.text;
    if (name === 'None') return null;
    if (name === '__file__') return this.scope.file;
    if (name === 'os.environ' && this.peek('[')) {
      this.at++;
      const key = this.or();
      this.expect(']');
      const value = this.env(key, null);
      if (value === null) throw new Unreadable();
      return value;
    }
    if (this.peek('(')) {
      const args = this.args();
      switch (name) {
        case 'os.environ.get':
        case 'os.getenv':
        case 'environ.get':
        case 'getenv':
          return this.env(args[0], args[1] ?? null);
        case 'os.path.join':
          if (args.some((a) => a === null)) throw new Unreadable();
          return path.join(...(args as string[]));
        case 'os.path.dirname':
          return args[0] == null ? thrown() : path.dirname(args[0]);
        case 'os.path.abspath':
        case 'os.path.realpath':
        case 'str':
        case 'Path':
        case 'pathlib.Path':
          return args[0] == null ? thrown() : path.resolve(args[0]);
      }
      throw new Unreadable();
    }
    if (/\.parent$/.test(name) || /\.(resolve|absolute)$/.test(name)) throw new Unreadable();
    return this.variable(name);
  }

  private variable(name: string): string | null {
    const source = this.scope.assignments.get(name);
    if (source === undefined || this.scope.depth > 8) throw new Unreadable();
    return evaluatePython(source, { ...this.scope, depth: this.scope.depth + 1 });
  }

  private fString(body: string): string {
    return body.replace(/\{([^{}]+)\}/g, (_m, inner: string) => {
      const value = evaluatePython(inner, { ...this.scope, depth: this.scope.depth + 1 });
      if (value === null) throw new Unreadable();
      return value;
    });
  }
}

function thrown(): never {
  throw new Unreadable();
}

function evaluatePython(source: string, scope: EvalScope): string | null {
  const tokens = tokenize(source);
  if (!tokens) throw new Unreadable();
  const evaluator = new Evaluator(tokens, scope);
  const value = evaluator.run();
  return value;
}

const ASSIGNMENT = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=\n]+)?=(?!=)[ \t]*(.+)$/gm;
const URI_ASSIGNMENT = /^([ \t]*)(?:SQLALCHEMY_DATABASE_URI|[A-Za-z_][A-Za-z0-9_.]*\[\s*['"]SQLALCHEMY_DATABASE_URI['"]\s*\])[ \t]*=(?!=)[ \t]*(.+)$/gm;
const CLASS_LINE = /^class\s+([A-Za-z_][A-Za-z0-9_]*)/;

/** The right-hand side, with `\`-continued and bracket-continued lines joined. */
function fullRhs(text: string, start: number, first: string): string {
  let rhs = first.replace(/#.*$/, '').trim();
  let rest = text.slice(start);
  const open = () => (rhs.match(/[([{]/g)?.length ?? 0) - (rhs.match(/[)\]}]/g)?.length ?? 0);
  while ((rhs.endsWith('\\') || open() > 0) && rest.length > 0) {
    const nl = rest.indexOf('\n', 1);
    const line = nl < 0 ? rest : rest.slice(0, nl);
    rest = nl < 0 ? '' : rest.slice(nl);
    rhs = `${rhs.replace(/\\$/, '')} ${line.replace(/#.*$/, '').trim()}`;
  }
  return rhs;
}

function classAt(text: string, index: number, indent: string): string | null {
  if (indent === '') return null;
  const before = text.slice(0, index).split('\n').reverse();
  for (const line of before) {
    const match = CLASS_LINE.exec(line);
    if (match) return match[1] as string;
  }
  return null;
}

/** Files where Flask apps set SQLALCHEMY_DATABASE_URI, most specific first. */
function candidateFiles(root: string): string[] {
  const names = ['config.py', 'settings.py', 'instance/config.py', 'app.py', 'wsgi.py', 'run.py', 'manage.py', 'main.py', '__init__.py'];
  const out = names.map((n) => path.join(root, n));
  let entries: string[];
  try {
    entries = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !isSkippedDir(root, e.name) && e.name !== 'migrations' && e.name !== 'instance')
      .map((e) => e.name)
      .sort();
  } catch {
    entries = [];
  }
  for (const dir of entries) for (const n of ['config.py', 'settings.py', '__init__.py', 'app.py']) out.push(path.join(root, dir, n));
  return out.filter((f) => existsSync(f));
}

/**
 * The first SQLALCHEMY_DATABASE_URI assignment outside a test configuration, evaluated with `env`
 * (the process environment over .env over .flaskenv, as `flask` loads them).
 */
export function findConfiguredUri(root: string, env: Readonly<Record<string, string | undefined>>): ConfigLookup {
  let unreadable: ConfigLookup = null;
  for (const file of candidateFiles(root)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const assignments = new Map<string, string>();
    for (const m of text.matchAll(ASSIGNMENT))
      if (!assignments.has(m[1] as string)) assignments.set(m[1] as string, fullRhs(text, (m.index ?? 0) + m[0].length, m[2] as string));
    for (const m of text.matchAll(URI_ASSIGNMENT)) {
      const cls = classAt(text, m.index ?? 0, m[1] as string);
      if (cls && /test/i.test(cls)) continue;
      const rel = path.relative(root, file);
      const line = text.slice(0, m.index ?? 0).split('\n').length;
      const rhs = fullRhs(text, (m.index ?? 0) + m[0].length, m[2] as string);
      const scope: EvalScope = { file, env, assignments, depth: 0, usedEnv: null };
      try {
        const uri = evaluatePython(rhs, scope);
        if (uri !== null && uri.trim() !== '') return { found: { uri: uri.trim(), file: rel, line, fromEnv: scope.usedEnv } };
      } catch (error) {
        if (!(error instanceof Unreadable)) throw error;
        unreadable ??= { unreadable: { file: rel, line, text: rhs.slice(0, 120) } };
      }
    }
  }
  return unreadable;
}
