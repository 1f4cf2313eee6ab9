// Terse hand-built schemas for diff tests, spelled as PostgreSQL prints them.
import type { ColumnSchema, ForeignKeySchema, IndexSchema, KeySchema, Schema, TableSchema } from '../../../src/core/schema/types';

export const serial = (table: string, column = 'id'): ColumnSchema => ({
  type: 'integer',
  nullable: false,
  default: `nextval('${table}_${column}_seq'::regclass)`,
});
export const col = (type: string, nullable = true, defaultExpr: string | null = null): ColumnSchema => ({ type, nullable, default: defaultExpr });

export interface TableSpec {
  columns: Record<string, ColumnSchema>;
  pk?: string[];
  uniques?: string[][];
  indexes?: { name: string; columns: string[]; unique?: boolean }[];
  fks?: { columns: string[]; refTable: string; refColumns?: string[]; onDelete?: string | null }[];
  checks?: { name: string; expression: string }[];
}

export function table(name: string, spec: TableSpec): TableSchema {
  const pk: KeySchema | null = spec.pk ? { name: `${name}_pkey`, columns: spec.pk } : null;
  const uniques: KeySchema[] = (spec.uniques ?? []).map((cols) => ({ name: `${name}_${cols.join('_')}_key`, columns: cols }));
  const indexes: IndexSchema[] = (spec.indexes ?? []).map((i) => ({ name: i.name, columns: i.columns, unique: i.unique ?? false }));
  const foreignKeys: ForeignKeySchema[] = (spec.fks ?? []).map((f) => ({
    name: `${name}_${f.columns.join('_')}_fkey`,
    columns: f.columns,
    refTable: f.refTable,
    refColumns: f.refColumns ?? ['id'],
    onDelete: f.onDelete ?? null,
  }));
  return { columns: spec.columns, primaryKey: pk, uniques, indexes, foreignKeys, checks: spec.checks ?? [] };
}

export function schema(tables: Record<string, TableSpec>, enums: Record<string, string[]> = {}): Schema {
  return { tables: Object.fromEntries(Object.entries(tables).map(([name, spec]) => [name, table(name, spec)])), enums };
}
