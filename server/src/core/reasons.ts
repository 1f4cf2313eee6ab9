// Why a migration run was refused or failed, as data: a kind and the names, revisions and counts it
// needs. One record per kind holds its sentence. The CLI writes the reason into its language-neutral
// JSON (`failure.reason`, server/src/cliJson.ts) beside the English `message`; the extension renders
// the same reason in the user's language with `reasonText`, so it never shows the CLI's English.
import * as l10n from '@vscode/l10n';
import { formatNumber } from './locale';
import { noteKindRecord } from './noteKinds';
import { unknownRevisionMessage } from './rules/mg003-unknown-database-revision';

/** A revision body the engine cannot translate to SQL: where, and the note kind that says why. */
export interface UntranslatableItem {
  /** The revision file (as the note names it); `line` is 1-based, as editors show it. */
  file: string;
  line: number;
  direction: 'up' | 'down';
  revision: string;
  noteKind: string;
  /** The note's own sentence, in the language of the run that wrote it (English in JSON). */
  note: string;
}

/** Why the native executor cannot run a path and what stands in for the project's Alembic. */
export type FallbackUnavailable = 'none' | 'dry-run' | 'native' | 'no-python' | 'sqlite' | 'scratch';

/** The process holding the migration lock, when PostgreSQL names it. */
export interface LockHolder {
  pid: number;
  application: string | null;
  since: string | null;
}

export type Reason =
  | { kind: 'past-end'; spec: string; end: 'head' | 'base'; available: number }
  | { kind: 'no-such-revision'; spec: string }
  | { kind: 'ambiguous-prefix'; spec: string; candidates: string[] }
  | { kind: 'no-such-branch'; branch: string }
  | { kind: 'several-heads'; heads: string[]; spec: string }
  | { kind: 'ambiguous-walk'; from: string | null; next: string[] }
  | { kind: 'ambiguous-start'; spec: string; starts: string[] }
  | { kind: 'not-on-branch'; revision: string; branch: string }
  | { kind: 'invalid-downgrade-target'; branch: string }
  | { kind: 'not-below-current'; target: string[]; current: string[] }
  | { kind: 'below-current'; target: string; heads: string[] }
  | { kind: 'unknown-database-revision'; revisions: string[] }
  | { kind: 'untranslatable'; fallback: FallbackUnavailable; items: UntranslatableItem[] }
  | { kind: 'sqlite-unsupported'; places: string[] }
  | { kind: 'alembic-needs-python' }
  | { kind: 'alembic-dry-run' }
  | { kind: 'database-error'; revision: string | null }
  | { kind: 'alembic-exited'; tool: string; verb: string; exitCode: number | null; lastLine: string }
  | { kind: 'alembic-other-database'; heads: string[] }
  | { kind: 'lock-busy'; holder: LockHolder | null }
  | { kind: 'sqlite-locked'; file: string; seconds: number }
  // Connecting to PostgreSQL (db/connect.ts). `where` is user@host:port/db, never the password;
  // `raw` is the driver's own text; a null user is the default one.
  | { kind: 'connect-host'; where: string; raw: string }
  | { kind: 'connect-port'; where: string }
  | { kind: 'connect-unreachable'; where: string; code: string }
  | { kind: 'connect-password'; user: string | null; where: string }
  | { kind: 'connect-refused'; user: string | null; where: string; raw: string }
  | { kind: 'connect-no-database'; database: string | null; where: string }
  | { kind: 'connect-timeout'; seconds: number; where: string }
  | { kind: 'connect-no-password'; user: string | null; where: string }
  | { kind: 'connect-other'; where: string; raw: string }
  | { kind: 'invalid-url'; why: string };

export type ReasonKind = Reason['kind'];
type Of<K extends ReasonKind> = Extract<Reason, { kind: K }>;

/** `base` for no revisions, else the ids (as the executor names heads). */
export function headsText(heads: readonly string[]): string {
  return heads.length === 0 ? 'base' : heads.join(', ');
}

/** One untranslatable body's line: "versions/abc.py:12: upgrade of abc: …". */
export function untranslatableLine(place: string, direction: 'up' | 'down', revision: string, message: string): string {
  return direction === 'up' ? l10n.t('{0}: upgrade of {1}: {2}', place, revision, message) : l10n.t('{0}: downgrade of {1}: {2}', place, revision, message);
}

/** The process that holds the migration lock, in words. */
export function lockHolderText(holder: LockHolder | null): string {
  if (!holder) return l10n.t('another session');
  const pid = String(holder.pid);
  if (holder.application && holder.since) return l10n.t('process {0} ({1}), in a transaction since {2}', pid, holder.application, holder.since);
  if (holder.application) return l10n.t('process {0} ({1})', pid, holder.application);
  if (holder.since) return l10n.t('process {0}, in a transaction since {1}', pid, holder.since);
  return l10n.t('process {0}', pid);
}

