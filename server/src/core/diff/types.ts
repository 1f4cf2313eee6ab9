// One difference between two schemas, with the ops that make it (upgrade) and undo it exactly (downgrade).
import type { MigrationOp } from '../schema/ops';
import type { ColumnSchema, ForeignKeySchema, IndexSchema, KeySchema, TableSchema } from '../schema/types';

export type ChangeKind =
  | 'createEnum'
  | 'addEnumValues'
  | 'recreateEnum'
  | 'dropEnum'
  | 'renameTable'
  | 'createTable'
  | 'dropTable'
  | 'renameColumn'
  | 'addColumn'
  | 'dropColumn'
  | 'alterColumn'
  | 'createIndex'
  | 'dropIndex'
  | 'createUnique'
  | 'dropUnique'
  | 'createPrimaryKey'
  | 'dropPrimaryKey'
  | 'createForeignKey'
  | 'dropForeignKey'
  | 'createCheck'
  | 'dropCheck';

/** For alterColumn: each field present only when it changes, as [before, after]. */
export interface ColumnAlteration {
  type?: [string, string];
  nullable?: [boolean, boolean];
  default?: [string | null, string | null];
}

export interface Change {
  kind: ChangeKind;
  /** The table it touches (after renames: the new name); absent for enum-only changes. */
  table?: string;
  /** The column it touches (for renameColumn: the new name). */
  column?: string;
  /** For enum changes: the type name. */
  enumName?: string;
  /** For renames: the old name (table or column). */
  renamedFrom?: string;
  /** The column as it was (dropColumn, alterColumn, renameColumn) and as it will be (addColumn, alterColumn). */
  columnBefore?: ColumnSchema;
  columnAfter?: ColumnSchema;
  alteration?: ColumnAlteration;
  /** The whole table for createTable / dropTable. */
  tableDef?: TableSchema;
  index?: IndexSchema;
  key?: KeySchema;
  foreignKey?: ForeignKeySchema;
  /** Enum labels before/after for enum changes. */
  enumBefore?: string[];
  enumAfter?: string[];
  /** True when the table exists before this migration (not created by it): risky ops matter only then. */
  onExistingTable: boolean;
  upgrade: MigrationOp[];
  /** Undoes `upgrade`; run in the order given, after later changes were undone. */
  downgrade: MigrationOp[];
}

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
