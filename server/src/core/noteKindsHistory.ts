// The note kinds of the history replay: what a revision's upgrade()/downgrade() did that the replay
// could not follow, or followed with an assumption. Part of the registry in noteKinds.ts, split out by
// area to keep each file readable; explanations stay getters so they follow the user's locale.

import * as l10n from '@vscode/l10n';

export type NoteArea = 'project' | 'models' | 'history' | 'revision graph';

export interface NoteKindRecord {
  area: NoteArea;
  /** One line: what the note means and what the engine did. */
  explanation: string;
}

export const HISTORY_NOTE_KINDS = {
  'baseline-from-models': {
    area: 'history',
    get explanation() {
      return l10n.t(
        'A revision alters a table no earlier revision creates (made by create_all, then stamped): the table is taken from the models as it was before that revision.',
      );
    },
  },
  'batch-recreate': {
    area: 'history',
    get explanation() {
      return l10n.t('batch_alter_table(recreate="always") copies the table; the replay applies the same changes as plain ALTERs, which give the same schema.');
    },
  },
  'check-not-created': {
    area: 'history',
    get explanation() {
      return l10n.t('A CheckConstraint inside a Column() passed to add_column is ignored by Alembic, so the replay does not create it either.');
    },
  },
  'control-flow': {
    area: 'history',
    get explanation() {
      return l10n.t('An if/else whose condition cannot be evaluated statically: the first branch is followed and the others skipped.');
    },
  },
  'data-statement': {
    area: 'history',
    get explanation() {
      return l10n.t('op.execute with SQL that only changes data (INSERT, UPDATE, DELETE): no schema change to replay.');
    },
  },
  'dialect-branch': {
    area: 'history',
    get explanation() {
      return l10n.t('A test on the database dialect was read for PostgreSQL: the branch PostgreSQL would take is replayed.');
    },
  },
  'early-return': {
    area: 'history',
    get explanation() {
      return l10n.t('A guard (`if …: return`) whose condition cannot be evaluated statically: assumed false, the replay goes on past it.');
    },
  },
  loop: {
    area: 'history',
    get explanation() {
      return l10n.t('A loop whose values cannot be read statically (or a while loop): its body is not replayed.');
    },
  },
  'missing-function': {
    area: 'history',
    get explanation() {
      return l10n.t('A revision file has no upgrade() or downgrade() function; that direction does nothing.');
    },
  },
  'opaque-op': {
    area: 'history',
    get explanation() {
      return l10n.t('op.execute with SQL or Python whose effect on the schema cannot be read: the schema after it may be incomplete.');
    },
  },
  'other-schema': {
    area: 'history',
    get explanation() {
      return l10n.t('A table whose PostgreSQL schema (schema=) cannot be read statically: it is left out of the comparison.');
    },
  },
  'partial-index': {
    area: 'history',
    get explanation() {
      return l10n.t('A partial index (with WHERE): its columns are compared, its WHERE clause is not.');
    },
  },
  'plugin-history': {
    area: 'history',
    get explanation() {
      return l10n.t(
        "A plugin's own migrations folder (plugins/<name>/migrations), run by the app's plugin loader after the core's migrations: replayed after the core's heads, so the tables it changes are compared as the app leaves them.",
      );
    },
  },
  'raw-default': {
    area: 'history',
    get explanation() {
      return l10n.t('A server_default given as raw SQL text is kept as written; it is compared as text.');
    },
  },
  raises: {
    area: 'history',
    get explanation() {
      return l10n.t('The revision raises here (an irreversible downgrade, say); the rest of the body is not replayed.');
    },
  },
  recursion: {
    area: 'history',
    get explanation() {
      return l10n.t('Helper functions call each other too deeply to inline; the innermost call is not replayed.');
    },
  },
  'pg-rejected': {
    area: 'history',
    get explanation() {
      return l10n.t(
        'A step PostgreSQL refuses whatever the data (a type change with no cast and no postgresql_using, an enum type nothing created, dropping a table another table still references): PostgreSQL rolls back its whole revision, so the replay leaves that revision out and the tables it touches are uncertain from there on.',
      );
    },
  },
  'replay-conflict': {
    area: 'history',
    get explanation() {
      return l10n.t('An op does not fit the schema replayed so far (e.g. drops a column that does not exist): Alembic would fail here too.');
    },
  },
  'unknown-call': {
    area: 'history',
    get explanation() {
      return l10n.t('A call in upgrade()/downgrade() that is not an Alembic op (a helper function, say); skipped.');
    },
  },
  'unnamed-constraint': {
    area: 'history',
    get explanation() {
      return l10n.t('drop_constraint(None, …): Alembic needs the constraint name and fails here.');
    },
  },
  'unresolved-argument': {
    area: 'history',
    get explanation() {
      return l10n.t('An argument of an op is not a literal the engine can read (a column name, a ForeignKey target); that part is not replayed.');
    },
  },
  'unresolved-default': {
    area: 'history',
    get explanation() {
      return l10n.t('A server_default cannot be read statically; the column is replayed without it.');
    },
  },
  'unresolved-enum': {
    area: 'history',
    get explanation() {
      return l10n.t('An enum type whose name or labels cannot be read statically.');
    },
  },
  'unsupported-argument': {
    area: 'history',
    get explanation() {
      return l10n.t('A Column() argument that is not modelled (Computed, Identity, …); the column is replayed without it.');
    },
  },
  'unsupported-op': {
    area: 'history',
    get explanation() {
      return l10n.t('An Alembic op the replay does not implement; the schema after it may be incomplete.');
    },
  },
  'unsupported-statement': {
    area: 'history',
    get explanation() {
      return l10n.t('A Python statement in upgrade()/downgrade() the replay does not understand; skipped.');
    },
  },
} as const satisfies Record<string, NoteKindRecord>;
