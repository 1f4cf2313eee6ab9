// What the models say but the engine cannot read statically (a non-literal `index=flag`, a class
// that does not parse yet) is never guessed: the changes it would imply are left out, so that part of
// the schema stays as the migrations have it. The engine notes each one at its line instead.
import type { Unreadable } from '../models/types';
import type { Change } from './types';

function onlyColumn(change: Change, column: string): boolean {
  const columns = 'index' in change ? change.index.columns : 'key' in change ? change.key.columns : undefined;
  return columns?.length === 1 && columns[0] === column;
}

function onlyNullableOf(change: Change, column: string): boolean {
  if (change.kind !== 'alterColumn') return false;
  const alteration = change.alteration;
  return change.column === column && alteration.nullable !== undefined && alteration.type === undefined && alteration.default === undefined;
}

function hides(unreadable: Unreadable, change: Change): boolean {
  if (unreadable.kind === 'tableDrops') return change.kind === 'dropTable' || change.kind === 'renameTable';
  if (unreadable.kind === 'table') return change.table === unreadable.table || (change.kind === 'renameTable' && change.renamedFrom === unreadable.table);
  if (change.table !== unreadable.table) return false;
  if (unreadable.kind === 'foreignKey')
    return (change.kind === 'dropForeignKey' || change.kind === 'createForeignKey') && change.foreignKey.columns.includes(unreadable.column);
  const indexChange = change.kind === 'createIndex' || change.kind === 'dropIndex';
  const uniqueChange = change.kind === 'createUnique' || change.kind === 'dropUnique';
  switch (unreadable.flag) {
    case 'index':
      return indexChange && onlyColumn(change, unreadable.column);
    case 'unique':
      return (indexChange || uniqueChange) && onlyColumn(change, unreadable.column);
    case 'nullable':
      return onlyNullableOf(change, unreadable.column);
    case 'primary_key':
      return change.kind === 'createPrimaryKey' || change.kind === 'dropPrimaryKey' || onlyNullableOf(change, unreadable.column);
  }
}

/** The changes minus those that rest on something the engine could not read. */
export function withoutUnreadable(changes: Change[], unreadable: readonly Unreadable[] | undefined): Change[] {
  if (!unreadable || unreadable.length === 0) return changes;
  return changes.filter((change) => !unreadable.some((u) => hides(u, change)));
}
