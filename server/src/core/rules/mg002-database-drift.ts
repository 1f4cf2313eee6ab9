// Finding: MG002 — drift: the live schema compared with the schema the migrations build at the
// revision the database records. Every difference is a finding, anchored on the recorded revision's file.
import * as l10n from '@vscode/l10n';
import type { Change } from '../diff/types';
import { diffSchemas } from '../diff';
import type { Finding } from '../findings';
import type { DriftRule, DriftRuleInput } from './record';

const text = {
  get title() {
    return l10n.t('Database drift');
  },
  get summary() {
    return l10n.t(
      'The live database differs from the schema the migrations build at the revision it records (someone changed it by hand, or a migration was edited after it ran).',
    );
  },
  get data() {
    return l10n.t(
      'Nothing is lost yet, but the next migrations were written against a schema the database does not have: they may fail halfway, or drop and recreate what the hand-made change added.',
    );
  },
  get safe() {
    return l10n.t(
      'Decide which side is right. If the database is, write a migration that makes the same change (and `stamp` if it is already applied); if the migrations are, undo the hand-made change. Then run `migration-guard drift DIR` again.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'Compared through the catalogs (`pg_attribute`, `pg_constraint`, `pg_index`, `pg_enum`) in the current schema; the `alembic_version` table and the `migration_guard_backup` schema are left out.',
      );
    },
    sqlite: null,
  },
  message: (difference: string) => l10n.t('Database drift: {0}.', difference),
};

const where = (c: Change) => (c.column ? `${c.table}.${c.column}` : (c.table ?? c.enumName ?? ''));

/** Plain words for one difference, read as "migrations → database". */
export function describeDrift(change: Change, revision: string): string {
  const at = `the migrations at ${revision}`;
  switch (change.kind) {
    case 'createTable':
      return `table "${change.table}" is in the database but ${at} do not create it`;
    case 'dropTable':
      return `table "${change.table}" is missing from the database although ${at} create it`;
    case 'addColumn':
      return `column "${where(change)}" is in the database but ${at} do not create it`;
    case 'dropColumn':
      return `column "${where(change)}" is missing from the database although ${at} create it`;
    case 'alterColumn': {
      const a = change.alteration ?? {};
      const parts: string[] = [];
      if (a.type) parts.push(`type ${a.type[0]} in the migrations, ${a.type[1]} in the database`);
      if (a.nullable)
        parts.push(a.nullable[1] ? 'nullable in the database but NOT NULL in the migrations' : 'NOT NULL in the database but nullable in the migrations');
      if (a.default) parts.push(`default ${a.default[0] ?? 'none'} in the migrations, ${a.default[1] ?? 'none'} in the database`);
      return `column "${where(change)}" differs: ${parts.join('; ')}`;
    }
    case 'createIndex':
      return `index "${change.index?.name}" on "${change.table}" is in the database only`;
    case 'dropIndex':
      return `index "${change.index?.name}" on "${change.table}" is missing from the database`;
    case 'createUnique':
      return `unique constraint (${change.key?.columns.join(', ')}) on "${change.table}" is in the database only`;
    case 'dropUnique':
      return `unique constraint (${change.key?.columns.join(', ')}) on "${change.table}" is missing from the database`;
    case 'createPrimaryKey':
      return `primary key (${change.key?.columns.join(', ')}) on "${change.table}" is in the database only`;
    case 'dropPrimaryKey':
      return `primary key (${change.key?.columns.join(', ')}) on "${change.table}" is missing from the database`;
    case 'createForeignKey':
      return `foreign key (${change.foreignKey?.columns.join(', ')}) → ${change.foreignKey?.refTable} on "${change.table}" is in the database only`;
    case 'dropForeignKey':
      return `foreign key (${change.foreignKey?.columns.join(', ')}) → ${change.foreignKey?.refTable} on "${change.table}" is missing from the database`;
    case 'createCheck':
      return `a check constraint on "${change.table}" is in the database only`;
    case 'dropCheck':
      return `a check constraint on "${change.table}" is missing from the database`;
    case 'createEnum':
      return `enum type "${change.enumName}" is in the database only`;
    case 'dropEnum':
      return `enum type "${change.enumName}" is missing from the database`;
    case 'addEnumValues':
    case 'recreateEnum':
      return `enum type "${change.enumName}" has labels (${(change.enumAfter ?? []).join(', ')}) in the database but (${(change.enumBefore ?? []).join(', ')}) in the migrations`;
    case 'renameTable':
    case 'renameColumn':
      return `"${change.renamedFrom}" is named "${where(change)}" in the database`;
  }
}

/** MG002 findings, one per difference; empty when the database is exactly what the migrations build. */
function detectDrift(input: DriftRuleInput): Finding[] {
  const revision = input.revisions.length ? input.revisions.join(', ') : 'base';
  return diffSchemas(input.replayed, input.live).map((change) => ({
    code: 'MG002',
    severity: 'warning',
    message: text.message(describeDrift(change, revision)),
    file: input.anchor.file,
    range: input.anchor.range,
    table: change.table ?? change.enumName ?? '',
    ...(change.column ? { column: change.column } : {}),
    destructive: false,
    fixes: [],
  }));
}

export const mg002DatabaseDrift: DriftRule = {
  code: 'MG002',
  name: 'database-drift',
  source: 'database',
  severity: 'warning',
  text,
  fixes: [],
  examples: [
    {
      source: 'database',
      title: 'A column added by hand',
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      sql: 'ALTER TABLE "user" ADD COLUMN nickname varchar(40)',
      expect: 'Database drift: column "user.nickname" is in the database but the migrations at',
      why: 'Add `nickname = db.Column(db.String(40))` to the model and create the migration; since the database already has the column, `stamp` the new revision there instead of upgrading.',
    },
  ],
  check: detectDrift,
};
