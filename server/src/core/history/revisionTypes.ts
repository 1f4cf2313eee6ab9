// Types a revision imports from the project (TypeDecorators, enum classes, sqlalchemy_utils types),
// resolved after the cached parse: the parse keeps such a type as an ImportedType on its op
// (replay/importedTypes.ts), and this pass gives the op the SQL type the project's modules say, with
// what follows from it: the enum type create_table creates, the labels add_column / alter_column need,
// the SERIAL default of an integer primary key and a server default read for the real type. The
// `unresolved-type` note of a type resolved here goes away; one that stays unresolved keeps it.
// The fingerprint of the resolutions goes into the replay's cache key, so an edit of the type's module
// (which changes a resolution) replays again.
import { createHash } from 'node:crypto';
import { stillUndecoded } from '../cache/codec';
import { qualifyName, type ImportMap } from '../python/imports';
import { serverDefaultToPg } from '../schema/defaults';
import type { AddColumnOp, AlterColumnOp, CreateEnumOp, CreateTableOp, DropEnumOp, ImportedColumnType, ImportedType, MigrationOp } from '../schema/ops';
import type { PgTypeResult, PyEnumClass } from '../schema/sqlaTypes';
import type { ColumnDef } from '../schema/ops';
import type { Note, Range, SourceLocation } from '../source';
import { isIntegerType } from './replay/columns';
import { opImportsType } from './replay/importedTypes';
import type { ParsedRevision, ReplayedBody } from './types';

/** How the project's modules read what a revision imports from them. */
export interface RevisionTypeResolver {
  /** The SQL type of an imported type; null when they do not know it (not a project type). */
  type(type: ImportedType, revisionFile: string): PgTypeResult | null;
  /** A project enum class by the name written in the revision (through the imports `type` carries), for `server_default=Kind.X.name`. */
  enumClass(dotted: string, type: ImportedType, revisionFile: string): PyEnumClass | null;
}

type Resolved = { type: string; enum?: { name: string; values: string[] } };

function importsOf(type: ImportedType): ImportMap {
  return { aliases: new Map(type.imports), starModules: [...(type.starModules ?? [])], flaskDb: new Set() };
}

/** Whether some op of some revision has a type only the project's modules can tell. */
export function hasImportedTypes(revisions: readonly ParsedRevision[]): boolean {
  return revisions.some((r) => bodyHasImportedTypes(r.upgrade) || bodyHasImportedTypes(r.downgrade));
}

