// Finding: MG001 — the models differ from the migration head: a migration is pending. One finding
// per project, at the class of the first changed table that is still modelled (else the first
// change's nearest place), summarising every pending change grouped by table or enum type.
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import type { SourceLocation } from '../source';
import { plural, qualified, type RuleContext } from './context';
import { enumPlace, placeFor, tableLocation } from './locate';
import type { ModelRule } from './record';

const text = {
  title: 'Migration pending',
  summary: 'The models differ from the schema the migration history builds at its head: a migration is pending.',
  data: 'The models and the migration history disagree: the database does not yet have these changes.',
  safe: 'Run "Create Migration" (or `migration-guard revision DIR -m "..." --autogenerate`), review the file, then upgrade.',
  dialects: {
    postgresql: 'Nothing runs until the migration is written and applied; until then the application\'s queries may fail against the real tables.',
    sqlite: 'Same on SQLite: the revision is written with the project\'s batch setting (`render_as_batch`), as `flask db migrate` would.',
  },
  message: (count: number, listed: string[], more: number) =>
    `${plural(count, 'change')} pending: ${listed.join('; ')}${more > 0 ? `; … and ${more} more` : ''}. The models differ from the migration head: a migration is pending.`,
  createFix: 'Create the migration for these model changes',
};

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

export const mg001MigrationPending: ModelRule = {
  code: 'MG001',
  name: 'migration-pending',
  source: 'models',
  severity: 'info',
  text,
  fixes: ['createMigration'],
  preferredFix: 'createMigration',
  examples: [
    {
      source: 'models',
      title: 'A new column in the model',
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      bad: `
class User(db.Model):
#     ^^^^ MG001
    id = db.Column(db.Integer, primary_key=True)
    nickname = db.Column(db.String(40))
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      why: 'Once Create Migration has written the revision for the new column (here: before the edit), the models and the migration head agree again.',
    },
  ],
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
    return [{
      code: 'MG001', severity: 'info', table, destructive: false, file: place.file, range: place.range,
      message: text.message(ctx.changes.length, listed, Math.max(0, keys.length - LISTED_GROUPS)),
      fixes: [{ kind: 'createMigration', title: text.createFix }],
    } satisfies Finding];
  },
};
