// Raw SQL (op.execute, conn.execute(text(...)), sa.text(...)) → the data it destroys. Pure and
// dialect-neutral: it reads standard statement shapes only, so the PostgreSQL and SQLite executors
// can both back up, count and confirm what a hand-written statement puts at risk, as they do for
// op.drop_*. A statement it cannot place in "safe" or "destructive" is returned as unchecked, so the
// confirmation can say "not checked" instead of passing over it in silence.
import * as l10n from '@vscode/l10n';
import { joinTokens, splitStatements, tokenize, type Token } from './lexer';

/** A table name as written: `schema` is null when unqualified. */
export interface SqlTableName {
  schema: string | null;
  table: string;
}

export type RawSqlRisk =
  | { kind: 'dropTable'; target: SqlTableName; cascade: boolean }
  | { kind: 'dropColumn'; target: SqlTableName; column: string }
  | { kind: 'alterType'; target: SqlTableName; column: string; toType: string }
  /** TRUNCATE, DELETE without WHERE: every row goes. */
  | { kind: 'deleteAllRows'; target: SqlTableName }
  /** DELETE ... WHERE: the matching rows go. */
  | { kind: 'deleteRows'; target: SqlTableName }
  /** UPDATE without WHERE: every row's old values of these columns are overwritten. */
  | { kind: 'overwriteAllRows'; target: SqlTableName; columns: string[] }
  | { kind: 'dropSchema'; schema: string; cascade: boolean }
  /** DROP TYPE ... CASCADE also drops the columns of that type. */
  | { kind: 'dropType'; typeName: string; cascade: boolean };

export interface ClassifiedStatement {
  sql: string;
  risks: RawSqlRisk[];
  /** True when the statement is neither known to be safe nor understood as destructive. */
  unchecked: boolean;
}

/** Statement starts known to destroy no stored data (what they do to the schema is the DDL reader's business). */
const SAFE_STARTS = [
  /^(create|comment|grant|revoke|insert|select|values|set|reset|show|analyze|vacuum|explain|lock|notify|listen|refresh|begin|commit|start|savepoint|release|cluster|reindex|security)\b/,
  /^alter\s+(index|sequence|view|materialized|function|procedure|trigger|extension|role|user|database|default|domain|policy|publication|subscription|schema)\b/,
  /^drop\s+(index|view|function|procedure|trigger|extension|role|user|policy|rule|sequence|aggregate|operator|cast|collation|publication|subscription|statistics|event)\b/,
];

function words(tokens: Token[], from: number, ...expected: string[]): boolean {
  return expected.every((w, k) => {
    const t = tokens[from + k];
    return t !== undefined && t.kind === 'word' && t.value === w;
  });
}

class Reader {
  index = 0;
  constructor(readonly tokens: Token[]) {}

  accept(...expected: string[]): boolean {
    if (!words(this.tokens, this.index, ...expected)) return false;
    this.index += expected.length;
    return true;
  }

  punct(value: string): boolean {
    if (this.tokens[this.index]?.kind === 'punct' && this.tokens[this.index]?.value === value) {
      this.index++;
      return true;
    }
    return false;
  }

  name(): string | undefined {
    const token = this.tokens[this.index];
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
    this.index++;
    return token.value;
  }

  /** `t`, `s.t`, `"S"."T"` (a database-qualified name keeps its last two parts). */
  tableName(): SqlTableName | undefined {
    const parts: string[] = [];
    const first = this.name();
    if (first === undefined) return undefined;
    parts.push(first);
    while (this.punct('.')) {
      const next = this.name();
      if (next === undefined) return undefined;
      parts.push(next);
    }
    const table = parts[parts.length - 1] as string;
    return { schema: parts.length > 1 ? (parts[parts.length - 2] as string) : null, table };
  }

  rest(): Token[] {
    return this.tokens.slice(this.index);
  }
}

const hasWord = (tokens: Token[], word: string) => tokens.some((t) => t.kind === 'word' && t.value === word);

