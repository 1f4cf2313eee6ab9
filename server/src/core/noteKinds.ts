// The registry of note kinds: what the engine could not read or chose not to guess (see Note in
// source.ts). Each kind has a one-line explanation (docs/rules/<kind>.md is generated from it) and the
// part of the project it is about. A note kind not listed here does not typecheck.

import * as l10n from '@vscode/l10n';
import { HISTORY_NOTE_KINDS, type NoteKindRecord } from './noteKindsHistory';

export type { NoteArea, NoteKindRecord } from './noteKindsHistory';

export const NOTE_KINDS = {
  'approximate-default': {
    area: 'models',
    get explanation() {
      return l10n.t('A server_default was read, but its PostgreSQL spelling is an approximation; defaults are compared on that spelling.');
    },
  },
  config: {
    area: 'project',
    get explanation() {
      return l10n.t('alembic.ini or the migrations folder could not be read or is ambiguous; the message says which file and what was used instead.');
    },
  },
  database: {
    area: 'project',
    get explanation() {
      return l10n.t('Where a schema read from a live database came from (the URL, password masked).');
    },
  },
  'duplicate-branch-label': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A branch label is used by two revisions, or is also a revision id: Alembic refuses such a history.');
    },
  },
  'duplicate-column': {
    area: 'models',
    get explanation() {
      return l10n.t('A model declares the same column twice; SQLAlchemy keeps one, so does the engine.');
    },
  },
  'duplicate-revision': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('Two files define the same revision id; the second file is ignored, as Alembic would fail on it.');
    },
  },
  'duplicate-table': {
    area: 'models',
    get explanation() {
      return l10n.t('Two models or Table() objects declare the same table; the first declaration is used.');
    },
  },
  'enum-conflict': {
    area: 'models',
    get explanation() {
      return l10n.t('The same enum type name is declared with different labels in two places; the first declaration is used.');
    },
  },
  'findings-paused': {
    area: 'models',
    get explanation() {
      return l10n.t(
        'A model class does not parse yet: its findings are paused, and its last version that parsed stands in until it does (so half-typed code never reads as a drop).',
      );
    },
  },
  'half-typed': {
    area: 'models',
    get explanation() {
      return l10n.t('A model line that is still being typed is skipped until it parses; it never reads as a dropped column.');
    },
  },
  'import-time-tables': {
    area: 'models',
    get explanation() {
      return l10n.t(
        'A module-level call hands model classes to a function this tool cannot follow (from a library, or one that builds tables itself); the tables and columns it may create when the models are imported are uncertain: findings on them are info, never data-loss warnings.',
      );
    },
  },
  'unnamed-model': {
    area: 'models',
    get explanation() {
      return l10n.t(
        "A model's __tablename__ cannot be read statically, so the table it maps cannot be named; the migration head's tables that have its columns may be it: findings on them are info, never data-loss warnings, and revision does not drop them.",
      );
    },
  },
  'versioned-tables': {
    area: 'models',
    get explanation() {
      return l10n.t(
        "SQLAlchemy-Continuum builds a `<table>_version` table for each model with __versioned__, and its transaction table, when the mappers are configured; they are derived from the models as Continuum builds them. A table resting on what cannot be read (a non-literal option or plugin list) is taken as the migrations have it; a project's own TransactionFactory is taken as Continuum's, and the transaction table's findings are info, never data-loss warnings.",
      );
    },
  },
  'internal-error': {
    area: 'project',
    get explanation() {
      return l10n.t('Migration Guard itself failed on this file; please report it. The rest of the project is still analysed.');
    },
  },
  io: {
    area: 'project',
    get explanation() {
      return l10n.t('A file could not be read from disk (permissions, a broken link); it is left out and the rest is read.');
    },
  },
  'invalid-revision-id': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A revision id contains "@", "-" or "+", which Alembic does not allow.');
    },
  },
  'missing-dependency': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A depends_on entry is neither a revision nor a branch label.');
    },
  },
  'missing-down-revision': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A down_revision names a revision that does not exist, or the file has no down_revision at all.');
    },
  },
  'missing-revision-id': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A revision file has no `revision = "..."` and its file name is not a revision id: it is not part of the history.');
    },
  },
  'multiple-bases': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('Several revisions have down_revision = None; independent branches need branch_labels.');
    },
  },
  'multiple-heads': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('The history has several heads: merge them (`flask db merge heads`) before comparing or creating a migration.');
    },
  },
  'naming-convention': {
    area: 'models',
    get explanation() {
      return l10n.t('A MetaData naming_convention could not be applied to a constraint; its name is left as SQLAlchemy would leave it without one.');
    },
  },
  'nested-versions': {
    area: 'project',
    get explanation() {
      return l10n.t('Revision files in a sub-folder of versions/ are not loaded: Alembic reads sub-folders only with recursive_version_locations = true.');
    },
  },
  'no-migrations': {
    area: 'project',
    get explanation() {
      return l10n.t('No Alembic versions folder was found for the project.');
    },
  },
  'no-models': {
    area: 'project',
    get explanation() {
      return l10n.t('No model classes or Table() objects were found in the Python files that were read.');
    },
  },
  'other-database': {
    area: 'models',
    get explanation() {
      return l10n.t("A model bound to another database (__bind_key__): Flask-Migrate's default environment does not migrate it, so it is left out.");
    },
  },
  'parse-error': {
    area: 'models',
    get explanation() {
      return l10n.t('A Python file does not parse; the code that does not parse is skipped (and never read as a drop).');
    },
  },
  'revision-cycle': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('The down_revision / depends_on links form a cycle, so the revisions cannot be ordered.');
    },
  },
  'syntax-error': {
    area: 'models',
    get explanation() {
      return l10n.t('A syntax error in a model file; the statements around it are skipped until it is fixed.');
    },
  },
  'unknown-revision': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A revision asked for (on the command line, or recorded in the database) is not in the history.');
    },
  },
  unresolved: {
    area: 'models',
    get explanation() {
      return l10n.t('Something in a model file cannot be resolved statically (an imported name, a computed value); it is left out rather than guessed.');
    },
  },
  'unresolved-column': {
    area: 'models',
    get explanation() {
      return l10n.t('A constraint or index refers to a column its model does not have; it is skipped.');
    },
  },
  'unresolved-name': {
    area: 'models',
    get explanation() {
      return l10n.t('A table name (`__tablename__`, batch_alter_table) cannot be evaluated statically; that model or block is skipped.');
    },
  },
  'unresolved-reference': {
    area: 'models',
    get explanation() {
      return l10n.t('A foreign key or Index() refers to something that cannot be tied to a model; it is skipped.');
    },
  },
  'unresolved-revision-id': {
    area: 'revision graph',
    get explanation() {
      return l10n.t('A revision or down_revision is not a string, a tuple of strings or None.');
    },
  },
  'unresolved-type': {
    area: 'models',
    get explanation() {
      return l10n.t('A column type cannot be resolved statically; the column is compared by presence only, never by type.');
    },
  },
  'unresolved-value': {
    area: 'models',
    get explanation() {
      return l10n.t(
        'A mapped attribute or keyword argument cannot be read statically; it is ignored. A flag that cannot be read (index=, unique=, nullable=, primary_key=) leaves that part of the schema as the migrations have it, never a guessed False.',
      );
    },
  },
  'unseen-columns': {
    area: 'models',
    get explanation() {
      return l10n.t(
        'Columns the migrations have but the model sets with code this tool cannot read (a helper call, a base class from outside the project): taken as unchanged, never reported or written as dropped.',
      );
    },
  },
  unsupported: {
    area: 'models',
    get explanation() {
      return l10n.t(
        'A model construct this tool does not read (a computed value, an expression index, an unknown Table() argument); it is skipped, never guessed.',
      );
    },
  },
  ...HISTORY_NOTE_KINDS,
} as const satisfies Record<string, NoteKindRecord>;

export type NoteKind = keyof typeof NOTE_KINDS;

export function noteKindRecord(kind: string): NoteKindRecord | undefined {
  return (NOTE_KINDS as Record<string, NoteKindRecord>)[kind];
}

/** Every kind in alphabetical order, for listings (the registry itself is grouped by file). */
export const NOTE_KIND_NAMES: readonly NoteKind[] = (Object.keys(NOTE_KINDS) as NoteKind[]).sort();
