// One line of plain words per pending change, for lists (the client's Schema view, hovers).
import type { Change } from '../diff/types';

function columnName(change: Change): string {
  return `${change.table ?? '?'}.${change.column ?? '?'}`;
}

function alterationText(change: Change): string {
  const parts: string[] = [];
  const a = change.alteration;
  if (a?.type) parts.push(`type ${a.type[0]} → ${a.type[1]}`);
  if (a?.nullable) parts.push(a.nullable[1] ? 'allow NULL' : 'NOT NULL');
  if (a?.default) parts.push(a.default[1] === null ? 'drop server default' : `server default ${a.default[1]}`);
  return parts.join(', ') || 'change';
}

export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'createTable':
      return `create table ${change.table}`;
    case 'dropTable':
      return `drop table ${change.table}`;
    case 'renameTable':
      return `rename table ${change.renamedFrom} → ${change.table}`;
    case 'addColumn':
      return `add column ${columnName(change)} ${change.columnAfter?.type ?? ''}${change.columnAfter && !change.columnAfter.nullable ? ' NOT NULL' : ''}`.trimEnd();
    case 'dropColumn':
      return `drop column ${columnName(change)}`;
    case 'renameColumn':
      return `rename column ${change.table}.${change.renamedFrom} → ${change.column}`;
    case 'alterColumn':
      return `alter column ${columnName(change)}: ${alterationText(change)}`;
    case 'createIndex':
      return `create index ${change.index?.name ?? ''} on ${change.table}`;
    case 'dropIndex':
      return `drop index ${change.index?.name ?? ''} on ${change.table}`;
    case 'createUnique':
      return `add unique (${change.key?.columns.join(', ') ?? ''}) on ${change.table}`;
    case 'dropUnique':
      return `drop unique ${change.key?.name ?? ''} on ${change.table}`;
    case 'createPrimaryKey':
      return `add primary key (${change.key?.columns.join(', ') ?? ''}) on ${change.table}`;
    case 'dropPrimaryKey':
      return `drop primary key of ${change.table}`;
    case 'createForeignKey':
      return `add foreign key ${change.table}(${change.foreignKey?.columns.join(', ') ?? ''}) → ${change.foreignKey?.refTable ?? ''}`;
    case 'dropForeignKey':
      return `drop foreign key ${change.foreignKey?.name ?? ''} on ${change.table}`;
    case 'createCheck':
      return `add check constraint on ${change.table}`;
    case 'dropCheck':
      return `drop check constraint on ${change.table}`;
    case 'createEnum':
      return `create enum ${change.enumName}`;
    case 'addEnumValues':
      return `add values to enum ${change.enumName}`;
    case 'recreateEnum':
      return `change values of enum ${change.enumName}`;
    case 'dropEnum':
      return `drop enum ${change.enumName}`;
  }
}

/** A short default revision message from the changes, as autogenerate users tend to write them. */
export function defaultMessage(changes: Change[]): string {
  const first = changes[0];
  if (!first) return 'empty migration';
  const text = describeChange(first);
  return changes.length === 1 ? text : `${text} and ${changes.length - 1} more change${changes.length > 2 ? 's' : ''}`;
}
