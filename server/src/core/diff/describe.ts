// The one describer of a Change: for each kind, its words in the three places that list changes.
//   pending   — MG001 (models vs migration head), localized, inside "table user (…)";
//   drift     — MG002 and roundtrip (migrations vs database), read as "migrations → database";
//   migration — imperative English for revision messages and the Schema view ("add column user.email").
// One record per kind, so a new Change kind fails to compile here until all three exist.
import * as l10n from '@vscode/l10n';
import type { Change, ChangeKind, ChangeOf, ColumnAlteration } from './types';

interface Words<C extends Change> {
  pending(change: C): string;
  /** `at`: the revision the database records. */
  drift(change: C, at: string): string;
  migration(change: C): string;
}

const columnOf = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
/** Where a drift sits: the column when there is one, else the table or enum type. */
const where = (c: Change) => (c.column ? `${c.table}.${c.column}` : (c.table ?? ('enumName' in c ? c.enumName : '')));

const alteredParts = (a: ColumnAlteration) =>
  Object.keys(a)
    .map((k) => (k === 'default' ? 'server default' : k))
    .join(', ');

function alterationMigration(a: ColumnAlteration): string {
  const parts: string[] = [];
  if (a.type) parts.push(`type ${a.type[0]} → ${a.type[1]}`);
  if (a.nullable) parts.push(a.nullable[1] ? 'allow NULL' : 'NOT NULL');
  if (a.default) parts.push(a.default[1] === null ? 'drop server default' : `server default ${a.default[1]}`);
  return parts.join(', ') || 'change';
}

function alterationDrift(a: ColumnAlteration): string {
  const parts: string[] = [];
  if (a.type) parts.push(l10n.t('type {0} in the migrations, {1} in the database', a.type[0], a.type[1]));
  if (a.nullable)
    parts.push(
      a.nullable[1] ? l10n.t('nullable in the database but NOT NULL in the migrations') : l10n.t('NOT NULL in the database but nullable in the migrations'),
    );
  if (a.default) {
    const none = l10n.t('none');
    parts.push(l10n.t('default {0} in the migrations, {1} in the database', a.default[0] ?? none, a.default[1] ?? none));
  }
  return parts.join('; ');
}

const enumLabels = (c: ChangeOf<'addEnumValues' | 'recreateEnum'>) =>
  l10n.t('enum type "{0}" has labels ({1}) in the database but ({2}) in the migrations', c.enumName, c.enumAfter.join(', '), c.enumBefore.join(', '));
const renamedDrift = (c: ChangeOf<'renameTable' | 'renameColumn'>) => l10n.t('"{0}" is named "{1}" in the database', c.renamedFrom, where(c));

