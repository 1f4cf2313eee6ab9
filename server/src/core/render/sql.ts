// Migration ops → PostgreSQL statements: what the `sql` verb prints and what the executor runs.
// Identifiers are always quoted; serial columns are created as SERIAL/BIGSERIAL; enum changes use
// CREATE TYPE / ALTER TYPE. `before` is the schema the ops start from (for USING casts and enum names).
import type { AlterColumnOp, ColumnDef, CreateTableOp, MigrationOp } from '../schema/ops';
import type { ForeignKeySchema, Schema } from '../schema/types';
import { needsUsingCast, quoteIdent, quoteLiteral, quoteTable, serialTypeFor, typeSql, usingCast, type EnumNames } from './sqlNames';
import { bareTableName, schemaOfKey } from '../schema/tableKey';

interface TrackedColumn {
  type: string;
  default: string | null;
}

/**
 * The column types, defaults and enum names as the ops go along, so each statement knows what it
 * alters. Reads through to `before` and copies a table only when an op changes it: rendering one op
 * costs the same at revision 5,000 as at revision 1 (no copy of the whole schema per call).
 */
class TypeTracker implements EnumNames {
  /** Tables an op touched; null for one dropped (or renamed away). */
  private readonly touched = new Map<string, Map<string, TrackedColumn> | null>();
  /** Enums created (true) or dropped (false) by the ops so far. */
  private readonly enumChanges = new Map<string, boolean>();

  constructor(private readonly before: Schema) {}

  private table(name: string): Map<string, TrackedColumn> | undefined {
    if (this.touched.has(name)) return this.touched.get(name) ?? undefined;
    return Object.hasOwn(this.before.tables, name) ? this.copy(name) : undefined;
  }

  /** The table as the ops left it, copied from `before` the first time an op changes it. */
  private copy(name: string): Map<string, TrackedColumn> {
    const columns = this.before.tables[name]?.columns ?? {};
    const cols = new Map(Object.entries(columns).map(([col, def]) => [col, { type: def.type, default: def.default }]));
    this.touched.set(name, cols);
    return cols;
  }

  has(name: string): boolean {
    return this.enumChanges.get(name) ?? Object.hasOwn(this.before.enums, name);
  }

  column(table: string, column: string): TrackedColumn | undefined {
    if (this.touched.has(table)) return this.touched.get(table)?.get(column);
    const columns = Object.hasOwn(this.before.tables, table) ? this.before.tables[table]?.columns : undefined;
    const def = columns && Object.hasOwn(columns, column) ? columns[column] : undefined;
    return def ? { type: def.type, default: def.default } : undefined;
  }

  hasColumn(table: string, column: string): boolean {
    return this.column(table, column) !== undefined;
  }

  apply(op: MigrationOp): void {
    switch (op.kind) {
      case 'createTable':
        this.touched.set(op.table, new Map(op.columns.map((c) => [c.name, { type: c.type, default: c.default }])));
        break;
      case 'dropTable':
        this.touched.set(op.table, null);
        break;
      case 'renameTable': {
        const cols = this.table(op.from);
        this.touched.set(op.from, null);
        if (cols) this.touched.set(op.to, cols);
        break;
      }
      case 'addColumn':
        this.ensure(op.table).set(op.column.name, { type: op.column.type, default: op.column.default });
        break;
      case 'dropColumn':
        this.table(op.table)?.delete(op.column);
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
        this.enumChanges.set(op.name, true);
        break;
      case 'dropEnum':
        this.enumChanges.set(op.name, false);
        break;
      default:
        break;
    }
  }

  private ensure(table: string): Map<string, TrackedColumn> {
    let cols = this.table(table);
    if (!cols) this.touched.set(table, (cols = new Map()));
    return cols;
  }
}

