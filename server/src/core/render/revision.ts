// The Alembic revision file for a list of changes: rendered through the project's own
// migrations/script.py.mako when it has one (else Flask-Migrate's standard template), with a
// 12-hex revision id, down_revision = the current head, upgrade() and its exact inverse downgrade().
// Safe by default: a NOT NULL column added to an existing table is added nullable, backfilled and
// then made NOT NULL; destructive changes are named in a comment at the top of the file.
import { randomBytes } from 'node:crypto';
import type { Change } from '../diff/types';
import { isUnresolvedType } from '../diff/compare';
import type { AmbiguousRename } from '../diff/renameGuess';
import type { RenameChoice } from '../findings';
import { renameHeader } from './renameHeader';
import type { Dialect } from '../project/database';
import type { MigrationOp } from '../schema/ops';
import type { Schema } from '../schema/types';
import { backfillFor } from '../rules/backfill';
import { typeChangeEffect } from '../rules/typeChanges';
import { commentText, docstringText, renderMako, type MakoValue } from './mako';
import { opsToPython } from './pythonOps';
import { nullableOnDowngrade, restoreComment, safeDowngrade } from './safeDowngrade';
import { quoteIdent, quoteTable, sequenceOfDefault } from './sqlNames';
import { RENDER_NOTES } from './renderNotes';
import { aroundForeignKeyTypeChanges } from './fkTypeChanges';

/** Flask-Migrate's migrations/script.py.mako ("flask" template), used when the project has none. */
export const FLASK_MIGRATE_TEMPLATE = [
  '"""${message}',
  '',
  'Revision ID: ${up_revision}',
  'Revises: ${down_revision | comma,n}',
  'Create Date: ${create_date}',
  '',
  '"""',
  'from alembic import op',
  'import sqlalchemy as sa',
  '${imports if imports else ""}',
  '',
  '# revision identifiers, used by Alembic.',
  'revision = ${repr(up_revision)}',
  'down_revision = ${repr(down_revision)}',
  'branch_labels = ${repr(branch_labels)}',
  'depends_on = ${repr(depends_on)}',
  '',
  '',
  'def upgrade():',
  '    ${upgrades if upgrades else "pass"}',
  '',
  '',
  'def downgrade():',
  '    ${downgrades if downgrades else "pass"}',
  '',
].join('\n');

export interface RevisionInput {
  changes: Change[];
  /** The schema at the migration head (what upgrade starts from). */
  head: Schema;
  /** The models' schema (what upgrade leads to). */
  target: Schema;
  message: string;
  /** The current head; null for the first revision. Several heads must be merged first (the caller refuses). */
  downRevision: string | null;
  /** branch_labels of the new revision (Flask-Alembic starting its "default" branch); none by default. */
  branchLabels?: string[] | null;
  revisionId?: string;
  createDate?: Date;
  /** The project's script.py.mako text, if it has one. */
  template?: string | null;
  /** Indexes (by name) to create with CONCURRENTLY, outside the transaction (the PG101 fix). */
  concurrentIndexes?: string[];
  /** Renames made by assumption, and drop + add groups with several readings: both are named at the top. */
  renames?: { assumed: RenameChoice[]; ambiguous: AmbiguousRename[] };
  /** The project's render_as_batch (core/project/batchMode.ts): batch blocks for ops on existing tables. */
  batch?: boolean;
  /** The project's database dialect (default postgresql). */
  dialect?: Dialect;
  /** Drops left out because a model may still own the table or column (core/project/keptDrops.ts): named at the top. */
  kept?: { table: string; column?: string; reason: string }[];
}

/** The comment naming the foreign keys re-created around type changes, and the ones PostgreSQL will refuse. */
function fkHeader(wrapped: string[], refused: string[]): string[] {
  return [
    ...(wrapped.length === 0
      ? []
      : [
          commentText(
            `# Migration Guard: foreign keys dropped before the type changes and created again after them (PostgreSQL refuses a type change while a foreign key pairs incompatible types): ${wrapped.join(', ')}`,
          ),
        ]),
    ...(refused.length === 0
      ? []
      : [
          '# Migration Guard: this migration FAILS: the models pair types PostgreSQL refuses in a foreign key; change one side:',
          ...refused.map((r) => commentText(`#   - ${r}`)),
        ]),
  ];
}

