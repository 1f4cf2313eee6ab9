// PostgreSQL enum types: created, dropped, values appended (ALTER TYPE ... ADD VALUE), or, when
// values are removed or reordered, recreated (rename the old type, create the new one, convert
// every column through text, drop the old type). Alembic autogenerate sees none of this.
import type { MigrationOp } from '../schema/ops';
import type { ColumnSchema, Schema } from '../schema/types';
import { quoteIdent } from '../render/sqlNames';
import type { Change } from './types';

/** Columns of the enum type, or of arrays of it. */
function columnsOfType(schema: Schema, enumName: string): { table: string; column: string; array: string }[] {
  const out: { table: string; column: string; array: string }[] = [];
  for (const [table, def] of Object.entries(schema.tables)) {
    for (const [column, col] of Object.entries(def.columns)) {
      const array = col.type.startsWith(enumName) ? col.type.slice(enumName.length) : null;
      if (array !== null && /^(\[\])*$/.test(array)) out.push({ table, column, array });
    }
  }
  return out;
}

/**
 * Ops turning enum `name` into `newValues` by recreating it; `schema` says which columns use it.
 * The columns go through text (defaults set aside), the type is dropped and created anew, and the
 * columns come back. Only Alembic ops and sa.Enum create/drop: the history replay reads all of it.
 */
export function recreateEnumOps(name: string, newValues: string[], schema: Schema): MigrationOp[] {
  const users = columnsOfType(schema, name);
  const ops: MigrationOp[] = [];
  for (const { table, column, array } of users) {
    const existing = schema.tables[table]?.columns[column] as ColumnSchema;
    ops.push({ kind: 'alterColumn', table, column, type: `text${array}`, ...(existing.default !== null ? { default: null } : {}), existing: { ...existing } });
  }
  ops.push({ kind: 'dropEnum', name }, { kind: 'createEnum', name, values: [...newValues] });
  for (const { table, column, array } of users) {
    const existing = schema.tables[table]?.columns[column] as ColumnSchema;
    // A default naming a removed label cannot come back; the column diff sets the new one.
    const label = /^'((?:[^']|'')*)'::/.exec(existing.default ?? '')?.[1]?.replace(/''/g, "'");
    const keepDefault = existing.default !== null && (label === undefined || newValues.includes(label));
    ops.push({
      kind: 'alterColumn',
      table,
      column,
      type: `${name}${array}`,
      using: `${quoteIdent(column)}::text${array}::${quoteIdent(name)}${array}`,
      ...(keepDefault ? { default: existing.default } : {}),
      existing: { ...existing, type: `text${array}`, default: null },
    });
  }
  return ops;
}

/** Labels only added: every old label kept in order, and the first label an old one (ADD VALUE ... AFTER places the rest). */
function appendOnly(before: string[], after: string[]): boolean {
  const kept = after.filter((v) => before.includes(v));
  return before.length === kept.length && before.every((v, i) => kept[i] === v) && before.includes(after[0] as string);
}

export interface EnumChanges {
  /** Before any table change: new types, added values, recreated types. */
  early: Change[];
  /** After every table change: types no table uses any more. */
  late: Change[];
}

export function diffEnums(from: Schema, to: Schema): EnumChanges {
  const early: Change[] = [];
  const late: Change[] = [];
  for (const [name, values] of Object.entries(to.enums)) {
    const before = from.enums[name];
    if (!before) {
      early.push({
        kind: 'createEnum',
        enumName: name,
        enumAfter: [...values],
        onExistingTable: false,
        upgrade: [{ kind: 'createEnum', name, values: [...values] }],
        downgrade: [{ kind: 'dropEnum', name }],
      });
      continue;
    }
    if (before.length === values.length && before.every((v, i) => v === values[i])) continue;
    if (appendOnly(before, values)) {
      const upgrade: MigrationOp[] = [];
      values.forEach((value, i) => {
        if (!before.includes(value)) upgrade.push({ kind: 'addEnumValue', name, value, after: values[i - 1] as string });
      });
      early.push({
        kind: 'addEnumValues',
        enumName: name,
        enumBefore: [...before],
        enumAfter: [...values],
        onExistingTable: true,
        upgrade,
        // PostgreSQL cannot drop an enum label: going back means recreating the type.
        downgrade: recreateEnumOps(name, before, from),
      });
    } else {
      early.push({
        kind: 'recreateEnum',
        enumName: name,
        enumBefore: [...before],
        enumAfter: [...values],
        onExistingTable: true,
        upgrade: recreateEnumOps(name, values, from),
        downgrade: recreateEnumOps(name, before, from),
      });
    }
  }
  for (const [name, values] of Object.entries(from.enums)) {
    if (to.enums[name]) continue;
    late.push({
      kind: 'dropEnum',
      enumName: name,
      enumBefore: [...values],
      onExistingTable: true,
      upgrade: [{ kind: 'dropEnum', name }],
      downgrade: [{ kind: 'createEnum', name, values: [...values] }],
    });
  }
  return { early, late };
}
