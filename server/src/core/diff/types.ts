// One difference between two schemas, with the ops that make it (upgrade) and undo it exactly (downgrade).
// A tagged union: each kind carries exactly its fields, so `change.kind === 'dropColumn'` gives
// `columnBefore` without a cast, and a new kind fails to compile wherever kinds are handled.
import type { MigrationOp } from '../schema/ops';
import type { CheckSchema, ColumnSchema, ForeignKeySchema, IndexSchema, KeySchema, TableSchema } from '../schema/types';

/** For alterColumn: each field present only when it changes, as [before, after]. */
export interface ColumnAlteration {
  type?: [string, string];
  nullable?: [boolean, boolean];
  default?: [string | null, string | null];
}

interface ChangeBase {
  /** True when the table exists before this migration (not created by it): risky ops matter only then. */
  onExistingTable: boolean;
  upgrade: MigrationOp[];
  /** Undoes `upgrade`; run in the order given, after later changes were undone. */
  downgrade: MigrationOp[];
}

/** Enum-only changes touch no table. */
interface EnumBase extends ChangeBase {
  /** The enum type's name. */
  enumName: string;
  table?: undefined;
  column?: undefined;
}

interface TableBase extends ChangeBase {
  /** The table it touches (after a rename: the new name). */
  table: string;
}

export interface CreateEnumChange extends EnumBase {
  kind: 'createEnum';
  enumAfter: string[];
}
export interface AlterEnumChange extends EnumBase {
  /** addEnumValues only adds labels (ALTER TYPE … ADD VALUE); recreateEnum removes or reorders them. */
  kind: 'addEnumValues' | 'recreateEnum';
  enumBefore: string[];
  enumAfter: string[];
}
export interface DropEnumChange extends EnumBase {
  kind: 'dropEnum';
  enumBefore: string[];
}

export interface TableChange extends TableBase {
  kind: 'createTable' | 'dropTable';
  /** The whole table: as created, or as it was before the drop. */
  tableDef: TableSchema;
  column?: undefined;
}
export interface RenameTableChange extends TableBase {
  kind: 'renameTable';
  renamedFrom: string;
  tableDef: TableSchema;
  column?: undefined;
}

interface ColumnBase extends TableBase {
  /** The column it touches (for renameColumn: the new name). */
  column: string;
}
export interface AddColumnChange extends ColumnBase {
  kind: 'addColumn';
  columnAfter: ColumnSchema;
}
export interface DropColumnChange extends ColumnBase {
  kind: 'dropColumn';
  columnBefore: ColumnSchema;
}
export interface AlterColumnChange extends ColumnBase {
  kind: 'alterColumn';
  columnBefore: ColumnSchema;
  columnAfter: ColumnSchema;
  alteration: ColumnAlteration;
}
export interface RenameColumnChange extends ColumnBase {
  kind: 'renameColumn';
  renamedFrom: string;
  columnBefore: ColumnSchema;
  columnAfter: ColumnSchema;
}

interface ConstraintBase extends TableBase {
  /** Set when the constraint covers exactly one column. */
  column?: string;
}
export interface IndexChange extends ConstraintBase {
  kind: 'createIndex' | 'dropIndex';
  index: IndexSchema;
}
export interface KeyChange extends ConstraintBase {
  kind: 'createUnique' | 'dropUnique' | 'createPrimaryKey' | 'dropPrimaryKey';
  key: KeySchema;
}
export interface ForeignKeyChange extends ConstraintBase {
  kind: 'createForeignKey' | 'dropForeignKey';
  foreignKey: ForeignKeySchema;
}
export interface CheckChange extends ConstraintBase {
  kind: 'createCheck' | 'dropCheck';
  check: CheckSchema;
}

export type Change =
  | CreateEnumChange
  | AlterEnumChange
  | DropEnumChange
  | TableChange
  | RenameTableChange
  | AddColumnChange
  | DropColumnChange
  | AlterColumnChange
  | RenameColumnChange
  | IndexChange
  | KeyChange
  | ForeignKeyChange
  | CheckChange;

export type ChangeKind = Change['kind'];

/** The change of one kind, narrowed: `ChangeOf<'dropColumn'>` has `columnBefore`. */
export type ChangeOf<K extends ChangeKind> = Change & { kind: K };

/** Changes on a table (every kind but the enum ones). */
export type TableLevelChange = Exclude<Change, CreateEnumChange | AlterEnumChange | DropEnumChange>;

export interface DiffOptions {
  renames?: import('../findings').RenameChoice[];
}

/** All upgrade ops in order, and the downgrade ops that undo them (changes undone last-first). */
export function migrationOps(changes: Change[]): { upgrade: MigrationOp[]; downgrade: MigrationOp[] } {
  return {
    upgrade: changes.flatMap((c) => c.upgrade),
    downgrade: [...changes].reverse().flatMap((c) => c.downgrade),
  };
}
