// Finding: MG002 — drift: the live schema compared with the schema the migrations build at the
// revision the database records. Every difference is a finding, anchored on the recorded revision's file.
import * as l10n from '@vscode/l10n';
import { describeDrift } from '../diff/describe';
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
    get sqlite() {
      return l10n.t(
        "Compared through `sqlite_master` and `PRAGMA table_info`, `index_list` and `foreign_key_list`, in SQLite's own spelling: the types as declared (`VARCHAR(20)`, `DATETIME`), an enum as the VARCHAR SQLAlchemy makes of it, CHECK constraints from the CREATE TABLE text. Constraint names are not compared (SQLite keeps them only in that text).",
      );
    },
  },
  message: (difference: string) => l10n.t('Database drift: {0}.', difference),
};

/** MG002 findings, one per difference; empty when the database is exactly what the migrations build. */
function detectDrift(input: DriftRuleInput): Finding[] {
  const revision = input.revisions.length ? input.revisions.join(', ') : 'base';
  return diffSchemas(input.replayed, input.live).map((change) => ({
    code: 'MG002',
    severity: 'warning',
    message: text.message(describeDrift(change, revision)),
    file: input.anchor.file,
    range: input.anchor.range,
    table: change.table ?? change.enumName,
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
      get title() {
        return l10n.t('A column added by hand');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      sql: 'ALTER TABLE "user" ADD COLUMN nickname varchar(40)',
      expect: 'Database drift: column "user.nickname" is in the database but the migrations at',
      get why() {
        return l10n.t(
          'Add `nickname = db.Column(db.String(40))` to the model and create the migration; since the database already has the column, `stamp` the new revision there instead of upgrading.',
        );
      },
    },
  ],
  check: detectDrift,
};
