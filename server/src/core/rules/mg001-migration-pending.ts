// Finding: MG001 — the models differ from the migration head: a migration is pending. One finding
// per project, at the class of the first changed table that is still modelled (else the first
// change's nearest place), summarising every pending change grouped by table or enum type.
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import type { SourceLocation } from '../source';
import { plural, qualified, type Rule, type RuleContext } from './context';
import { enumPlace, placeFor, tableLocation } from './locate';

/** Groups listed in the message before "… and N more". */
const LISTED_GROUPS = 8;

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

const groupKey = (c: Change) => (c.table !== undefined ? `t:${c.table}` : `e:${c.enumName ?? ''}`);

/** The first changed table the models still declare, else where the first change points. */
function placeOf(ctx: RuleContext, keys: string[]): { place: SourceLocation; table: string } {
  for (const key of keys) {
    const place = key.startsWith('t:') ? tableLocation(ctx.models, key.slice(2)) : undefined;
    if (place) return { place, table: key.slice(2) };
  }
  const first = keys[0] as string;
  const name = first.slice(2);
  return first.startsWith('t:')
    ? { place: placeFor(ctx.models, ctx.head, name), table: name }
    : { place: enumPlace(ctx.models, ctx.head, name), table: '' };
}

export const mg001MigrationPending: Rule = {
  code: 'MG001',
  check(ctx: RuleContext): Finding[] {
    if (ctx.changes.length === 0) return [];
    const groups = new Map<string, Change[]>();
    for (const change of ctx.changes) {
      const key = groupKey(change);
      const group = groups.get(key);
      if (group) group.push(change);
      else groups.set(key, [change]);
    }
    const keys = [...groups.keys()];
    const { place, table } = placeOf(ctx, keys);
    const listed = keys.slice(0, LISTED_GROUPS).map((key) => {
      const name = key.slice(2);
      const what = (groups.get(key) as Change[]).map((c) => DESCRIBE[c.kind](c)).join(', ');
      return `${key.startsWith('t:') ? `table ${qualified(name)}` : `enum \`${name}\``} (${what})`;
    });
    const more = keys.length > LISTED_GROUPS ? `; … and ${keys.length - LISTED_GROUPS} more` : '';
    return [{
      code: 'MG001', severity: 'info', table, destructive: false, file: place.file, range: place.range,
      message: `${plural(ctx.changes.length, 'change')} pending: ${listed.join('; ')}${more}. The models differ from the migration head: a migration is pending.`,
      fixes: [{ kind: 'createMigration', title: 'Create the migration for these model changes' }],
    } satisfies Finding];
  },
};
