// Constraint and index names: the ones PostgreSQL chooses when SQLAlchemy leaves a constraint
// unnamed (makeObjectName / ChooseConstraintName in PostgreSQL's sources), SQLAlchemy's `ix_<table>_<col>`
// index names, and a MetaData naming_convention when the project sets one.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { evaluateCallable, type CallableToken, type TokenSubject } from './conventionTokens';
import { bareTableName, splitTableKey } from './tableKey';

/** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes that does not split a character. */
function clipBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/**
 * PostgreSQL's makeObjectName: `name1_name2_label`, shortening the longer of name1/name2 one byte
 * at a time until the whole fits in 63 bytes. The label is never shortened.
 */
export function makeObjectName(table: string, name2: string | null, label: string): string {
  // PostgreSQL names from the table's own name; a table in another schema is keyed "<schema>.<table>".
  const name1 = bareTableName(table);
  const plain = `${name1}_${name2 === null ? '' : `${name2}_`}${label}`;
  // ASCII names that already fit need no byte arithmetic (the common case, and a hot path).
  if (plain.length <= MAX_IDENTIFIER_BYTES && !/[^ -~]/.test(plain)) return plain;
  let overhead = byteLength(label) + 1;
  if (name2 !== null) overhead++;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  let name1Bytes = byteLength(name1);
  let name2Bytes = name2 === null ? 0 : byteLength(name2);
  while (name1Bytes + name2Bytes > available) {
    if (name1Bytes > name2Bytes) name1Bytes--;
    else name2Bytes--;
  }
  const head = clipBytes(name1, name1Bytes);
  return name2 === null ? `${head}_${label}` : `${head}_${clipBytes(name2, name2Bytes)}_${label}`;
}

/**
 * Chooses names the way PostgreSQL does within one schema: when `base_label` is taken, it tries
 * `label1`, `label2`, … Constraints and indexes share one namespace per schema.
 */
export class PgNameChooser {
  private readonly used: Set<string>;

  /** `used` is copied, unless it is a Set the caller passes to watch what is asked and taken (`shared`). */
  constructor(used: Iterable<string> = [], { shared = false }: { shared?: boolean } = {}) {
    this.used = shared && used instanceof Set ? used : new Set(used);
  }

  /** Marks an explicit name as taken. */
  reserve(name: string): void {
    this.used.add(name);
  }

  choose(name1: string, name2: string | null, label: string): string {
    for (let pass = 0; ; pass++) {
      const name = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  primaryKey(table: string): string {
    return this.choose(table, null, 'pkey');
  }

  unique(table: string, columns: string[]): string {
    return this.choose(table, columns.join('_'), 'key');
  }

  foreignKey(table: string, columns: string[]): string {
    return this.choose(table, columns.join('_'), 'fkey');
  }

  /** A CHECK on one column is `<table>_<column>_check`; one on several (or none) is `<table>_check`. */
  check(table: string, column: string | null): string {
    return this.choose(table, column, 'check');
  }
}

/**
 * The single column a CHECK expression mentions, as PostgreSQL decides the constraint's name;
 * null when it mentions none or several. Identifiers inside string literals are ignored.
 */
export function checkColumnName(expression: string, columns: readonly string[]): string | null {
  const mentioned = new Set<string>();
  const known = new Map(columns.map((c) => [c, c] as const));
  const pattern = /'(?:[^']|'')*'|"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/g;
  for (const match of expression.matchAll(pattern)) {
    const quoted = match[1];
    const bare = match[2];
    const name = quoted !== undefined ? quoted.replace(/""/g, '"') : bare?.toLowerCase();
    if (name !== undefined && known.has(name)) mentioned.add(name);
    // Unquoted identifiers fold to lower case; a column "Email" is only matched quoted.
  }
  return mentioned.size === 1 ? ([...mentioned][0] ?? null) : null;
}

/**
 * SQLAlchemy shortens generated names (naming conventions, ix_ names) longer than 63 characters to
 * 55 characters + "_" + the last 4 hex digits of the full name's md5. Explicit names are kept.
 */
export function truncateGeneratedName(name: string): string {
  if (name.length <= MAX_IDENTIFIER_BYTES) return name;
  const digest = createHash('md5').update(name, 'utf8').digest('hex');
  return `${name.slice(0, MAX_IDENTIFIER_BYTES - 8)}_${digest.slice(-4)}`;
}

/** Keys of a MetaData naming_convention, by the kind of object they name. */
export type ConventionKind = 'ix' | 'uq' | 'ck' | 'fk' | 'pk';
/** A MetaData naming_convention: templates by kind, and any other key a callable token (or a string, which SQLAlchemy could not call). */
export type NamingConvention = Partial<Record<ConventionKind, string>> & { [token: string]: string | CallableToken | undefined };

/** SQLAlchemy's default convention: only indexes are named, `ix_<table>_<column>`. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = { ix: 'ix_%(column_0_label)s' };
const DEFAULT_CONVENTION_KEY = JSON.stringify([['ix', 'ix_%(column_0_label)s']]);

/** A stable text for a convention (cache keys, and telling whether it changed). */
export function conventionKey(convention: NamingConvention | null | undefined): string {
  if (!convention) return '';
  return JSON.stringify(
    Object.keys(convention)
      .sort()
      .map((k) => [k, convention[k]]),
  );
}

/** Whether a convention names exactly as SQLAlchemy's default does. */
export function isDefaultConvention(convention: NamingConvention | null | undefined): boolean {
  return !convention || conventionKey(convention) === DEFAULT_CONVENTION_KEY;
}