export const FALLBACK_TEXT: Record<Exclude<FallbackUnavailable, 'none' | 'sqlite' | 'scratch'>, () => string> = {
  'dry-run': () => l10n.t("a dry run can't hand them to the project's Alembic"),
  native: () => l10n.t('--executor native forbids the Alembic fallback'),
  'no-python': () => l10n.t("no Python that can import the project's Alembic was found (pass --python)"),
};

/** The untranslatable sentence around its lines (the lines already indented, one per body). */
export function untranslatableText(fallback: FallbackUnavailable, lines: string): string {
  switch (fallback) {
    case 'none':
      return l10n.t(
        "these revisions hold Python the engine can't translate, and no Alembic fallback is available (pass --python, or --executor alembic):\n{0}",
        lines,
      );
    case 'scratch':
      // The round trip's scratch database: there is no fallback to speak of, the step just holds it.
      return l10n.t("holds Python the engine can't translate:\n{0}", lines);
    case 'sqlite':
      return l10n.t("these revisions hold Python the engine can't translate; on SQLite run them with the project's own `flask db upgrade`:\n{0}", lines);
    default:
      return l10n.t("revisions hold Python the engine can't translate, and {0}:\n{1}", FALLBACK_TEXT[fallback](), lines);
  }
}

/**
 * How an untranslatable body's note is worded. The CLI keeps the note's own sentence; the extension,
 * which reads English JSON, words it by the note kind's explanation in the user's language (the note
 * itself is at that line in the editor, in the user's language).
 */
export type NoteWording = (item: UntranslatableItem) => string;
export const NOTE_AS_WRITTEN: NoteWording = (item) => item.note;
export const NOTE_BY_KIND: NoteWording = (item) => noteKindRecord(item.noteKind)?.explanation ?? l10n.t('a note of kind {0}', item.noteKind);

const pastEnd = (r: Of<'past-end'>) =>
  r.end === 'head'
    ? r.available === 1
      ? l10n.t('relative revision {0} goes past the head (only 1 step available)', r.spec)
      : l10n.t('relative revision {0} goes past the head (only {1} steps available)', r.spec, r.available)
    : r.available === 1
      ? l10n.t('relative revision {0} goes past the base (only 1 step available)', r.spec)
      : l10n.t('relative revision {0} goes past the base (only {1} steps available)', r.spec, r.available);

const userText = (user: string | null) => user ?? l10n.t('the default user');

