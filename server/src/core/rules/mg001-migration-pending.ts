// Finding: MG001 — the models differ from the migration head: a migration is pending. One finding
// per project, at the class of the first changed table that is still modelled (else the first
// change's nearest place), summarising every pending change grouped by table or enum type.
import * as l10n from '@vscode/l10n';
import { describePending } from '../diff/describe';
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import type { SourceLocation } from '../source';
import { formatCount, qualified, type RuleContext } from './context';
import { enumPlace, placeFor, tableLocation } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Migration pending');
  },
  get summary() {
    return l10n.t('The models differ from the schema the migration history builds at its head: a migration is pending.');
  },
  get data() {
    return l10n.t('The models and the migration history disagree: the database does not yet have these changes.');
  },
  get safe() {
    return l10n.t('Run "Create Migration" (or `migration-guard revision DIR -m "..." --autogenerate`), review the file, then upgrade.');
  },
  dialects: {
    get postgresql() {
      return l10n.t("Nothing runs until the migration is written and applied; until then the application's queries may fail against the real tables.");
    },
    get sqlite() {
      return l10n.t("Same on SQLite: the revision is written with the project's batch setting (`render_as_batch`), as `flask db migrate` would.");
    },
  },
  message: (count: number, listed: string[], more: number) => {
    const changes = more > 0 ? l10n.t('{0}; … and {1} more', listed.join('; '), formatCount(more)) : listed.join('; ');
    return count === 1
      ? l10n.t('1 change pending: {0}. The models differ from the migration head: a migration is pending.', changes)
      : l10n.t('{0} changes pending: {1}. The models differ from the migration head: a migration is pending.', formatCount(count), changes);
  },
  get createFix() {
    return l10n.t('Create the migration for these model changes');
  },
};

/** Groups listed in the message before "… and N more". */
const LISTED_GROUPS = 8;

const groupKey = (c: Change) => (c.table !== undefined ? `t:${c.table}` : `e:${c.enumName}`);

/** The first changed table the models still declare, else where the first change points. */
function placeOf(ctx: RuleContext, keys: string[]): { place: SourceLocation; table: string } {
  for (const key of keys) {
    const place = key.startsWith('t:') ? tableLocation(ctx.models, key.slice(2)) : undefined;
    if (place) return { place, table: key.slice(2) };
  }
  const first = keys[0] as string;
  const name = first.slice(2);
  return first.startsWith('t:') ? { place: placeFor(ctx.models, ctx.head, name), table: name } : { place: enumPlace(ctx.models, ctx.head, name), table: '' };
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
      get title() {
        return l10n.t('A new column in the model');
      },
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
      get why() {
        return l10n.t(
          'Once Create Migration has written the revision for the new column (here: before the edit), the models and the migration head agree again.',
        );
      },
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
      const what = (groups.get(key) as Change[]).map(describePending).join(', ');
      return key.startsWith('t:') ? l10n.t('table {0} ({1})', qualified(name), what) : l10n.t('enum `{0}` ({1})', name, what);
    });
    return [
      {
        code: 'MG001',
        severity: 'info',
        table,
        destructive: false,
        file: place.file,
        range: place.range,
        message: text.message(ctx.changes.length, listed, Math.max(0, keys.length - LISTED_GROUPS)),
        fixes: [{ kind: 'createMigration', title: text.createFix }],
      } satisfies Finding,
    ];
  },
};
