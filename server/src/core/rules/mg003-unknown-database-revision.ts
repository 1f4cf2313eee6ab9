// Finding: MG003 — the database records a revision the project does not have: it was migrated from
// another branch or checkout, or a revision file was deleted. Nothing can be upgraded or downgraded
// from there (Alembic stops with "Can't locate revision"), and no comparison with it means anything.
// Reported on the migration head's `revision = ...` line when a database is connected, and by `current`.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import type { RuleContext } from './context';
import type { ModelRule } from './record';

export const MG003 = 'MG003';

const text = {
  get title() {
    return l10n.t('Database at an unknown revision');
  },
  summary: "The database's `alembic_version` records a revision that is not in the project's migrations folder.",
  get data() {
    return l10n.t(
      'Nothing is lost yet, but no upgrade or downgrade can start from a revision the project does not have, and the schema the database really has is unknown to the migrations.',
    );
  },
  get safe() {
    return l10n.t(
      'Bring the missing revision file back (check out the branch that has it), or, if the schema really matches a revision the project has, `stamp` that revision. Then run `migration-guard current DIR` again.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t('Read from the `alembic_version` table of the current schema, as Alembic reads it.');
    },
    get sqlite() {
      return l10n.t('Read from the `alembic_version` table of the database file, as Alembic reads it.');
    },
  },
  message: (unknown: readonly string[]) => {
    return unknown.length === 1
      ? l10n.t(
          "The database records revision {0}, which is not in this project's migrations: it was migrated from another branch or checkout, or a revision file was deleted. Nothing can be upgraded or downgraded from there. Bring the missing revision file back, or stamp the revision whose schema the database really has.",
          unknown[0] as string,
        )
      : l10n.t(
          "The database records revisions {0}, which are not in this project's migrations: it was migrated from another branch or checkout, or a revision file was deleted. Nothing can be upgraded or downgraded from there. Bring the missing revision files back, or stamp the revision whose schema the database really has.",
          unknown.join(', '),
        );
  },
};

/** The revisions the database records that the project does not know. */
export function unknownRecordedRevisions(current: readonly string[], known: (id: string) => boolean): string[] {
  return current.filter((id) => !known(id));
}

export const unknownRevisionMessage = text.message;

export const mg003UnknownDatabaseRevision: ModelRule = {
  code: MG003,
  name: 'unknown-database-revision',
  source: 'models',
  severity: 'error',
  text,
  fixes: [],
  examples: [
    {
      source: 'database',
      get title() {
        return l10n.t('A database migrated from another branch');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      sql: "UPDATE alembic_version SET version_num = 'feedfacecafe'",
      expect: "The database records revision feedfacecafe, which is not in this project's migrations",
      get why() {
        return l10n.t(
          'Check out the branch holding revision feedfacecafe (or stamp the revision the schema really matches); then `current` shows a known revision again.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    const recorded = ctx.database;
    if (!recorded || !recorded.place) return [];
    const unknown = unknownRecordedRevisions(recorded.current, recorded.known);
    if (unknown.length === 0) return [];
    return [
      {
        code: MG003,
        severity: 'error',
        table: '',
        destructive: false,
        file: recorded.place.file,
        range: recorded.place.range,
        message: text.message(unknown),
        fixes: [],
      } satisfies Finding,
    ];
  },
};
