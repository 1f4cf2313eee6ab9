// Migration ops → PostgreSQL statements: what the `sql` verb prints and what the executor runs.
// Identifiers are always quoted; serial columns are created as SERIAL/BIGSERIAL; enum changes use
// CREATE TYPE / ALTER TYPE. `before` is the schema the ops start from (for USING casts and enum names).
import { format } from 'sql-formatter';
import type { AlterColumnOp, ColumnDef, CreateTableOp, MigrationOp } from '../schema/ops';
import type { ForeignKeySchema, Schema } from '../schema/types';
import { needsUsingCast, quoteIdent, quoteLiteral, serialTypeFor, typeSql, usingCast } from './sqlNames';

interface TrackedColumn {
  type: string;
  default: string | null;
}

/** The column types, defaults and enum names as the ops go along, so each statement knows what it alters. */
class TypeTracker {
  private readonly tables = new Map<string, Map<string, TrackedColumn>>();
  readonly enums = new Set<string>();

  constructor(before: Schema) {
    for (const [name, table] of Object.entries(before.tables)) {
      this.tables.set(name, new Map(Object.entries(table.columns).map(([col, def]) => [col, { type: def.type, default: def.default }])));
    }
    for (const name of Object.keys(before.enums)) this.enums.add(name);
  }

  column(table: string, column: string): TrackedColumn | undefined {
    return this.tables.get(table)?.get(column);
  }

  hasColumn(table: string, column: string): boolean {
    return this.tables.get(table)?.has(column) ?? false;
  }

  apply(op: MigrationOp): void {
    switch (op.kind) {
      case 'createTable':
        this.tables.set(op.table, new Map(op.columns.map((c) => [c.name, { type: c.type, default: c.default }])));
        break;
      case 'dropTable':
        this.tables.delete(op.table);
        break;
      case 'renameTable': {
        const cols = this.tables.get(op.from);
        this.tables.delete(op.from);
        if (cols) this.tables.set(op.to, cols);
        break;
      }
      case 'addColumn':
        this.ensure(op.table).set(op.column.name, { type: op.column.type, default: op.column.default });
        break;
      case 'dropColumn':
        this.tables.get(op.table)?.delete(op.column);
        break;
      case 'alterColumn': {
        const cols = this.ensure(op.table);
        const was = cols.get(op.column);
        const type = op.type ?? was?.type ?? op.existing?.type;
        const defaultExpr = op.default !== undefined ? op.default : (was?.default ?? op.existing?.default ?? null);
        if (op.newName !== undefined) cols.delete(op.column);
        if (type !== undefined) cols.set(op.newName ?? op.column, { type, default: defaultExpr });
        break;
      }
      case 'createEnum':
        this.enums.add(op.name);
        break;
      case 'dropEnum':
        this.enums.delete(op.name);
        break;
      default:
        break;
    }
  }

  private ensure(table: string): Map<string, TrackedColumn> {
    let cols = this.tables.get(table);
    if (!cols) this.tables.set(table, (cols = new Map()));
    return cols;
  }
}

const identList = (names: string[]) => names.map(quoteIdent).join(', ');

