// Pretty-printing SQL for people (sql-formatter, PostgreSQL dialect, upper-case keywords). Formatting
// is most of the cost of `sql` over a long history, and the statements the renderer writes come in
// few shapes: a statement is formatted once per shape — its quoted names and string literals masked
// by same-length placeholders, so line breaks fall where they would — and the names put back in order.
import type * as SqlFormatter from 'sql-formatter';

// Loaded on first use: sql-formatter builds every dialect's keyword tables when it loads (~0.1 s of CPU),
// which verbs that never format (current, upgrade, check) should not pay.
let formatter: typeof SqlFormatter | null = null;
function sqlFormatter(): typeof SqlFormatter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  formatter ??= require('sql-formatter') as typeof SqlFormatter;
  return formatter;
}

const QUOTED = /"(?:[^"]|"")*"|'(?:[^']|'')*'/g;
/** Text whose quoting the mask cannot follow (dollar quotes, escapes, comments): formatted directly. */
const UNMASKABLE = /[$\\]|--|\/\*/;
const MAX_SHAPES = 20_000;
const shapes = new Map<string, string>();

function formatDirect(sql: string): string {
  try {
    return sqlFormatter().format(sql, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2 });
  } catch {
    // sql-formatter does not know every statement (raw op.execute text); show it as written.
    return sql.trim();
  }
}

const mask = (token: string) => `${token[0]}${'x'.repeat(token.length - 2)}${token[0]}`;

/** One statement (or a script) pretty-printed for people: upper-case keywords, PostgreSQL dialect. */
export function formatSql(sql: string): string {
  if (UNMASKABLE.test(sql)) return formatDirect(sql);
  const names: string[] = [];
  const shape = sql.replace(QUOTED, (token) => (names.push(token), mask(token)));
  let formatted = shapes.get(shape);
  if (formatted === undefined) {
    formatted = formatDirect(shape);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, formatted);
  }
  let at = 0;
  let faithful = true;
  const result = formatted.replace(QUOTED, (token) => {
    const name = names[at++];
    if (name === undefined || mask(name) !== token) faithful = false;
    return name ?? token;
  });
  // The formatter kept every masked token, in order: the names go back exactly where they were.
  return faithful && at === names.length ? result : formatDirect(sql);
}

/** A whole script: each statement formatted and terminated with a semicolon. */
export function formatStatements(statements: string[]): string {
  return statements.map((s) => `${formatSql(s).replace(/;\s*$/, '')};`).join('\n\n');
}