/** The comment naming the drops left out; the reasons (in the user's language) go to the notes. */
function keptHeader(kept: NonNullable<RevisionInput['kept']>): string[] {
  if (kept.length === 0) return [];
  return [
    '# Migration Guard: NOT DROPPED, although the models do not show them: a model may still own them (a library builds',
    '# them when the models are imported, or a model whose __tablename__ cannot be read maps them), and Alembic, importing',
    '# the models, sees them. If one is really gone, write its drop by hand:',
    ...kept.map((k) => commentText(`#   - ${k.column === undefined ? `table ${k.table}` : `column ${k.table}.${k.column}`}`)),
  ];
}

/** Enum types (and sequences) exist on their own only in PostgreSQL; elsewhere the column carries its labels. */
const ENUM_TYPE_OPS = new Set<MigrationOp['kind']>(['createEnum', 'dropEnum', 'addEnumValue']);
function forDialect(ops: MigrationOp[], dialect: Dialect): MigrationOp[] {
  if (dialect === 'postgresql') return ops;
  return ops
    .filter((op) => !ENUM_TYPE_OPS.has(op.kind) && !(op.kind === 'executeSql' && op.postgresqlOnly))
    .map((op) => (op.kind === 'alterColumn' && op.using !== undefined ? (({ using: _using, ...rest }) => rest)(op) : op));
}

export interface RenderedRevision {
  revision: string;
  text: string;
  upgrade: MigrationOp[];
  downgrade: MigrationOp[];
  /** What the reader should know: template fallbacks, unsafe columns left as they are. */
  notes: string[];
}

