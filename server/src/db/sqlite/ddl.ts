// Migration ops → SQLite statements, as SQLAlchemy's SQLite dialect and Alembic's SQLite impl emit
// them: types as SQLAlchemy spells them on SQLite (VARCHAR(64), DATETIME, an enum as VARCHAR of its
// longest label), server defaults without PostgreSQL casts, and batch blocks applied the way
// Alembic's batch mode does (create _alembic_tmp_<table>, copy, drop, rename, indexes again).
import type { MigrationOp } from '../../core/schema/ops';
import type { IndexSchema, Schema, TableSchema } from '../../core/schema/types';
import { sqliteAffinity as affinity, sqliteType } from '../../core/schema/sqliteTypes';
import { bareTableName, schemaOfKey, tableKey } from '../../core/schema/tableKey';
import { sqliteIdent as q, sqliteLiteral, sqliteTable as qt } from './driver';
import * as l10n from '@vscode/l10n';

export { sqliteType } from '../../core/schema/sqliteTypes';

/** An op plain Alembic cannot run on SQLite either: the message says so and how to fix the revision. */
export class SqliteUnsupported extends Error {}

export const DDL_MESSAGES = {
  alterOutsideBatch: (table: string, column: string) =>
    l10n.t(
      '{0} outside a batch block: SQLite has no ALTER COLUMN (flask db upgrade fails the same way). Write it inside `{1}`',
      `op.alter_column("${table}", "${column}")`,
      `with op.batch_alter_table("${table}") as batch_op:`,
    ),
  constraintOutsideBatch: (kind: string, table: string) =>
    l10n.t(
      '{0} on "{1}" outside a batch block: SQLite cannot add or drop constraints with ALTER TABLE (Alembic raises the same). Write it inside `{2}`',
      kind,
      table,
      `with op.batch_alter_table("${table}") as batch_op:`,
    ),
  missingTable: (table: string) => l10n.t('table "{0}" is not in the schema the migrations build up to here', table),
};

const SERIAL = /^nextval\(/i;

/**
 * A PostgreSQL-spelled server default for SQLite DDL: casts dropped ('x'::character varying → 'x'),
 * now() → CURRENT_TIMESTAMP, a bare number quoted as `server_default='0'` makes it. Null: none.
 */
export function sqliteDefault(pgDefault: string | null): string | null {
  if (pgDefault === null || SERIAL.test(pgDefault)) return null;
  const plain = pgDefault.replace(/^\((.*)\)$/, '$1').replace(/('(?:[^']|'')*')::[a-z_][a-z0-9_ ]*(\([0-9, ]*\))?(\[\])?/gi, '$1');
  if (/^-?\d+(\.\d+)?$/.test(plain)) return sqliteLiteral(plain);
  if (/^now\(\)$|^CURRENT_TIMESTAMP$/i.test(plain)) return '(CURRENT_TIMESTAMP)';
  if (/^(true|false)$/i.test(plain)) return plain.toLowerCase() === 'true' ? '1' : '0';
  if (/^'(?:[^']|'')*'$/.test(plain)) return plain;
  return `(${plain})`;
}

function columnSql(name: string, column: { type: string; nullable: boolean; default: string | null }, enums: Record<string, string[]>): string {
  const def = sqliteDefault(column.default);
  return `${q(name)} ${sqliteType(column.type, enums)}${def !== null ? ` DEFAULT ${def}` : ''}${column.nullable ? '' : ' NOT NULL'}`;
}

const constraintName = (name: string | undefined) => (name ? `CONSTRAINT ${q(name)} ` : '');

/** CREATE TABLE as SQLAlchemy writes it on SQLite: columns, then PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY. */
export function createTableSql(name: string, table: TableSchema, enums: Record<string, string[]>): string {
  const items = Object.entries(table.columns).map(([col, def]) => columnSql(col, def, enums));
  if (table.primaryKey) items.push(`${constraintName(table.primaryKey.name)}PRIMARY KEY (${table.primaryKey.columns.map(q).join(', ')})`);
  for (const u of table.uniques) items.push(`${constraintName(u.name)}UNIQUE (${u.columns.map(q).join(', ')})`);
  for (const c of table.checks) items.push(`${constraintName(c.name)}CHECK (${c.expression})`);
  for (const fk of table.foreignKeys) {
    items.push(
      `${constraintName(fk.name)}FOREIGN KEY(${fk.columns.map(q).join(', ')}) REFERENCES ${qt(fk.refTable)} (${fk.refColumns.map(q).join(', ')})${fk.onDelete ? ` ON DELETE ${fk.onDelete}` : ''}`,
    );
  }
  return `CREATE TABLE ${qt(name)} (\n\t${items.join(', \n\t')}\n)`;
}