function columnSql(column: ColumnDef, enums: ReadonlySet<string>): string {
  const serial = serialTypeFor(column.type, column.default);
  const parts = [quoteIdent(column.name), serial ?? typeSql(column.type, enums)];
  if (!serial && column.default !== null && column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

function foreignKeySql(fk: ForeignKeySchema): string {
  const onDelete = fk.onDelete ? ` ON DELETE ${fk.onDelete}` : '';
  return `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${identList(fk.columns)}) REFERENCES ${quoteIdent(fk.refTable)} (${identList(fk.refColumns)})${onDelete}`;
}

function columnComments(table: string, columns: ColumnDef[]): string[] {
  return columns
    .filter((c) => c.comment)
    .map((c) => `COMMENT ON COLUMN ${quoteIdent(table)}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment as string)}`);
}

function createTableSql(op: CreateTableOp, enums: ReadonlySet<string>): string[] {
  const items = op.columns.map((c) => columnSql(c, enums));
  if (op.primaryKey) items.push(`CONSTRAINT ${quoteIdent(op.primaryKey.name)} PRIMARY KEY (${identList(op.primaryKey.columns)})`);
  for (const u of op.uniques) items.push(`CONSTRAINT ${quoteIdent(u.name)} UNIQUE (${identList(u.columns)})`);
  for (const fk of op.foreignKeys) items.push(foreignKeySql(fk));
  for (const ck of op.checks) items.push(`CONSTRAINT ${quoteIdent(ck.name)} CHECK (${ck.expression.replace(/^check\s*/i, '')})`);
  return [`CREATE TABLE ${quoteIdent(op.table)} (${items.join(', ')})`, ...columnComments(op.table, op.columns)];
}

function alterColumnSql(op: AlterColumnOp, state: TypeTracker): string[] {
  const alter = `ALTER TABLE ${quoteIdent(op.table)} ALTER COLUMN ${quoteIdent(op.column)}`;
  const out: string[] = [];
  const was = state.column(op.table, op.column);
  const oldType = was?.type ?? op.existing?.type;
  const oldDefault = was ? was.default : (op.existing?.default ?? null);
  let newDefault = op.default;
  // An explicit USING with the same type name still converts: a recreated enum type has a new identity.
  if (op.type !== undefined && (op.type !== oldType || op.using !== undefined)) {
    let using = op.using;
    if (using === undefined && oldType !== undefined && needsUsingCast(oldType, op.type, state.enums)) {
      using = usingCast(op.column, oldType, op.type, state.enums);
    }
    // A default of the old type would block the cast: take it off first, put the new one on after.
    if (using !== undefined && oldDefault !== null) {
      out.push(`${alter} DROP DEFAULT`);
      if (newDefault === undefined) newDefault = oldDefault;
      else if (newDefault === null) newDefault = undefined;
    }
    out.push(`${alter} TYPE ${typeSql(op.type, state.enums)}${using ? ` USING ${using}` : ''}`);
  }
  if (op.nullable !== undefined) out.push(`${alter} ${op.nullable ? 'DROP' : 'SET'} NOT NULL`);
  if (newDefault !== undefined) out.push(newDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${newDefault}`);
  if (op.newName !== undefined && op.newName !== op.column) {
    out.push(`ALTER TABLE ${quoteIdent(op.table)} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(op.newName)}`);
  }
  return out;
}

function indexColumnSql(table: string, column: string, state: TypeTracker): string {
  // Plain column names are quoted; expression-index entries are SQL already.
  return state.hasColumn(table, column) || /^[A-Za-z_][A-Za-z0-9_$]*$/.test(column) ? quoteIdent(column) : column;
}

function opSql(op: MigrationOp, state: TypeTracker): string[] {
  const table = (name: string) => `ALTER TABLE ${quoteIdent(name)}`;
  switch (op.kind) {
    case 'createTable':
      return createTableSql(op, state.enums);
    case 'dropTable':
      return [`DROP TABLE ${quoteIdent(op.table)}`];
    case 'renameTable':
      return [`${table(op.from)} RENAME TO ${quoteIdent(op.to)}`];
    case 'addColumn':
      return [`${table(op.table)} ADD COLUMN ${columnSql(op.column, state.enums)}`, ...columnComments(op.table, [op.column])];
    case 'dropColumn':
      return [`${table(op.table)} DROP COLUMN ${quoteIdent(op.column)}`];
    case 'alterColumn':
      return alterColumnSql(op, state);
    case 'createIndex': {
      const columns = op.index.columns.map((c) => indexColumnSql(op.table, c, state)).join(', ');
      const head = `CREATE ${op.index.unique ? 'UNIQUE ' : ''}INDEX ${op.concurrently ? 'CONCURRENTLY ' : ''}`;
      return [`${head}${quoteIdent(op.index.name)} ON ${quoteIdent(op.table)} (${columns})`];
    }
    case 'dropIndex':
      return [`DROP INDEX ${quoteIdent(op.name)}`];
    case 'createUnique':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.key.name)} UNIQUE (${identList(op.key.columns)})`];
    case 'createPrimaryKey':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.key.name)} PRIMARY KEY (${identList(op.key.columns)})`];
    case 'createForeignKey':
      return [`${table(op.table)} ADD ${foreignKeySql(op.foreignKey)}`];
    case 'createCheck':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.check.name)} CHECK (${op.check.expression.replace(/^check\s*/i, '')})`];
    case 'dropConstraint':
      return [`${table(op.table)} DROP CONSTRAINT ${quoteIdent(op.name)}`];
    case 'createEnum':
      return [`CREATE TYPE ${quoteIdent(op.name)} AS ENUM (${op.values.map(quoteLiteral).join(', ')})`];
    case 'dropEnum':
      return [`DROP TYPE ${quoteIdent(op.name)}`];
    case 'addEnumValue':
      return [`ALTER TYPE ${quoteIdent(op.name)} ADD VALUE ${quoteLiteral(op.value)}${op.after !== undefined ? ` AFTER ${quoteLiteral(op.after)}` : ''}`];
    case 'executeSql':
      return [op.sql.trim().replace(/;\s*$/, '')];
  }
}

/** PostgreSQL statements (without trailing semicolons) for each op, in order. */
export function opsToSql(ops: MigrationOp[], before: Schema): string[] {
  const state = new TypeTracker(before);
  const out: string[] = [];
  for (const op of ops) {
    out.push(...opSql(op, state));
    state.apply(op);
  }
  return out;
}

/** One statement (or a script) pretty-printed for people: upper-case keywords, PostgreSQL dialect. */
export function formatSql(sql: string): string {
  try {
    return format(sql, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2 });
  } catch {
    // sql-formatter does not know every statement (raw op.execute text); show it as written.
    return sql.trim();
  }
}

/** A whole script: each statement formatted and terminated with a semicolon. */
export function formatStatements(statements: string[]): string {
  return statements.map((s) => `${formatSql(s).replace(/;\s*$/, '')};`).join('\n\n');
}