/** Names separated by commas: `DROP TABLE a, b CASCADE`, `TRUNCATE a, ONLY b`. */
function tableList(reader: Reader): SqlTableName[] | undefined {
  const names: SqlTableName[] = [];
  for (;;) {
    reader.accept('only');
    const name = reader.tableName();
    if (!name) return undefined;
    names.push(name);
    reader.punct('*');
    if (!reader.punct(',')) return names;
  }
}

/** ALTER TABLE t <action>, <action>...: the drops and retypes among its actions. */
function alterTable(reader: Reader): RawSqlRisk[] | undefined {
  reader.accept('if', 'exists');
  reader.accept('only');
  const target = reader.tableName();
  if (!target) return undefined;
  reader.punct('*');
  const risks: RawSqlRisk[] = [];
  // Split the actions on top-level commas.
  const actions: Token[][] = [[]];
  let depth = 0;
  for (const token of reader.rest()) {
    if (token.kind === 'punct' && token.value === '(') depth++;
    if (token.kind === 'punct' && token.value === ')') depth--;
    if (depth === 0 && token.kind === 'punct' && token.value === ',') actions.push([]);
    else (actions[actions.length - 1] as Token[]).push(token);
  }
  for (const action of actions) {
    const a = new Reader(action);
    if (a.accept('drop')) {
      // DROP CONSTRAINT keeps every value; DROP [COLUMN] name does not.
      if (a.accept('constraint')) continue;
      a.accept('column');
      a.accept('if', 'exists');
      const column = a.name();
      if (column === undefined) return undefined;
      risks.push({ kind: 'dropColumn', target, column });
    } else if (a.accept('alter', 'column') || a.accept('alter')) {
      const column = a.name();
      if (column === undefined) return undefined;
      if (a.accept('set', 'data', 'type') || a.accept('type')) {
        const toType = joinTokens(a.rest().map((t) => t.text))
          .replace(/\s+using\s+[\s\S]*$/i, '')
          .trim();
        risks.push({ kind: 'alterType', target, column, toType });
      }
    }
  }
  return risks;
}

/** The columns an UPDATE's SET list assigns: `SET a = 1, b = f(x)`, `SET (a, b) = (...)`. */
function setColumns(reader: Reader): string[] | undefined {
  if (!reader.accept('as')) {
    const next = reader.tokens[reader.index];
    if (next && next.kind === 'word' && next.value !== 'set') reader.index++;
  }
  if (!reader.accept('set')) return undefined;
  const columns: string[] = [];
  let depth = 0;
  let expectName = true;
  for (const token of reader.rest()) {
    if (depth === 0 && token.kind === 'word' && ['from', 'returning'].includes(token.value)) break;
    if (token.kind === 'punct' && token.value === '(') {
      depth++;
      continue;
    }
    if (token.kind === 'punct' && token.value === ')') {
      depth--;
      continue;
    }
    if (token.kind === 'punct' && token.value === ',' && depth === 0) {
      expectName = true;
      continue;
    }
    if (token.kind === 'punct' && token.value === '=' && depth === 0) {
      expectName = false;
      continue;
    }
    // A name before "=" (at depth 1 inside "(a, b) ="), never one inside the value.
    if (expectName && (token.kind === 'word' || token.kind === 'quoted') && depth <= 1) columns.push(token.value);
  }
  return columns.length > 0 ? columns : undefined;
}

