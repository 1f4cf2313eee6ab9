// Applying index, constraint and enum ops to a schema.
import * as l10n from '@vscode/l10n';
import type {
  AddEnumValueOp,
  CreateCheckOp,
  CreateEnumOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateUniqueOp,
  DropConstraintOp,
  DropEnumOp,
  DropIndexOp,
} from '../../schema/ops';
import type { Schema, TableSchema } from '../../schema/types';
import { conflict, type ApplyContext } from './context';
import { freeConstraintName } from './chosenNames';
import { tableEntries } from './tableList';
import { table } from './tables';
import { schemaOfKey } from '../../schema/tableKey';

/** Every constraint and index name of a table (they share PostgreSQL's relation namespace). */
function namesOf(found: TableSchema): string[] {
  return [
    ...(found.primaryKey ? [found.primaryKey.name] : []),
    ...found.uniques.map((u) => u.name),
    ...found.indexes.map((i) => i.name),
    ...found.foreignKeys.map((f) => f.name),
    ...found.checks.map((c) => c.name),
  ];
}

function missingColumns(found: TableSchema, columns: string[], tableName: string, context: ApplyContext): boolean {
  const missing = columns.filter((c) => !found.columns[c] && /^[^\s()]+$/.test(c));
  if (missing.length > 0) conflict(context, l10n.t('{0} has no column {1}', tableName, missing.join(', ')));
  return missing.length > 0;
}

export function applyCreateIndex(schema: Schema, op: CreateIndexOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found || missingColumns(found, op.index.columns, op.table, context)) return;
  // Index names are unique per PostgreSQL schema: users.tokens and oauth.tokens may both have ix_tokens_x.
  const inSchema = schemaOfKey(op.table);
  if (tableEntries(schema).some(([key, t]) => schemaOfKey(key) === inSchema && t.indexes.some((i) => i.name === op.index.name))) {
    conflict(context, l10n.t('an index named "{0}" already exists', op.index.name));
    return;
  }
  found.indexes.push({ name: op.index.name, columns: [...op.index.columns], unique: op.index.unique });
}

export function applyDropIndex(schema: Schema, op: DropIndexOp, context: ApplyContext): void {
  // Without its table, DROP INDEX looks in one schema (the default one unless schema= names another).
  const inSchema = op.schema ?? null;
  const candidates =
    op.table !== null && schema.tables[op.table]
      ? [schema.tables[op.table] as TableSchema]
      : tableEntries(schema).flatMap(([key, t]) => (schemaOfKey(key) === inSchema ? [t] : []));
  for (const found of candidates) {
    const before = found.indexes.length;
    found.indexes = found.indexes.filter((i) => i.name !== op.name);
    if (found.indexes.length !== before) return;
  }
  conflict(context, l10n.t('index "{0}" does not exist at this point of the history', op.name));
}

export function applyCreateUnique(schema: Schema, op: CreateUniqueOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found || missingColumns(found, op.key.columns, op.table, context)) return;
  const name = freeConstraintName(schema, op.table, found, op.key.name, { kind: 'unique', columns: op.key.columns });
  if (namesOf(found).includes(name)) return conflict(context, l10n.t('"{0}" already exists on {1}', name, op.table));
  found.uniques.push({ name, columns: [...op.key.columns] });
}

export function applyCreatePrimaryKey(schema: Schema, op: CreatePrimaryKeyOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found || missingColumns(found, op.key.columns, op.table, context)) return;
  if (found.primaryKey) return conflict(context, l10n.t('{0} already has a primary key ({1})', op.table, found.primaryKey.name));
  found.primaryKey = {
    name: freeConstraintName(schema, op.table, found, op.key.name, { kind: 'primary', columns: op.key.columns }),
    columns: [...op.key.columns],
  };
  // ADD PRIMARY KEY sets NOT NULL on its columns.
  for (const name of op.key.columns) {
    const column = found.columns[name];
    if (column) column.nullable = false;
  }
}

export function applyCreateForeignKey(schema: Schema, op: CreateForeignKeyOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found || missingColumns(found, op.foreignKey.columns, op.table, context)) return;
  if (!schema.tables[op.foreignKey.refTable]) return conflict(context, l10n.t('foreign key target table "{0}" does not exist', op.foreignKey.refTable));
  const name = freeConstraintName(schema, op.table, found, op.foreignKey.name, { kind: 'foreignkey', columns: op.foreignKey.columns });
  found.foreignKeys.push({ ...op.foreignKey, name, columns: [...op.foreignKey.columns], refColumns: [...op.foreignKey.refColumns] });
}

export function applyCreateCheck(schema: Schema, op: CreateCheckOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found) return;
  found.checks.push({ ...op.check, name: freeConstraintName(schema, op.table, found, op.check.name, { kind: 'check', expression: op.check.expression }) });
}

export function applyDropConstraint(schema: Schema, op: DropConstraintOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found) return;
  const wants = (type: DropConstraintOp['type']) => op.type === null || op.type === type;
  if (wants('primary') && found.primaryKey?.name === op.name) {
    found.primaryKey = null;
    return;
  }
  const lists = [
    ['unique', 'uniques'],
    ['foreignkey', 'foreignKeys'],
    ['check', 'checks'],
  ] as const;
  for (const [type, key] of lists) {
    if (!wants(type)) continue;
    const list = found[key] as { name: string }[];
    const index = list.findIndex((c) => c.name === op.name);
    if (index !== -1) {
      list.splice(index, 1);
      return;
    }
  }
  conflict(
    context,
    op.type
      ? l10n.t('constraint "{0}" does not exist on {1} (type {2})', op.name, op.table, op.type)
      : l10n.t('constraint "{0}" does not exist on {1}', op.name, op.table),
  );
}

export function applyCreateEnum(schema: Schema, op: CreateEnumOp, context: ApplyContext): void {
  // A project enum the project's modules could not tell: its unresolved-type note stands for it.
  if (op.importedType) return;
  if (schema.enums[op.name])
    return conflict(context, l10n.t('type "{0}" already exists; SQLAlchemy creates it again unless create_type=False (or checkfirst) is used', op.name));
  schema.enums[op.name] = [...op.values];
}

export function applyDropEnum(schema: Schema, op: DropEnumOp, context: ApplyContext): void {
  if (op.importedType) return;
  if (!schema.enums[op.name]) return conflict(context, l10n.t('type "{0}" does not exist', op.name));
  const users = tableEntries(schema).flatMap(([t, found]) =>
    Object.entries(found.columns)
      .filter(([, c]) => c.type === op.name || c.type === `${op.name}[]`)
      .map(([c]) => `${t}.${c}`),
  );
  if (users.length > 0) return conflict(context, l10n.t('type "{0}" is still used by {1}', op.name, users.join(', ')));
  delete schema.enums[op.name];
}

export function applyAddEnumValue(schema: Schema, op: AddEnumValueOp, context: ApplyContext): void {
  const labels = schema.enums[op.name];
  if (!labels) return conflict(context, l10n.t('type "{0}" does not exist', op.name));
  if (labels.includes(op.value)) return;
  const at = op.after === undefined ? labels.length : labels.indexOf(op.after) + 1;
  if (op.after !== undefined && at === 0) return conflict(context, l10n.t('"{0}" is not a label of {1}', op.after, op.name));
  labels.splice(at, 0, op.value);
}
