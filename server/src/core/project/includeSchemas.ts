// `include_schemas=` as autogenerate gets it: env.py's online `context.configure(...)`, or Flask-Migrate's
// `Migrate(app, db, include_schemas=...)` when env.py passes its configure_args. A value that is not a
// literal (a setting, an expression) cannot be read without running the app: it is a note, and the
// comparison then neither adds the models' other-schema tables nor drops the history's (envFilters.ts).
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configureCalls, keyword, spanEnd } from '../history/envPy';
import { walkFiles } from '../walk';
import type { Note } from '../source';

const TEXT = {
  unreadable: (value: string) =>
    l10n.t(
      "include_schemas={0} cannot be read without running the app: tables in other schemas that only the migrations have are not reported as dropped, and the models' are compared with the migrations'",
      value,
    ),
};

export interface IncludeSchemas {
  /** 'unreadable': written, but not as a literal. */
  value: boolean | 'unreadable';
  notes: Note[];
}

const CONFIGURE_ARGS = /\*\*\s*current_app\.extensions\[\s*['"]migrate['"]\s*\]\.configure_args/;

/** A literal truth value, or one a module-level `NAME = True` of the same file gives. */
function truthOf(value: string, text: string): boolean | null {
  const literal = value.trim();
  if (literal === 'True' || literal === '1') return true;
  if (literal === 'False' || literal === '0' || literal === 'None') return false;
  if (!/^[A-Za-z_]\w*$/.test(literal)) return null;
  const bound = [...text.matchAll(new RegExp(`^${literal}\\s*=\\s*(True|False)\\s*(?:#.*)?$`, 'gm'))];
  return bound.length === 1 ? (bound[0]?.[1] as string) === 'True' : null;
}

function read(value: string, text: string, file: string, line: number): IncludeSchemas {
  const truth = truthOf(value, text);
  if (truth !== null) return { value: truth, notes: [] };
  const location = { file, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
  return { value: 'unreadable', notes: [{ severity: 'info', kind: 'config', message: TEXT.unreadable(value.trim()), location }] };
}

/** `include_schemas=` in env.py's online configure, or in `Migrate(...)` when env.py passes Flask-Migrate's configure_args. */
export function readIncludeSchemas(text: string, scriptLocation: string): IncludeSchemas {
  const file = path.join(scriptLocation, 'env.py');
  for (const call of configureCalls(text).filter((c) => !c.offline)) {
    const value = keyword(call.args, 'include_schemas');
    if (value !== null) return read(value, text, file, call.line);
    if (CONFIGURE_ARGS.test(call.args)) return flaskMigrateIncludesSchemas(path.dirname(scriptLocation), scriptLocation);
  }
  return { value: false, notes: [] };
}

/** `Migrate(app, db, include_schemas=True)` / `migrate.init_app(app, db, include_schemas=True)` near the top of the app. */
function flaskMigrateIncludesSchemas(root: string, scriptLocation: string): IncludeSchemas {
  const skipped = path.resolve(scriptLocation);
  const files = walkFiles(root, (name) => name.endsWith('.py') && !name.startsWith('test'), {
    maxDepth: 3,
    maxFiles: 400,
    exclude: (dir) => path.resolve(dir) === skipped || /^(tests?|docs?|node_modules|\.venv|venv)$/.test(path.basename(dir)),
  });
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!source.includes('include_schemas')) continue;
    const call = migrateCall(source);
    if (call) return read(keyword(call.args, 'include_schemas') ?? '', source, file, source.slice(0, call.index).split('\n').length - 1);
  }
  return { value: false, notes: [] };
}

/** The arguments of the first `Migrate(...)` / `init_app(...)` that passes include_schemas=, parentheses balanced. */
function migrateCall(source: string): { args: string; index: number } | null {
  const start = /\b(?:Migrate|init_app)\s*\(/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    const from = match.index + match[0].length;
    const args = source.slice(from, spanEnd(source, from));
    if (/\binclude_schemas\s*=/.test(args)) return { args, index: match.index };
  }
  return null;
}