function classifyStatement(sql: string): ClassifiedStatement {
  const tokens = tokenize(sql);
  const reader = new Reader(tokens);
  const text = tokens.map((t) => (t.kind === 'word' ? t.value : t.text)).join(' ');
  const done = (risks: RawSqlRisk[] | undefined): ClassifiedStatement =>
    risks === undefined ? { sql, risks: [], unchecked: true } : { sql, risks, unchecked: false };
  if (tokens.length === 0) return { sql, risks: [], unchecked: false };
  if (reader.accept('drop', 'table')) {
    reader.accept('if', 'exists');
    const tables = tableList(reader);
    const cascade = hasWord(reader.rest(), 'cascade');
    return done(tables?.map((target) => ({ kind: 'dropTable', target, cascade })));
  }
  if (reader.accept('alter', 'table')) return done(alterTable(reader));
  // An enum gaining or renaming a label (what revisions write for enum changes) loses no value.
  if (reader.accept('alter', 'type')) {
    const named = reader.tableName() !== undefined;
    return done(named && (reader.accept('add', 'value') || reader.accept('rename', 'value') || reader.accept('rename', 'to')) ? [] : undefined);
  }
  if (reader.accept('truncate')) {
    reader.accept('table');
    return done(tableList(reader)?.map((target) => ({ kind: 'deleteAllRows', target })));
  }
  if (reader.accept('delete', 'from')) {
    reader.accept('only');
    const target = reader.tableName();
    if (!target) return done(undefined);
    return done([{ kind: hasWord(reader.rest(), 'where') ? 'deleteRows' : 'deleteAllRows', target }]);
  }
  if (reader.accept('update')) {
    reader.accept('only');
    const target = reader.tableName();
    if (!target) return done(undefined);
    if (hasWord(reader.rest(), 'where')) return done([]);
    const columns = setColumns(reader);
    return done(columns === undefined ? undefined : [{ kind: 'overwriteAllRows', target, columns }]);
  }
  if (reader.accept('drop', 'schema')) {
    reader.accept('if', 'exists');
    const schema = reader.name();
    return done(schema === undefined ? undefined : [{ kind: 'dropSchema', schema, cascade: hasWord(reader.rest(), 'cascade') }]);
  }
  if (reader.accept('drop', 'type') || reader.accept('drop', 'domain')) {
    reader.accept('if', 'exists');
    const name = reader.tableName();
    return done(name === undefined ? undefined : [{ kind: 'dropType', typeName: name.table, cascade: hasWord(reader.rest(), 'cascade') }]);
  }
  // WITH ... DELETE/UPDATE, DO blocks, CALL, MERGE, COPY ... FROM, anything else: not checked.
  if (SAFE_STARTS.some((re) => re.test(text)) && !words(tokens, 0, 'with')) return { sql, risks: [], unchecked: false };
  return { sql, risks: [], unchecked: true };
}

/** Every statement of a raw SQL string, with the data it destroys. */
export function classifyRawSql(sql: string): ClassifiedStatement[] {
  return splitStatements(sql).map(classifyStatement);
}

/** One line for a confirmation or a dry-run report. */
export function describeRawSqlRisk(risk: RawSqlRisk): string {
  const table = (t: SqlTableName) => (t.schema ? `${t.schema}.${t.table}` : t.table);
  switch (risk.kind) {
    case 'dropTable':
      return risk.cascade
        ? l10n.t('DROP TABLE {0} CASCADE: every row of the table', table(risk.target))
        : l10n.t('DROP TABLE {0}: every row of the table', table(risk.target));
    case 'dropColumn':
      return l10n.t('DROP COLUMN {0}.{1}: every value in the column', table(risk.target), risk.column);
    case 'alterType':
      return l10n.t('ALTER COLUMN {0}.{1} TYPE {2}: values the new type cannot hold', table(risk.target), risk.column, risk.toType);
    case 'deleteAllRows':
      return l10n.t('every row of {0} deleted', table(risk.target));
    case 'deleteRows':
      return l10n.t('rows of {0} deleted (those matching the WHERE)', table(risk.target));
    case 'overwriteAllRows':
      return l10n.t('{0} overwritten in every row (UPDATE without WHERE)', risk.columns.map((c) => `${table(risk.target)}.${c}`).join(', '));
    case 'dropSchema':
      return risk.cascade ? l10n.t('DROP SCHEMA {0} CASCADE: every table in it', risk.schema) : `DROP SCHEMA ${risk.schema}`;
    case 'dropType':
      return risk.cascade ? l10n.t('DROP TYPE {0} CASCADE: every column of that type', risk.typeName) : `DROP TYPE ${risk.typeName}`;
  }
}