/** Every kind's sentence (a kind without one does not typecheck). */
const REASON_TEXT: { [K in ReasonKind]: (reason: Of<K>, wording: NoteWording) => string } = {
  'past-end': pastEnd,
  'no-such-revision': (r) =>
    r.spec.length < 4
      ? l10n.t('no such revision or branch "{0}"{1}', r.spec, l10n.t('; give at least four characters of a partial revision id'))
      : l10n.t('no such revision or branch "{0}"{1}', r.spec, ''),
  'ambiguous-prefix': (r) => l10n.t('several revisions start with "{0}": {1}...', r.spec, r.candidates.slice(0, 3).join(', ')),
  'no-such-branch': (r) => l10n.t('no such branch "{0}"', r.branch),
  'several-heads': (r) =>
    l10n.t('several heads ({0}) match "{1}": name one of them, use "heads", or merge them with "flask db merge heads"', r.heads.join(', '), r.spec),
  'ambiguous-walk': (r) => l10n.t('ambiguous walk from {0}: {1}', r.from ?? 'base', r.next.join(', ')),
  'ambiguous-start': (r) => l10n.t('"{0}" is ambiguous: it starts from several revisions ({1})', r.spec, r.starts.join(', ')),
  'not-on-branch': (r) => l10n.t('revision {0} is not on branch "{1}"', r.revision, r.branch),
  'invalid-downgrade-target': (r) => l10n.t('"{0}" is not a valid downgrade target from the current heads', r.branch),
  'not-below-current': (r) => l10n.t('revision {0} is not below the current revision ({1})', r.target.join(', '), r.current.join(', ') || 'base'),
  'below-current': (r) => l10n.t('{0} is below the current revision ({1}); use downgrade to go back', r.target, r.heads.join(', ')),
  'unknown-database-revision': (r) => `MG003: ${unknownRevisionMessage(r.revisions)}`,
  untranslatable: (r, wording) =>
    untranslatableText(
      r.fallback,
      r.items.map((item) => `  ${untranslatableLine(`${item.file}:${item.line}`, item.direction, item.revision, wording(item))}`).join('\n'),
    ),
  'sqlite-unsupported': (r) =>
    l10n.t('these ops cannot run on SQLite, under Migration Guard or under flask db upgrade:\n{0}', r.places.map((l) => `  ${l}`).join('\n')),
  'alembic-needs-python': () => l10n.t('--executor alembic needs a Python (--python or migrationGuard.pythonPath) and a Flask-Migrate or Alembic project'),
  'alembic-dry-run': () => l10n.t("a dry run needs the native executor: the project's Alembic can't roll back its own transaction for us"),
  'database-error': (r) => (r.revision ? l10n.t('the database refused a statement of revision {0}', r.revision) : l10n.t('the database refused the migration')),
  'alembic-exited': (r) =>
    r.exitCode === null
      ? l10n.t('{0} {1} exited with an error: {2}', r.tool, r.verb, r.lastLine)
      : l10n.t('{0} {1} exited with {2}: {3}', r.tool, r.verb, String(r.exitCode), r.lastLine),
  'alembic-other-database': (r) =>
    l10n.t(
      "the project's Alembic finished, but this database still records {0}: the app's configuration points it at another database (make it read DATABASE_URL or SQLALCHEMY_DATABASE_URI)",
      headsText(r.heads),
    ),
  'lock-busy': (r) =>
    l10n.t(
      'another migration is still running on this database ({0}) and did not finish within the lock timeout; nothing was applied. Try again when it is done, or raise --lock-timeout.',
      lockHolderText(r.holder),
    ),
  'connect-host': (r) => l10n.t('cannot connect to {0}: the host name does not resolve ({1}). Check the host in the database URL.', r.where, r.raw),
  'connect-port': (r) =>
    l10n.t('cannot connect to {0}: nothing accepts connections on that host and port. Is PostgreSQL running, and is the port right?', r.where),
  'connect-unreachable': (r) => l10n.t('cannot reach {0} ({1}). Check the host, the network and any firewall.', r.where, r.code),
  'connect-password': (r) => l10n.t('password authentication failed for user "{0}" on {1}. Check the password in the database URL.', userText(r.user), r.where),
  'connect-refused': (r) => l10n.t('the server at {0} refused user "{1}": {2}', r.where, userText(r.user), r.raw),
  'connect-no-database': (r) =>
    l10n.t('database "{0}" does not exist on {1}. Create it (createdb) or fix the database name in the URL.', r.database ?? l10n.t('the database'), r.where),
  'connect-timeout': (r) =>
    l10n.t(
      'timed out after {0} s connecting to {1}: the server does not answer. Check the host and port, the network and any firewall.',
      formatNumber(r.seconds),
      r.where,
    ),
  'connect-no-password': (r) => l10n.t('the server at {0} asks for a password for user "{1}" and the URL gives none.', r.where, userText(r.user)),
  'connect-other': (r) => l10n.t('cannot connect to {0}: {1}', r.where, r.raw),
  'invalid-url': (r) => l10n.t('the database URL is not valid: {0}', r.why),
  'sqlite-locked': (r) =>
    l10n.t(
      'database is locked: another process (your running app, or a database browser) holds a write transaction on {0}; gave up after waiting {1} s. Nothing was changed. Stop it or finish its transaction, then try again.',
      r.file,
      formatNumber(r.seconds),
    ),
};

export const REASON_KINDS = Object.keys(REASON_TEXT) as ReasonKind[];

export function isKnownReason(value: unknown): value is Reason {
  return typeof value === 'object' && value !== null && REASON_KINDS.includes((value as { kind?: unknown }).kind as ReasonKind);
}

/** The reason in the current locale; `wording` says how untranslatable bodies' notes are worded. */
export function reasonText(reason: Reason, wording: NoteWording = NOTE_AS_WRITTEN): string {
  const render = REASON_TEXT[reason.kind] as (r: Reason, w: NoteWording) => string;
  return render(reason, wording);
}

/** The one-line summaries of a run's outcome (the executors write them; the extension words its own from the same). */
export const OUTCOME_TEXT = {
  refused: (why: string) => l10n.t('Refused before touching the database: {0}', why),
  failed: (revision: string | null, heads: string) =>
    revision
      ? l10n.t('Failed in revision {0}; everything was rolled back, the database is unchanged at {1}.', revision, heads)
      : l10n.t('Failed; everything was rolled back, the database is unchanged at {0}.', heads),
  nothingToDo: (heads: string) => l10n.t('Nothing to do: the database is already at {0}.', heads),
  alembicFailed: (heads: string) => l10n.t("The project's Alembic failed; the database is at {0}.", heads),
  alembicNotMigrated: (heads: string) => l10n.t("The project's Alembic did not migrate this database; it is still at {0}.", heads),
  alembicApplied: (from: string, to: string) => l10n.t("Applied by the project's Alembic: {0} → {1}.", from, to),
  databaseSaid: (message: string) => l10n.t('The database said: {0}', message),
  /** A reason or status this version cannot word: never the CLI's English, the code instead. */
  unknown: (code: string) => l10n.t('Migration Guard cannot describe this outcome ({0}); the output channel has the details.', code),
};