const WORDS: { [K in ChangeKind]: Words<ChangeOf<K>> } = {
  createEnum: {
    pending: (c) => l10n.t('enum {0} created', c.enumName),
    drift: (c) => l10n.t('enum type "{0}" is in the database only', c.enumName),
    migration: (c) => `create enum ${c.enumName}`,
  },
  addEnumValues: {
    pending: (c) => l10n.t('values {0} added to enum {1}', c.enumAfter.filter((v) => !c.enumBefore.includes(v)).join(', '), c.enumName),
    drift: enumLabels,
    migration: (c) => `add values to enum ${c.enumName}`,
  },
  recreateEnum: {
    pending: (c) => l10n.t('enum {0} values changed', c.enumName),
    drift: enumLabels,
    migration: (c) => `change values of enum ${c.enumName}`,
  },
  dropEnum: {
    pending: (c) => l10n.t('enum {0} dropped', c.enumName),
    drift: (c) => l10n.t('enum type "{0}" is missing from the database', c.enumName),
    migration: (c) => `drop enum ${c.enumName}`,
  },
  renameTable: {
    pending: (c) => l10n.t('renamed from {0}', c.renamedFrom),
    drift: renamedDrift,
    migration: (c) => `rename table ${c.renamedFrom} → ${c.table}`,
  },
  createTable: {
    pending: () => l10n.t('table created'),
    drift: (c, at) => l10n.t('table "{0}" is in the database but the migrations at {1} do not create it', c.table, at),
    migration: (c) => `create table ${c.table}`,
  },
  dropTable: {
    pending: () => l10n.t('table dropped'),
    drift: (c, at) => l10n.t('table "{0}" is missing from the database although the migrations at {1} create it', c.table, at),
    migration: (c) => `drop table ${c.table}`,
  },
  renameColumn: {
    pending: (c) => l10n.t('column {0} renamed to {1}', c.renamedFrom, c.column),
    drift: renamedDrift,
    migration: (c) => `rename column ${c.table}.${c.renamedFrom} → ${c.column}`,
  },
  addColumn: {
    pending: (c) => l10n.t('column {0} added', c.column),
    drift: (c, at) => l10n.t('column "{0}" is in the database but the migrations at {1} do not create it', columnOf(c), at),
    migration: (c) => `add column ${columnOf(c)} ${c.columnAfter.type}${c.columnAfter.nullable ? '' : ' NOT NULL'}`,
  },
  dropColumn: {
    pending: (c) => l10n.t('column {0} dropped', c.column),
    drift: (c, at) => l10n.t('column "{0}" is missing from the database although the migrations at {1} create it', columnOf(c), at),
    migration: (c) => `drop column ${columnOf(c)}`,
  },
  alterColumn: {
    pending: (c) => l10n.t('column {0} {1} changed', c.column, alteredParts(c.alteration)),
    drift: (c) => `column "${columnOf(c)}" differs: ${alterationDrift(c.alteration)}`,
    migration: (c) => `alter column ${columnOf(c)}: ${alterationMigration(c.alteration)}`,
  },
  createIndex: {
    pending: (c) => l10n.t('index {0} created', c.index.name),
    drift: (c) => l10n.t('index "{0}" on "{1}" is in the database only', c.index.name, c.table),
    migration: (c) => `create index ${c.index.name} on ${c.table}`,
  },
  dropIndex: {
    pending: (c) => l10n.t('index {0} dropped', c.index.name),
    drift: (c) => l10n.t('index "{0}" on "{1}" is missing from the database', c.index.name, c.table),
    migration: (c) => `drop index ${c.index.name} on ${c.table}`,
  },
  createUnique: {
    pending: (c) => l10n.t('unique ({0}) added', c.key.columns.join(', ')),
    drift: (c) => l10n.t('unique constraint ({0}) on "{1}" is in the database only', c.key.columns.join(', '), c.table),
    migration: (c) => `add unique (${c.key.columns.join(', ')}) on ${c.table}`,
  },
  dropUnique: {
    pending: (c) => l10n.t('unique ({0}) dropped', c.key.columns.join(', ')),
    drift: (c) => l10n.t('unique constraint ({0}) on "{1}" is missing from the database', c.key.columns.join(', '), c.table),
    migration: (c) => `drop unique ${c.key.name ?? ''} on ${c.table}`,
  },
  createPrimaryKey: {
    pending: (c) => l10n.t('primary key ({0}) set', c.key.columns.join(', ')),
    drift: (c) => l10n.t('primary key ({0}) on "{1}" is in the database only', c.key.columns.join(', '), c.table),
    migration: (c) => `add primary key (${c.key.columns.join(', ')}) on ${c.table}`,
  },
  dropPrimaryKey: {
    pending: () => l10n.t('primary key dropped'),
    drift: (c) => l10n.t('primary key ({0}) on "{1}" is missing from the database', c.key.columns.join(', '), c.table),
    migration: (c) => `drop primary key of ${c.table}`,
  },
  createForeignKey: {
    pending: (c) => l10n.t('foreign key ({0}) → {1} added', c.foreignKey.columns.join(', '), c.foreignKey.refTable),
    drift: (c) => l10n.t('foreign key ({0}) → {1} on "{2}" is in the database only', c.foreignKey.columns.join(', '), c.foreignKey.refTable, c.table),
    migration: (c) => `add foreign key ${c.table}(${c.foreignKey.columns.join(', ')}) → ${c.foreignKey.refTable}`,
  },
  dropForeignKey: {
    pending: (c) => l10n.t('foreign key ({0}) → {1} dropped', c.foreignKey.columns.join(', '), c.foreignKey.refTable),
    drift: (c) => l10n.t('foreign key ({0}) → {1} on "{2}" is missing from the database', c.foreignKey.columns.join(', '), c.foreignKey.refTable, c.table),
    migration: (c) => `drop foreign key ${c.foreignKey.name ?? ''} on ${c.table}`,
  },
  createCheck: {
    pending: () => l10n.t('check constraint added'),
    drift: (c) => l10n.t('a check constraint on "{0}" is in the database only', c.table),
    migration: (c) => `add check constraint on ${c.table}`,
  },
  dropCheck: {
    pending: () => l10n.t('check constraint dropped'),
    drift: (c) => l10n.t('a check constraint on "{0}" is missing from the database', c.table),
    migration: (c) => `drop check constraint on ${c.table}`,
  },
};

/** The words for this change's kind (the record is indexed by the same kind, so the cast is exact). */
const wordsOf = (change: Change) => WORDS[change.kind] as Words<Change>;

/** MG001's clause for one pending change ("column email added"), in the user's language. */
export function describePending(change: Change): string {
  return wordsOf(change).pending(change);
}

/** One difference read as "migrations → database"; `revision` is what the database records. */
export function describeDrift(change: Change, revision: string): string {
  return wordsOf(change).drift(change, revision);
}

/** One line of plain imperative words, for revision messages and the client's Schema view. */
export function describeChange(change: Change): string {
  return wordsOf(change).migration(change);
}

/** A short default revision message from the changes, as autogenerate users tend to write them. */
export function defaultMessage(changes: Change[]): string {
  const first = changes[0];
  if (!first) return 'empty migration';
  const text = describeChange(first);
  return changes.length === 1 ? text : `${text} and ${changes.length - 1} more change${changes.length > 2 ? 's' : ''}`;
}