export interface ConventionContext {
  table: string;
  columns: string[];
  referredTable?: string;
  referredColumns?: string[];
  /** The name written in the model, if any. */
  constraintName?: string | null;
  /** Index(unique=True): what a callable token reading `constraint.unique` sees. */
  unique?: boolean;
}

/**
 * The name, or null when the convention does not name the object (PostgreSQL then chooses); `unknown`
 * when a callable token cannot be followed (the object exists, under a name this tool cannot know);
 * a problem when SQLAlchemy itself refuses (or a token is one SQLAlchemy does not have).
 */
export type ConventionResult = { name: string | null; unknown?: { token: string } } | { problem: string };

/** SQLAlchemy's column label starts with the table's name, and in another schema with the schema's (dots made underscores). */
function columnLabelPrefix(key: string): string {
  const { schema, name } = splitTableKey(key);
  return schema === null ? name : `${schema.replace(/\./g, '_')}_${name}`;
}

function tokenValue(token: string, context: ConventionContext): string | undefined {
  if (token === 'table_name') return bareTableName(context.table);
  if (token === 'referred_table_name') return context.referredTable === undefined ? undefined : bareTableName(context.referredTable);
  if (token === 'constraint_name') return context.constraintName ?? undefined;
  const match = /^(referred_)?column_0(N|_N)?_(name|label|key)$/.exec(token);
  if (!match) return undefined;
  const columns = match[1] ? (context.referredColumns ?? []) : context.columns;
  const render = (c: string) => (match[3] === 'label' && !match[1] ? `${columnLabelPrefix(context.table)}_${c}` : c);
  if (match[2] === 'N') return columns.map(render).join('');
  if (match[2] === '_N') return columns.map(render).join('_');
  // SQLAlchemy gives "" for a column the constraint does not have (a CHECK on text has none).
  return columns.length === 0 ? '' : render(columns[0] as string);
}

/** Marks the names made from a token this tool cannot follow; equal objects get equal marks on both sides. */
const UNKNOWN_MARK = '?';

/** `?column_names:a,b:unique?`: what an unfollowed token stands for, told apart by the object it names. */
function unknownMark(token: string, context: ConventionContext): string {
  const unique = context.unique ? ':unique' : '';
  const referred = context.referredTable === undefined ? '' : `>${context.referredTable}(${(context.referredColumns ?? []).join(',')})`;
  return `${UNKNOWN_MARK}${token}:${context.columns.join(',')}${unique}${referred}${UNKNOWN_MARK}`;
}

/** Whether a name was made with a callable token that could not be followed (see conventionName). */
export const isUnknownName = (name: string) => name.includes(UNKNOWN_MARK);

/**
 * The name SQLAlchemy gives an object under a naming convention: null when the convention does not
 * name it (PostgreSQL then chooses), the explicit name when there is one and the convention does not
 * use %(constraint_name)s, or a problem for a token this tool cannot fill.
 */
export function conventionName(kind: ConventionKind, convention: NamingConvention, context: ConventionContext): ConventionResult {
  const template = convention[kind];
  const explicit = context.constraintName ?? null;
  if (typeof template !== 'string') return { name: explicit };
  // SQLAlchemy tests the template's text for "constraint_name" (sqlalchemy/sql/naming.py).
  const usesName = template.includes('constraint_name');
  if (explicit !== null && !usesName) return { name: explicit };
  if (explicit === null && usesName) {
    return { problem: l10n.t('the naming convention for "{0}" uses %(constraint_name)s, so SQLAlchemy requires this constraint to be named', kind) };
  }
  let missing: string | null = null;
  let unknown: string | null = null;
  const name = template.replace(/%\(([a-zA-Z0-9_]+)\)s/g, (_all, token: string) => {
    const entry = Object.hasOwn(convention, token) ? convention[token] : undefined;
    if (entry !== undefined && typeof entry !== 'string') {
      const value = evaluateCallable(entry, subjectOf(kind, context));
      if (value !== undefined) return value;
      unknown ??= entry.name;
      // Stands for what the function returns: the same object gets the same mark on both sides.
      return unknownMark(token, context);
    }
    const value = tokenValue(token, context);
    if (value === undefined) missing ??= token;
    return value ?? '';
  });
  if (missing !== null) return { problem: l10n.t('the naming convention token %({0})s cannot be filled statically', missing) };
  if (unknown !== null) return { name, unknown: { token: unknown } };
  return { name: truncateGeneratedName(name) };
}

function subjectOf(kind: ConventionKind, context: ConventionContext): TokenSubject {
  const { schema, name } = splitTableKey(context.table);
  const referred = context.referredTable === undefined ? null : splitTableKey(context.referredTable);
  return {
    kind,
    table: name,
    schema,
    columns: context.columns,
    name: context.constraintName ?? null,
    ...(context.unique !== undefined ? { unique: context.unique } : {}),
    ...(referred ? { referredTable: referred.name, referredSchema: referred.schema, referredColumns: context.referredColumns ?? [] } : {}),
  };
}

/** The name of an `index=True` index under a convention (default `ix_<table>_<column>`). */
export function indexName(table: string, columns: string[], convention: NamingConvention = DEFAULT_NAMING_CONVENTION, unique = false): ConventionResult {
  const result = conventionName('ix', convention, { table, columns, unique });
  // A custom convention replaces the default one; without an "ix" entry SQLAlchemy cannot name the index.
  if ('name' in result && result.name === null) return { problem: l10n.t('the naming convention has no "ix" entry, so SQLAlchemy cannot name this index') };
  return result;
}
