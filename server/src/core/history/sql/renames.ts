// ALTER INDEX … RENAME TO … and ALTER TABLE … RENAME CONSTRAINT … TO … in raw SQL. PostgreSQL renames
// the object in place; the schema model has no rename op for indexes and constraints, so each is a
// drop and a re-create of the same definition under the new name, taken from the schema as the
// statement finds it. Without a schema (the parse only classifies the SQL) the statement is
// understood and makes no op yet.
import type { MigrationOp } from '../../schema/ops';
import { schemaOfKey, splitTableKey } from '../../schema/tableKey';
import type { Schema, TableSchema } from '../../schema/types';
import type { SourceLocation } from '../../source';
import { tableEntries } from '../apply/tableList';
import { Cursor, splitStatements, tokenize } from './lexer';

/** The constraint `from` of `table` under the name `to`, or null when the table has none of that name. */
function renamedConstraint(table: string, found: TableSchema, from: string, to: string, location: SourceLocation | undefined): MigrationOp[] | null {
  const drop = (type: 'primary' | 'unique' | 'foreignkey' | 'check'): MigrationOp => ({ kind: 'dropConstraint', table, name: from, type, location });
  if (found.primaryKey?.name === from) {
    return [drop('primary'), { kind: 'createPrimaryKey', table, key: { name: to, columns: [...found.primaryKey.columns] }, location }];
  }
  const unique = found.uniques.find((u) => u.name === from);
  if (unique) return [drop('unique'), { kind: 'createUnique', table, key: { name: to, columns: [...unique.columns] }, location }];
  const fk = found.foreignKeys.find((f) => f.name === from);
  if (fk) {
    const foreignKey = { ...fk, name: to, columns: [...fk.columns], refColumns: [...fk.refColumns] };
    return [drop('foreignkey'), { kind: 'createForeignKey', table, foreignKey, location }];
  }
  const check = found.checks.find((c) => c.name === from);
  if (check) return [drop('check'), { kind: 'createCheck', table, check: { ...check, name: to }, location }];
  return null;
}

/** ALTER INDEX [IF EXISTS] key RENAME TO to: the index (or the constraint it backs) in the key's schema. */
export function renameIndexOps(key: string, to: string, ifExists: boolean, schema: Schema | undefined, location: SourceLocation | undefined): MigrationOp[] {
  if (!schema) return [];
  const { schema: inSchema, name } = splitTableKey(key);
  for (const [table, found] of tableEntries(schema)) {
    if (schemaOfKey(table) !== inSchema) continue;
    const index = found.indexes.find((i) => i.name === name);
    if (index) {
      return [
        { kind: 'dropIndex', table, name, location },
        { kind: 'createIndex', table, index: { ...index, name: to, columns: [...index.columns] }, location },
      ];
    }
    // Renaming the index behind a unique constraint or primary key renames the constraint too.
    const behind = found.primaryKey?.name === name || found.uniques.some((u) => u.name === name) ? renamedConstraint(table, found, name, to, location) : null;
    if (behind) return behind;
  }
  // Not there: the drop half is what PostgreSQL refuses ("does not exist"), unless IF EXISTS.
  return ifExists ? [] : [{ kind: 'dropIndex', table: null, name, ...(inSchema !== null ? { schema: inSchema } : {}), location }];
}

/** ALTER TABLE table RENAME CONSTRAINT from TO to. */
export function renameConstraintOps(table: string, from: string, to: string, schema: Schema | undefined, location: SourceLocation | undefined): MigrationOp[] {
  if (!schema) return [];
  const found = schema.tables[table];
  return (found ? renamedConstraint(table, found, from, to, location) : null) ?? [{ kind: 'dropConstraint', table, name: from, type: null, location }];
}

/** A rename in raw SQL, as written: an index (its key holds its schema) or a table's constraint. */
export type SqlRename = { kind: 'index'; key: string; to: string } | { kind: 'constraint'; table: string; from: string; to: string };

/** The index and constraint renames a script makes, in order (what a baseline undoes). */
export function sqlRenames(sql: string): SqlRename[] {
  const out: SqlRename[] = [];
  for (const statement of splitStatements(sql)) {
    const cursor = new Cursor(tokenize(statement));
    if (cursor.accept('alter', 'index')) {
      cursor.accept('if', 'exists');
      const key = cursor.tableName();
      const to = key !== undefined && cursor.accept('rename', 'to') ? cursor.identifier() : undefined;
      if (key !== undefined && to !== undefined) out.push({ kind: 'index', key, to });
    } else if (cursor.accept('alter', 'table')) {
      cursor.accept('if', 'exists');
      cursor.accept('only');
      const table = cursor.tableName();
      const from = table !== undefined && cursor.accept('rename', 'constraint') ? cursor.identifier() : undefined;
      const to = from !== undefined && cursor.accept('to') ? cursor.identifier() : undefined;
      if (table !== undefined && from !== undefined && to !== undefined) out.push({ kind: 'constraint', table, from, to });
    }
  }
  return out;
}

/** Gives back the old name to whatever of `found` (the table `key`) one of these renames named. */
export function undoSqlRenames(found: TableSchema, key: string, renames: readonly SqlRename[]): void {
  for (const rename of [...renames].reverse()) {
    const from = rename.kind === 'index' ? splitTableKey(rename.key).name : rename.from;
    if (rename.kind === 'index' ? schemaOfKey(rename.key) !== schemaOfKey(key) : rename.table !== key) continue;
    const named = [
      ...(found.primaryKey ? [found.primaryKey] : []),
      ...found.uniques,
      ...(rename.kind === 'index' ? found.indexes : [...found.foreignKeys, ...found.checks]),
    ].find((item) => item.name === rename.to);
    if (named) named.name = from;
  }
}