export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/** Alembic's create_date: the local time as Python's str(datetime.now()) prints it. */
export function alembicDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds() * 1000, 6)}`;
}

/** A NOT NULL column without a default added to a table with rows: added nullable, filled, then tightened. */
function safeUpgrade(change: Change, enums: Record<string, string[]>, notes: string[]): MigrationOp[] {
  const op = change.upgrade[0];
  if (change.kind !== 'addColumn' || !change.onExistingTable || change.columnAfter.nullable || change.columnAfter.default !== null || op?.kind !== 'addColumn')
    return change.upgrade;
  const after = change.columnAfter;
  if (sequenceOfDefault(after.default) !== null) return change.upgrade;
  const fill = backfillFor(after.type, enums);
  const where = `${change.table}.${change.column}`;
  if (!fill) {
    notes.push(RENDER_NOTES.noNeutralValue(where, after.type));
    return change.upgrade;
  }
  const table = quoteTable(change.table);
  const column = quoteIdent(change.column);
  return [
    { ...op, column: { ...op.column, nullable: true } },
    { kind: 'executeSql', sql: `UPDATE ${table} SET ${column} = ${fill.sql} WHERE ${column} IS NULL` },
    { kind: 'alterColumn', table: change.table, column: change.column, nullable: false, existing: { ...after, nullable: true } },
  ];
}

/** A type as the user wrote it: an unresolved one without its `?` placeholder mark. */
const writtenType = (type: string) => (isUnresolvedType(type) ? type.slice(1) : type);

/** Plain-words lines naming the data this migration destroys (PostgreSQL accepts it and the values are gone). */
export function dataAtRisk(changes: Change[], enums: ReadonlySet<string>, enumLabels: Record<string, string[]> = {}): string[] {
  const out: string[] = [];
  for (const c of changes) {
    if (c.kind === 'dropTable') out.push(`drops table ${c.table} and every row in it (columns: ${Object.keys(c.tableDef.columns).join(', ')})`);
    if (c.kind === 'dropColumn') out.push(`drops column ${c.table}.${c.column} (${writtenType(c.columnBefore.type)}) and every value in it`);
    const type = c.kind === 'alterColumn' ? c.alteration.type : undefined;
    const effect = type ? typeChangeEffect(type[0], type[1], enums, { fromLabels: enumLabels[type[0]] ?? [] }) : null;
    if (type && effect?.effect === 'changes') out.push(`changes ${c.table}.${c.column} from ${type[0]} to ${type[1]}: ${effect.reason}`);
  }
  return out;
}

/** Plain-words lines naming what makes this migration fail on existing values (PostgreSQL refuses; nothing is lost). */
export function mayFail(changes: Change[], enums: ReadonlySet<string>, enumLabels: Record<string, string[]> = {}): string[] {
  const out: string[] = [];
  for (const c of changes) {
    if (c.kind === 'recreateEnum') {
      const removed = c.enumBefore.filter((v) => !c.enumAfter.includes(v));
      if (removed.length > 0)
        out.push(`removes ${removed.join(', ')} from enum ${c.enumName}: fails if a row still holds ${removed.length === 1 ? 'it' : 'them'}`);
    }
    const type = c.kind === 'alterColumn' ? c.alteration.type : undefined;
    const effect = type ? typeChangeEffect(type[0], type[1], enums, { fromLabels: enumLabels[type[0]] ?? [] }) : null;
    if (type && effect?.effect === 'refuses') out.push(`changes ${c.table}.${c.column} from ${type[0]} to ${type[1]}: fails on ${effect.reason}`);
  }
  return out;
}

function body(lines: string[], indent: string): string {
  if (lines.length === 0) return '';
  const all = ['# ### commands generated by Migration Guard - please review! ###', ...lines, '# ### end Migration Guard commands ###'];
  return all.map((line, i) => (i === 0 || line === '' ? line : `${indent}${line}`)).join('\n');
}

/** The indentation in front of `${name ...}` in the template (continuation lines need it too). */
function indentOf(template: string, variable: string): string {
  const m = new RegExp(`^([ \\t]*)\\$\\{${variable}\\b`, 'm').exec(template);
  return m ? (m[1] as string) : '    ';
}

/**
 * `${imports}`: the postgresql dialect when used, and `op` / `sa` when the project's template does
 * not import them itself (pgAdmin's adds them by hand in every revision; a body using them would
 * otherwise fail with NameError at upgrade time).
 */
function importLines(template: string, usesPostgresql: boolean): string {
  const lines: string[] = [];
  if (!/^[ \t]*from alembic import (?:[\w, ]*\b)?op\b/m.test(template)) lines.push('from alembic import op');
  if (!/^[ \t]*import sqlalchemy as sa\b/m.test(template)) lines.push('import sqlalchemy as sa');
  if (usesPostgresql) lines.push('from sqlalchemy.dialects import postgresql');
  return lines.join('\n');
}

export function renderRevision(input: RevisionInput): RenderedRevision {
  const notes: string[] = (input.kept ?? []).map((k) => RENDER_NOTES.keptDrop(k.column === undefined ? k.table : `${k.table}.${k.column}`, k.reason));
  const enums = { ...input.head.enums, ...input.target.enums };
  const concurrent = new Set(input.concurrentIndexes ?? []);
  const dialect = input.dialect ?? 'postgresql';
  let upgrade = forDialect(
    input.changes.flatMap((c) => safeUpgrade(c, enums, notes)),
    dialect,
  ).map((op): MigrationOp => (op.kind === 'createIndex' && concurrent.has(op.index.name) ? { ...op, concurrently: true } : op));
  for (const name of concurrent) {
    if (!upgrade.some((op) => op.kind === 'createIndex' && op.index.name === name)) notes.push(RENDER_NOTES.concurrentlyIgnored(name));
  }
  let downgrade = forDialect(
    [...input.changes].reverse().flatMap((c) => safeDowngrade(c, dialect)),
    dialect,
  );
  // PostgreSQL refuses a type change that breaks a foreign key's pair of types, even for a moment.
  const fkUp = dialect === 'postgresql' ? aroundForeignKeyTypeChanges(upgrade, input.head, input.target) : null;
  const fkDown = dialect === 'postgresql' ? aroundForeignKeyTypeChanges(downgrade, input.target, input.head) : null;
  if (fkUp && fkDown) {
    upgrade = fkUp.ops;
    downgrade = fkDown.ops;
    const wrapped = [...new Set([...fkUp.wrapped, ...fkDown.wrapped])];
    if (wrapped.length > 0) notes.push(RENDER_NOTES.foreignKeysRewrapped(wrapped.join(', ')));
    for (const refused of fkUp.refused) notes.push(RENDER_NOTES.foreignKeyRefused(refused));
  }
  const pythonOptions = { batch: input.batch ?? false, dialect };
  const up = opsToPython(upgrade, input.head, enums, pythonOptions);
  const down = opsToPython(downgrade, input.target, enums, pythonOptions);
  for (const type of new Set([...up.unresolvedTypes, ...down.unresolvedTypes])) {
    notes.push(RENDER_NOTES.unreadableType(type));
  }
  const revision = input.revisionId ?? newRevisionId();
  let template = input.template ?? FLASK_MIGRATE_TEMPLATE;
  const vars = (t: string): Record<string, MakoValue> => ({
    message: docstringText(input.message),
    up_revision: revision,
    down_revision: input.downRevision,
    branch_labels: input.branchLabels ?? null,
    depends_on: null,
    create_date: alembicDate(input.createDate ?? new Date()),
    imports: importLines(t, up.usesPostgresql || down.usesPostgresql),
    upgrades: body(up.lines, indentOf(t, 'upgrades')),
    downgrades: body([...restoreComment(nullableOnDowngrade(input.changes, dialect)), ...down.lines], indentOf(t, 'downgrades')),
  });
  let rendered = renderMako(template, vars(template));
  if ('problem' in rendered) {
    notes.push(RENDER_NOTES.templateFallback(rendered.problem));
    template = FLASK_MIGRATE_TEMPLATE;
    rendered = renderMako(template, vars(template));
    if ('problem' in rendered) throw new Error(`internal template error: ${rendered.problem}`);
  }
  const risks = dataAtRisk(input.changes, new Set(Object.keys(enums)), input.head.enums);
  const failures = mayFail(input.changes, new Set(Object.keys(enums)), input.head.enums);
  const unresolved = [...new Set([...up.unresolvedTypes, ...down.unresolvedTypes])];
  const header = [
    ...(risks.length === 0
      ? []
      : ['# Migration Guard: this migration DESTROYS OR REWRITES DATA. Back up and review before running it:', ...risks.map((r) => `#   - ${commentText(r)}`)]),
    ...(failures.length === 0
      ? []
      : [
          '# Migration Guard: this migration FAILS if existing values do not fit (PostgreSQL refuses and rolls back; nothing is lost):',
          ...failures.map((r) => `#   - ${commentText(r)}`),
        ]),
    ...renameHeader(input.renames?.assumed ?? [], input.renames?.ambiguous ?? []),
    ...keptHeader(input.kept ?? []),
    ...fkHeader(fkUp?.wrapped ?? [], fkUp?.refused ?? []),
    ...(unresolved.length === 0 ? [] : [`# Migration Guard: add the imports for ${commentText(unresolved.join(', '))} (written as the models spell them).`]),
  ]
    .map((line) => `${line}\n`)
    .join('');
  return { revision, text: header + rendered.text, upgrade, downgrade, notes };
}

