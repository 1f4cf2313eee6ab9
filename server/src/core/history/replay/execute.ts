// op.execute(...) and connection.execute(...): static SQL is kept as an executeSql op (the executor
// runs it as written; applyOps reads its DDL). What the replay can't read is noted with its range.
import * as l10n from '@vscode/l10n';
import { calleeName, strValue, type PyExpr } from '../../python/expr';
import type { MigrationOp } from '../../schema/ops';
import type { SourceLocation } from '../../source';
import { readDdl } from '../sql/ddl';
import type { Replay } from './replayState';

/** f"ALTER TABLE {TABLE} ..." where every placeholder is a name bound to a literal. */
function fString(text: string, state: Replay): string | undefined {
  const match = /^(?:[fF][rR]?|[rR][fF])("""|'''|"|')([\s\S]*)\1$/.exec(text.trim());
  if (!match) return undefined;
  let failed = false;
  const body = (match[2] as string).replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|\{[^}]*\}/g, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const value = name === undefined ? undefined : state.scope.lookup(name);
    if (value?.kind === 'str') return value.value;
    if (value?.kind === 'num') return value.text;
    failed = true;
    return whole;
  });
  return failed ? undefined : body.replace(/\\n/g, '\n').replace(/\\'/g, "'").replace(/\\"/g, '"');
}

/** The SQL text of "..." / sa.text("...") / sa.DDL("...") / a simple f-string, or undefined when it is not static. */
function sqlText(expr: PyExpr | undefined, state: Replay): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'str') return expr.value;
  if (expr.kind === 'unknown') return fString(expr.text, state);
  if (expr.kind === 'call') {
    const written = calleeName(expr);
    const qualified = written ? state.scope.module.qualify(written) : '';
    if (/^sqlalchemy\.(text|DDL|schema\.DDL|sql\.text)$/.test(qualified) || written === 'text' || written === 'DDL') {
      const first = expr.args[0];
      return first?.kind === 'unknown' ? fString(first.text, state) : strValue(first);
    }
  }
  return undefined;
}

const preview = (sql: string) => {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
};

export function executeOps(expr: PyExpr | undefined, state: Replay, location: SourceLocation): MigrationOp[] {
  const sql = sqlText(expr, state);
  if (sql === undefined) {
    const kind = expr && expr.kind === 'call' ? l10n.t('a SQLAlchemy expression') : l10n.t('SQL that is not a string literal');
    state.notes.push({
      severity: 'warning',
      kind: 'opaque-op',
      message: l10n.t('op.execute with {0}: its effect on the schema is unknown', kind),
      location: { file: state.scope.module.file, range: expr?.range ?? location.range },
    });
    return [];
  }
  const reading = readDdl(sql, location);
  for (const statement of reading.opaque) {
    state.notes.push({
      severity: 'warning',
      kind: 'opaque-op',
      message: l10n.t('SQL not understood, its effect on the schema is unknown: {0}', preview(statement)),
      location,
    });
  }
  if (reading.data.length > 0 && reading.ops.length === 0 && reading.opaque.length === 0) {
    state.notes.push({
      severity: 'hint',
      kind: 'data-statement',
      message: l10n.t('data-only SQL, no schema change: {0}', preview(reading.data[0] as string)),
      location,
    });
  }
  return [{ kind: 'executeSql', sql, location }];
}
