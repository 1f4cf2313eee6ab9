// Finding: MG001 — the models differ from the migration head: a migration is pending. One finding
// per table (or enum type) that changes, at its class, listing what changes.
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import { qualified, type Rule, type RuleContext } from './context';
import { enumPlace, placeFor } from './locate';

const DESCRIBE: Record<Change['kind'], (c: Change) => string> = {
  createEnum: (c) => `enum ${c.enumName} created`,
  addEnumValues: (c) => `values ${(c.enumAfter ?? []).filter((v) => !c.enumBefore?.includes(v)).join(', ')} added to enum ${c.enumName}`,
  recreateEnum: (c) => `enum ${c.enumName} values changed`,
  dropEnum: (c) => `enum ${c.enumName} dropped`,
  renameTable: (c) => `renamed from ${c.renamedFrom}`,
  createTable: () => 'table created',
  dropTable: () => 'table dropped',
  renameColumn: (c) => `column ${c.renamedFrom} renamed to ${c.column}`,
  addColumn: (c) => `column ${c.column} added`,
  dropColumn: (c) => `column ${c.column} dropped`,
  alterColumn: (c) => `column ${c.column} ${Object.keys(c.alteration ?? {}).map((k) => (k === 'default' ? 'server default' : k)).join(', ')} changed`,
  createIndex: (c) => `index ${c.index?.name} created`,
  dropIndex: (c) => `index ${c.index?.name} dropped`,
  createUnique: (c) => `unique (${c.key?.columns.join(', ')}) added`,
  dropUnique: (c) => `unique (${c.key?.columns.join(', ')}) dropped`,
  createPrimaryKey: (c) => `primary key (${c.key?.columns.join(', ')}) set`,
  dropPrimaryKey: () => 'primary key dropped',
  createForeignKey: (c) => `foreign key (${c.foreignKey?.columns.join(', ')}) → ${c.foreignKey?.refTable} added`,
  dropForeignKey: (c) => `foreign key (${c.foreignKey?.columns.join(', ')}) → ${c.foreignKey?.refTable} dropped`,
  createCheck: () => 'check constraint added',
  dropCheck: () => 'check constraint dropped',
};

export const mg001MigrationPending: Rule = {
  code: 'MG001',
  check(ctx: RuleContext): Finding[] {
    const groups = new Map<string, Change[]>();
    for (const change of ctx.changes) {
      const key = change.table !== undefined ? `t:${change.table}` : `e:${change.enumName}`;
      groups.set(key, [...(groups.get(key) ?? []), change]);
    }
    return [...groups.entries()].map(([key, changes]) => {
      const name = key.slice(2);
      const isTable = key.startsWith('t:');
      const place = isTable ? placeFor(ctx.models, ctx.head, name) : enumPlace(ctx.models, ctx.head, name);
      const what = changes.map((c) => DESCRIBE[c.kind](c)).join('; ');
      return {
        code: 'MG001', severity: 'info', table: isTable ? name : '', destructive: false, file: place.file, range: place.range,
        message: `${isTable ? `Table ${qualified(name)}` : `Enum \`${name}\``} differs from the migration head (${what}): a migration is pending.`,
        fixes: [{ kind: 'createMigration', title: 'Create the migration for these model changes' }],
      } satisfies Finding;
    });
  },
};