export interface MergeInput {
  /** The heads the merge joins, in the order `down_revision` lists them. */
  heads: string[];
  message: string;
  revisionId?: string;
  createDate?: Date;
  template?: string | null;
}

/** A merge revision as `flask db merge` writes it: down_revision is the tuple of heads, both bodies are `pass`. */
export function renderMergeRevision(input: MergeInput): { revision: string; text: string; notes: string[] } {
  const notes: string[] = [];
  const revision = input.revisionId ?? newRevisionId();
  const vars: Record<string, MakoValue> = {
    message: docstringText(input.message),
    up_revision: revision,
    down_revision: input.heads,
    branch_labels: null,
    depends_on: null,
    create_date: alembicDate(input.createDate ?? new Date()),
    imports: '',
    upgrades: '',
    downgrades: '',
  };
  let rendered = renderMako(input.template ?? FLASK_MIGRATE_TEMPLATE, vars);
  if ('problem' in rendered) {
    notes.push(RENDER_NOTES.templateFallback(rendered.problem));
    rendered = renderMako(FLASK_MIGRATE_TEMPLATE, vars);
    if ('problem' in rendered) throw new Error(`internal template error: ${rendered.problem}`);
  }
  return { revision, text: rendered.text, notes };
}

/** Alembic's file name: file_template (default "%(rev)s_%(slug)s") with a slug of at most 40 characters. */
export function revisionFileName(revision: string, message: string, date: Date = new Date(), fileTemplate?: string): string {
  const words = message.replace(/\W/g, ' ').toLowerCase().trim().split(/\s+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}_${word}` : word;
    if (next.length > 40) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, 40);
  const p = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = {
    rev: revision,
    slug,
    epoch: String(Math.floor(date.getTime() / 1000)),
    year: String(date.getFullYear()),
    month: p(date.getMonth() + 1),
    day: p(date.getDate()),
    hour: p(date.getHours()),
    minute: p(date.getMinutes()),
    second: p(date.getSeconds()),
  };
  const template = (fileTemplate ?? '%(rev)s_%(slug)s').replace(/%%/g, '%');
  // Python %-formatting: %(name)[flags][width][.precision](s|d); a precision on %d pads with zeros.
  const name = template.replace(
    /%\((\w+)\)([-#0 +]*)(\d*)(?:\.(\d+))?([sd])/g,
    (_m, key: string, flags: string, width: string, precision: string | undefined, type: string) => {
      let value = values[key] ?? '';
      if (type === 'd' && precision) value = value.padStart(Number(precision), '0');
      return value.padStart(Number(width || 0), flags.includes('0') ? '0' : ' ');
    },
  );
  return `${name}.py`;
}