// if_exists= / if_not_exists= / checkfirst (CREATE TYPE has no IF NOT EXISTS in PostgreSQL).
const ifExists = (op: MigrationOp) => (op.ifExists ? 'IF EXISTS ' : '');
const ifNotExists = (op: MigrationOp) => (op.ifExists ? 'IF NOT EXISTS ' : '');

const identList = (names: string[]) => names.map(quoteIdent).join(', ');

function columnSql(column: ColumnDef, enums: EnumNames): string {
  const serial = serialTypeFor(column.type, column.default);
  const parts = [quoteIdent(column.name), serial ?? typeSql(column.type, enums)];
  if (!serial && column.default !== null && column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

function foreignKeySql(fk: ForeignKeySchema): string {
  const onDelete = fk.onDelete ? ` ON DELETE ${fk.onDelete}` : '';
  return `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${identList(fk.columns)}) REFERENCES ${quoteTable(fk.refTable)} (${identList(fk.refColumns)})${onDelete}`;
}

function columnComments(table: string, columns: ColumnDef[]): string[] {
  return columns.filter((c) => c.comment).map((c) => `COMMENT ON COLUMN ${quoteTable(table)}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment as string)}`);
}

function createTableSql(op: CreateTableOp, enums: EnumNames): string[] {
  const items = op.columns.map((c) => columnSql(c, enums));
  if (op.primaryKey) items.push(`CONSTRAINT ${quoteIdent(op.primaryKey.name)} PRIMARY KEY (${identList(op.primaryKey.columns)})`);
  for (const u of op.uniques) items.push(`CONSTRAINT ${quoteIdent(u.name)} UNIQUE (${identList(u.columns)})`);
  for (const fk of op.foreignKeys) items.push(foreignKeySql(fk));
  for (const ck of op.checks) items.push(`CONSTRAINT ${quoteIdent(ck.name)} CHECK (${ck.expression.replace(/^check\s*/i, '')})`);
  return [`CREATE TABLE ${ifNotExists(op)}${quoteTable(op.table)} (${items.join(', ')})`, ...columnComments(op.table, op.columns)];
}

function alterColumnSql(op: AlterColumnOp, state: TypeTracker): string[] {
  const alter = `ALTER TABLE ${quoteTable(op.table)} ALTER COLUMN ${quoteIdent(op.column)}`;
  const out: string[] = [];
  const was = state.column(op.table, op.column);
  const oldType = was?.type ?? op.existing?.type;
  const oldDefault = was ? was.default : (op.existing?.default ?? null);
  let newDefault = op.default;
  // An explicit USING with the same type name still converts: a recreated enum type has a new identity.
  if (op.type !== undefined && (op.type !== oldType || op.using !== undefined)) {
    let using = op.using;
    if (using === undefined && oldType !== undefined && needsUsingCast(oldType, op.type, state)) {
      using = usingCast(op.column, oldType, op.type, state);
    }
    // A default of the old type would block the cast: take it off first, put the new one on after.
    if (using !== undefined && oldDefault !== null) {
      out.push(`${alter} DROP DEFAULT`);
      if (newDefault === undefined) newDefault = oldDefault;
      else if (newDefault === null) newDefault = undefined;
    }
    out.push(`${alter} TYPE ${typeSql(op.type, state)}${using ? ` USING ${using}` : ''}`);
  }
  if (op.nullable !== undefined) out.push(`${alter} ${op.nullable ? 'DROP' : 'SET'} NOT NULL`);
  if (newDefault !== undefined) out.push(newDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${newDefault}`);
  if (op.newName !== undefined && op.newName !== op.column) {
    out.push(`ALTER TABLE ${quoteTable(op.table)} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(op.newName)}`);
  }
  return out;
}

function indexColumnSql(table: string, column: string, state: TypeTracker): string {
  // Plain column names are quoted; expression-index entries are SQL already.
  return state.hasColumn(table, column) || /^[A-Za-z_][A-Za-z0-9_$]*$/.test(column) ? quoteIdent(column) : column;
}

function opSql(op: MigrationOp, state: TypeTracker): string[] {
  const table = (name: string) => `ALTER TABLE ${quoteTable(name)}`;
  switch (op.kind) {
    case 'createTable':
      return createTableSql(op, state);
    case 'dropTable':
      return [`DROP TABLE ${ifExists(op)}${quoteTable(op.table)}`];
    case 'renameTable':
      // RENAME TO takes the bare name: the table stays in its schema.
      return [`${table(op.from)} RENAME TO ${quoteIdent(bareTableName(op.to))}`];
    case 'addColumn':
      return [`${table(op.table)} ADD COLUMN ${ifNotExists(op)}${columnSql(op.column, state)}`, ...columnComments(op.table, [op.column])];
    case 'dropColumn':
      return [`${table(op.table)} DROP COLUMN ${ifExists(op)}${quoteIdent(op.column)}`];
    case 'alterColumn':
      return alterColumnSql(op, state);
    case 'createIndex': {
      const columns = op.index.columns.map((c) => indexColumnSql(op.table, c, state)).join(', ');
      const head = `CREATE ${op.index.unique ? 'UNIQUE ' : ''}INDEX ${op.concurrently ? 'CONCURRENTLY ' : ''}`;
      return [`${head}${ifNotExists(op)}${quoteIdent(op.index.name)} ON ${quoteTable(op.table)} (${columns})`];
    }
    case 'dropIndex': {
      // An index lives in its table's schema; DROP INDEX finds it there only when qualified.
      const schema = op.table !== null ? schemaOfKey(op.table) : (op.schema ?? null);
      return [`DROP INDEX ${ifExists(op)}${schema === null ? '' : `${quoteIdent(schema)}.`}${quoteIdent(op.name)}`];
    }
    case 'createUnique':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.key.name)} UNIQUE (${identList(op.key.columns)})`];
    case 'createPrimaryKey':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.key.name)} PRIMARY KEY (${identList(op.key.columns)})`];
    case 'createForeignKey':
      return [`${table(op.table)} ADD ${foreignKeySql(op.foreignKey)}`];
    case 'createCheck':
      return [`${table(op.table)} ADD CONSTRAINT ${quoteIdent(op.check.name)} CHECK (${op.check.expression.replace(/^check\s*/i, '')})`];
    case 'dropConstraint':
      return [`${table(op.table)} DROP CONSTRAINT ${ifExists(op)}${quoteIdent(op.name)}`];
    case 'createEnum':
      // An unresolved project enum has no name to write; its note blocks running the revision.
      if (op.importedType) return [];
      return [`CREATE TYPE ${quoteTable(op.name)} AS ENUM (${op.values.map(quoteLiteral).join(', ')})`];
    case 'dropEnum':
      if (op.importedType) return [];
      return [`DROP TYPE ${ifExists(op)}${quoteTable(op.name)}`];
    case 'addEnumValue':
      return [`ALTER TYPE ${quoteTable(op.name)} ADD VALUE ${quoteLiteral(op.value)}${op.after !== undefined ? ` AFTER ${quoteLiteral(op.after)}` : ''}`];
    case 'executeSql':
      return [op.sql.trim().replace(/;\s*$/, '')];
  }
}

/** PostgreSQL statements (without trailing semicolons) for each op, in order. */
export function opsToSql(ops: MigrationOp[], before: Schema): string[] {
  const renderer = new SqlRenderer(before);
  return ops.flatMap((op) => renderer.next(op));
}

/** Renders ops one after another, each against the schema the earlier ones leave. */
export class SqlRenderer {
  private readonly state: TypeTracker;
  constructor(before: Schema) {
    this.state = new TypeTracker(before);
  }
  /** The statements for `op`; the tracked schema then moves past it. */
  next(op: MigrationOp): string[] {
    const statements = opSql(op, this.state);
    this.state.apply(op);
    return statements;
  }
}

export { formatSql, formatStatements } from './sqlFormat';