function bodyHasImportedTypes(body: ReplayedBody): boolean {
  // A body from the cache whose ops are not decoded yet: its read said so (the editor's cached first
  // read decoded the 47,500-line revision's ops, ~8 MB, only to find none).
  if (stillUndecoded(body, 'ops')) return body.importsTypes === true;
  return body.ops.some(opImportsType);
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const sameLocation = (a: SourceLocation | undefined, b: SourceLocation | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.file === b.file && sameRange(a.range, b.range));

class BodyResolution {
  /** The notes of types resolved here (they no longer apply). */
  readonly settled = new Set<Note>();
  /** Notes whose reason the project's modules tell better (`Money picks its SQL type per database`). */
  readonly reworded = new Map<Note, Note>();

  constructor(
    private readonly body: ReplayedBody,
    private readonly file: string,
    private readonly resolve: RevisionTypeResolver,
    private readonly readings: unknown[],
  ) {}

  /** The type when the project resolves it (recording every reading, resolved or not, for the fingerprint). */
  type(imported: ImportedType): Resolved | null {
    const result = this.resolve.type(imported, this.file);
    this.readings.push(result);
    const note = this.body.notes.find(
      // Not one already taken: `e = sa.Enum(Kind)` then `e.create(bind)` and add_column(..., e) note the same range twice.
      (n) =>
        n.kind === 'unresolved-type' &&
        n.location?.file === this.file &&
        sameRange(n.location.range, imported.expr.range) &&
        !this.settled.has(n) &&
        !this.reworded.has(n),
    );
    if (!result || 'problem' in result) {
      if (note && result && result.problem !== imported.problem)
        this.reworded.set(note, { ...note, message: note.message.replace(imported.problem, result.problem) });
      return null;
    }
    if (note) this.settled.add(note);
    return { type: result.type, ...(result.enum ? { enum: result.enum } : {}) };
  }

  column(def: ColumnDef, imported: ImportedColumnType, resolved: Resolved): ColumnDef {
    const column: ColumnDef = { ...def, type: resolved.type };
    if (imported.serverDefault) {
      const read = serverDefaultToPg(imported.serverDefault, resolved.type, {
        qualify: (d) => qualifyName(d, importsOf(imported.type)),
        resolveEnumClass: (d) => {
          const found = this.resolve.enumClass(d, imported.type, this.file);
          this.readings.push(found);
          return found;
        },
      });
      if (!('problem' in read)) {
        column.default = read.default;
        // `server_default=Kind.PHYSICAL.name`: the revision alone could not read it; the project's Kind can.
        const range = imported.serverDefault.range;
        const note = this.body.notes.find((n) => n.kind === 'unresolved-default' && n.location?.file === this.file && sameRange(n.location.range, range));
        if (note) this.settled.add(note);
      }
    } else if (imported.serial && isIntegerType(resolved.type)) {
      column.default = imported.serial;
    }
    return column;
  }

  createTable(op: CreateTableOp, before: readonly MigrationOp[]): MigrationOp[] {
    const columns = [...op.columns];
    const enumTypes = new Set(op.enumTypes ?? []);
    const enums: CreateEnumOp[] = [];
    // The CREATE TYPEs the parse put right before this table (SQLAlchemy creates each name once per table).
    const created = new Set<string>();
    for (let i = before.length - 1; i >= 0; i--) {
      const previous = before[i] as MigrationOp;
      if (previous.kind !== 'createEnum' || !sameLocation(previous.location, op.location)) break;
      created.add(previous.name);
    }
    const left: ImportedColumnType[] = [];
    for (const imported of op.importedTypes ?? []) {
      const resolved = this.type(imported.type);
      const at = columns.findIndex((c) => c.name === imported.column);
      if (!resolved || at < 0) {
        left.push(imported);
        continue;
      }
      columns[at] = this.column(columns[at] as ColumnDef, imported, resolved);
      const e = resolved.enum;
      if (!e) continue;
      enumTypes.add(e.name);
      if (imported.createType && !created.has(e.name)) {
        created.add(e.name);
        enums.push({ kind: 'createEnum', name: e.name, values: [...e.values], ...(op.location ? { location: op.location } : {}) });
      }
    }
    const { importedTypes: _resolved, enumTypes: _enums, ...rest } = op;
    const table: CreateTableOp = {
      ...rest,
      columns,
      ...(enumTypes.size > 0 ? { enumTypes: [...enumTypes] } : {}),
      ...(left.length > 0 ? { importedTypes: left } : {}),
    };
    return [...enums, table];
  }

  addColumn(op: AddColumnOp): AddColumnOp {
    const imported = op.importedType as ImportedColumnType;
    const resolved = this.type(imported.type);
    if (!resolved) return op;
    const { importedType: _resolved, ...rest } = op;
    return { ...rest, column: this.column(op.column, imported, resolved), ...(resolved.enum ? { enumLabels: [...resolved.enum.values] } : {}) };
  }

  alterColumn(op: AlterColumnOp): AlterColumnOp {
    const { type, existing } = op.importedTypes ?? {};
    const next: AlterColumnOp = { ...op };
    delete next.importedTypes;
    const left: NonNullable<AlterColumnOp['importedTypes']> = {};
    const newType = type ? this.type(type) : null;
    if (newType) {
      next.type = newType.type;
      if (newType.enum) next.enumLabels = [...newType.enum.values];
    } else if (type) left.type = type;
    const oldType = existing ? this.type(existing) : null;
    if (oldType && existing) next.existing = { type: oldType.type, nullable: existing.nullable, default: null };
    else if (existing) left.existing = existing;
    if (left.type || left.existing) next.importedTypes = left;
    return next;
  }

  /** `sa.Enum(Kind).create(bind)` / `.drop(bind)`: the enum the project's Kind makes; nothing when it is no enum. */
  enumCall(op: CreateEnumOp | DropEnumOp): MigrationOp[] {
    const resolved = this.type(op.importedType as ImportedType);
    if (!resolved) return [op];
    const { importedType: _resolved, ...rest } = op;
    if (!resolved.enum) return [];
    const { name, values } = resolved.enum;
    return [rest.kind === 'createEnum' ? { ...rest, name, values: [...values] } : { ...rest, name }];
  }

  ops(): { ops: MigrationOp[]; newIndex: (old: number) => number } {
    const out: MigrationOp[] = [];
    const starts: number[] = [];
    for (const op of this.body.ops) {
      starts.push(out.length);
      if (op.kind === 'createTable' && op.importedTypes) out.push(...this.createTable(op, out));
      else if (op.kind === 'addColumn' && op.importedType) out.push(this.addColumn(op));
      else if (op.kind === 'alterColumn' && op.importedTypes) out.push(this.alterColumn(op));
      else if ((op.kind === 'createEnum' || op.kind === 'dropEnum') && op.importedType) out.push(...this.enumCall(op));
      else out.push(op);
    }
    return { ops: out, newIndex: (old) => (old < starts.length ? (starts[old] as number) : out.length) };
  }
}

function resolveBody(body: ReplayedBody, file: string, resolve: RevisionTypeResolver, readings: unknown[]): ReplayedBody {
  if (!bodyHasImportedTypes(body)) return body;
  const resolution = new BodyResolution(body, file, resolve, readings);
  const { ops, newIndex } = resolution.ops();
  if (resolution.settled.size === 0 && resolution.reworded.size === 0 && ops.length === body.ops.length && ops.every((op, i) => op === body.ops[i]))
    return body;
  // Unfollowed calls point into the ops and notes by index: moved with what was inserted and removed.
  const kept: Note[] = [];
  const noteIndex: number[] = [];
  for (const note of body.notes) {
    noteIndex.push(kept.length);
    if (!resolution.settled.has(note)) kept.push(resolution.reworded.get(note) ?? note);
  }
  const unfollowed = body.unfollowed?.map((u) => ({ ...u, afterOps: newIndex(u.afterOps), note: noteIndex[u.note] ?? u.note }));
  return { ...body, ops, notes: kept, ...(unfollowed ? { unfollowed } : {}) };
}

/**
 * The revisions with their imported types resolved (the same objects where nothing was), and a
 * fingerprint of every resolution ('' when no revision imports a type): what the replay's cache key adds.
 */
export function resolveRevisionTypes(
  revisions: readonly ParsedRevision[],
  resolve: RevisionTypeResolver,
): { revisions: ParsedRevision[]; fingerprint: string } {
  const readings: unknown[] = [];
  const out = revisions.map((revision) => {
    if (!bodyHasImportedTypes(revision.upgrade) && !bodyHasImportedTypes(revision.downgrade)) return revision;
    const upgrade = resolveBody(revision.upgrade, revision.path, resolve, readings);
    const downgrade = resolveBody(revision.downgrade, revision.path, resolve, readings);
    return upgrade === revision.upgrade && downgrade === revision.downgrade ? revision : { ...revision, upgrade, downgrade };
  });
  const fingerprint = readings.length === 0 ? '' : createHash('sha1').update(JSON.stringify(readings)).digest('hex');
  return { revisions: out, fingerprint };
}