export function createIndexSql(table: string, index: IndexSchema): string {
  const columns = index.columns.map((c) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(c) ? q(c) : c));
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${qt(table)} (${columns.join(', ')})`;
}

function tableOf(schema: Schema, name: string): TableSchema {
  const table = schema.tables[name];
  if (!table) throw new SqliteUnsupported(DDL_MESSAGES.missingTable(name));
  return table;
}

/** One op outside a batch block, as Alembic's SQLite impl runs it (or refuses, as it does). */
export function plainOpSql(op: MigrationOp, before: Schema, after: Schema): string[] {
  const enums = { ...before.enums, ...after.enums };
  switch (op.kind) {
    case 'createTable':
      return [createTableSql(op.table, tableOf(after, op.table), enums)];
    case 'dropTable':
      return [`DROP TABLE ${op.ifExists ? 'IF EXISTS ' : ''}${qt(op.table)}`];
    case 'renameTable':
      return [`ALTER TABLE ${qt(op.from)} RENAME TO ${q(bareTableName(op.to))}`];
    case 'addColumn':
      return [`ALTER TABLE ${qt(op.table)} ADD COLUMN ${columnSql(op.column.name, op.column, enums)}`];
    case 'dropColumn':
      return [`ALTER TABLE ${qt(op.table)} DROP COLUMN ${q(op.column)}`];
    case 'alterColumn': {
      const onlyRename = op.newName !== undefined && op.type === undefined && op.nullable === undefined && op.default === undefined;
      if (onlyRename) return [`ALTER TABLE ${qt(op.table)} RENAME COLUMN ${q(op.column)} TO ${q(op.newName as string)}`];
      const changes = op.type !== undefined || op.nullable !== undefined || op.default !== undefined;
      if (!changes) return [];
      throw new SqliteUnsupported(DDL_MESSAGES.alterOutsideBatch(op.table, op.column));
    }
    case 'createIndex':
      return [createIndexSql(op.table, op.index)];
    case 'dropIndex':
      return [`DROP INDEX ${op.ifExists ? 'IF EXISTS ' : ''}${q(op.name)}`];
    case 'createUnique':
    case 'createPrimaryKey':
    case 'createForeignKey':
    case 'createCheck':
    case 'dropConstraint':
      throw new SqliteUnsupported(DDL_MESSAGES.constraintOutsideBatch(op.kind, op.table));
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
      // An enum on SQLite is the column's own VARCHAR: nothing to create (SQLAlchemy's Enum.create is a no-op there).
      return [];
    case 'executeSql':
      return [op.sql];
  }
}

/**
 * Whether Alembic's SQLite impl copies the table for this batch block (requires_recreate_in_batch):
 * yes unless every op is an add_column or an index op.
 */
export function blockNeedsCopy(ops: readonly MigrationOp[], recreate: 'auto' | 'always' | 'never'): boolean {
  if (recreate !== 'auto') return recreate === 'always';
  return ops.some((op) => op.kind !== 'addColumn' && op.kind !== 'createIndex' && op.kind !== 'dropIndex');
}

/**
 * A batch block applied by copying the table, as Alembic's ApplyBatchImpl does: the new table as
 * `_alembic_tmp_<table>`, INSERT ... SELECT of the columns that survive (renames followed, CAST when
 * the type's affinity changes), DROP, RENAME, then every index of the new table.
 */
export function batchCopySql(table: string, ops: readonly MigrationOp[], before: Schema, after: Schema): string[] {
  const enums = { ...before.enums, ...after.enums };
  const old = tableOf(before, table);
  const renamedTo = new Map<string, string>();
  for (const op of ops) {
    if (op.kind === 'alterColumn' && op.newName !== undefined) {
      const origin = [...renamedTo].find(([, now]) => now === op.column)?.[0] ?? op.column;
      renamedTo.set(origin, op.newName);
    }
  }
  const target = tableOf(after, table);
  const temp = tableKey(`_alembic_tmp_${bareTableName(table)}`, schemaOfKey(table));
  const into: string[] = [];
  const from: string[] = [];
  for (const [oldName, oldColumn] of Object.entries(old.columns)) {
    const newName = renamedTo.get(oldName) ?? oldName;
    const newColumn = target.columns[newName];
    if (!newColumn) continue;
    const newType = sqliteType(newColumn.type, enums);
    const cast = affinity(sqliteType(oldColumn.type, enums)) !== affinity(newType);
    into.push(q(newName));
    from.push(cast ? `CAST(${qt(table)}.${q(oldName)} AS ${newType})` : `${qt(table)}.${q(oldName)}`);
  }
  const statements = [createTableSql(temp, target, enums)];
  if (into.length > 0) statements.push(`INSERT INTO ${qt(temp)} (${into.join(', ')}) SELECT ${from.join(', ')} \nFROM ${qt(table)}`);
  statements.push(`DROP TABLE ${qt(table)}`, `ALTER TABLE ${qt(temp)} RENAME TO ${q(bareTableName(table))}`);
  for (const index of target.indexes) statements.push(createIndexSql(table, index));
  return statements;
}
