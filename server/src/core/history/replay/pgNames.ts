// The names PostgreSQL gives what a migration creates without naming it (see schema/naming.ts).
import { checkColumnName, indexName, makeObjectName } from '../../schema/naming';
import { nextvalDefault } from '../../render/sqlNames';
import { bareTableName, schemaOfKey } from '../../schema/tableKey';

export const primaryKeyName = (table: string) => makeObjectName(table, null, 'pkey');
export const uniqueName = (table: string, columns: string[]) => makeObjectName(table, columns.join('_'), 'key');
export const foreignKeyName = (table: string, columns: string[]) => makeObjectName(table, columns.join('_'), 'fkey');
export const checkName = (table: string, column: string | null) => makeObjectName(table, column, 'check');
export const sequenceName = (table: string, column: string) => makeObjectName(table, column, 'seq');

/** "<table>_check", or "<table>_<column>_check" when the expression mentions exactly one of the columns. */
export const tableCheckName = (table: string, expression: string, columns: readonly string[]) => checkName(table, checkColumnName(expression, columns));

/** SQLAlchemy's name for an index=True column (Alembic's MetaData has the default convention). */
export function columnIndexName(table: string, column: string): string {
  const result = indexName(table, [column]);
  return 'name' in result && result.name !== null ? result.name : `ix_${bareTableName(table)}_${column}`;
}

/** nextval('<seq>'::regclass) as pg_get_expr prints it (the sequence name is quoted when it must be). */
export function serialDefault(table: string, column: string): string {
  return nextvalDefault(sequenceName(table, column), schemaOfKey(table));
}
