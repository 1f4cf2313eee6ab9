// Migration operations: the vocabulary shared by replay (revision files → ops), diff
// (schemas → ops), render (ops → Python revision file, ops → SQL) and the executor.
// They mirror Alembic's op.* calls, with types already in PostgreSQL's format_type spelling.
import type { PyExpr } from '../python/expr';
import type { SourceLocation } from '../source';
import type { CheckSchema, ColumnSchema, ForeignKeySchema, IndexSchema, KeySchema } from './types';

/** A column as created by create_table / add_column. */
export interface ColumnDef extends ColumnSchema {
  name: string;
}

/** The `with op.batch_alter_table(...)` block an op was written in (SQLite applies the block as one table copy). */
export interface BatchBlock {
  table: string;
  recreate: 'auto' | 'always' | 'never';
  /** 0-based line of the `with` statement: tells consecutive blocks apart. */
  line: number;
}

/**
 * A type a revision imports from the project (a TypeDecorator, an enum class) or from sqlalchemy_utils:
 * the revision's own reading cannot tell its SQL type, so it is resolved after the (cached) parse through
 * the project's modules (history/revisionTypes.ts). Plain data, so it survives the cache.
 */
export interface ImportedType {
  expr: PyExpr;
  /** The revision's imports (local name → dotted name), which the names in `expr` resolve through. */
  imports: [string, string][];
  /** The project modules the revision star-imports (`from app.types import *`), searched for names it does not import by name. */
  starModules?: string[];
  /** Why the revision alone could not read it (in its note; replaced by the project's reason when it has one). */
  problem: string;
}

/** A create_table / add_column column whose type is an ImportedType, with what the type decides. */
export interface ImportedColumnType {
  column: string;
  type: ImportedType;
  /** Whether an enum type it turns out to be is created with the table (not postgresql.ENUM(create_type=False)). */
  createType: boolean;
  /** server_default=, read again with the resolved type (PostgreSQL prints '0' on an integer as 0). */
  serverDefault?: PyExpr;
  /** The SERIAL default the column gets when the type turns out to be an integer. */
  serial?: string;
}

interface OpBase {
  /** Where the op was written (replayed revision files), when known. */
  location?: SourceLocation;
  batch?: BatchBlock;
  /**
   * Written to tolerate what it meets: `if_exists=True` / `if_not_exists=True` (Alembic 1.12+),
   * SQL with IF [NOT] EXISTS, an enum's `.create(checkfirst=True)`. Where PostgreSQL would refuse it
   * for what exists (or does not), it does nothing. A plain field, so it survives the cache.
   */
  ifExists?: true;
}

export interface CreateTableOp extends OpBase {
  kind: 'createTable';
  table: string;
  columns: ColumnDef[];
  primaryKey: KeySchema | null;
  uniques: KeySchema[];
  foreignKeys: ForeignKeySchema[];
  checks: CheckSchema[];
  /** The enum types its columns use (created by the createEnum ops before it, or required to exist already). */
  enumTypes?: string[];
  /** Columns whose type the project's modules decide (resolved after the parse). */
  importedTypes?: ImportedColumnType[];
}
export interface DropTableOp extends OpBase {
  kind: 'dropTable';
  table: string;
}
export interface RenameTableOp extends OpBase {
  kind: 'renameTable';
  from: string;
  to: string;
}
export interface AddColumnOp extends OpBase {
  kind: 'addColumn';
  table: string;
  column: ColumnDef;
  /** The labels of the enum the column's type names, when no op creates that type (SQLite makes it a VARCHAR of its own). */
  enumLabels?: string[];
  /** A type the project's modules decide (resolved after the parse). */
  importedType?: ImportedColumnType;
}
export interface DropColumnOp extends OpBase {
  kind: 'dropColumn';
  table: string;
  column: string;
}
export interface AlterColumnOp extends OpBase {
  kind: 'alterColumn';
  table: string;
  column: string;
  /** Each field present only when it changes. `default: null` drops the default. */
  type?: string;
  /** USING expression for a type change PostgreSQL can't cast implicitly. */
  using?: string;
  nullable?: boolean;
  default?: string | null;
  newName?: string;
  /** The labels of the enum `type` names (alter_column never creates the type: it must exist). */
  enumLabels?: string[];
  /** The column as it was, when known (Alembic's existing_type / existing_nullable / existing_server_default). */
  existing?: ColumnSchema;
  /** type_ / existing_type= that the project's modules decide (resolved after the parse). */
  importedTypes?: { type?: ImportedType; existing?: ImportedType & { nullable: boolean } };
}
export interface CreateIndexOp extends OpBase {
  kind: 'createIndex';
  table: string;
  index: IndexSchema;
  concurrently?: boolean;
}
export interface DropIndexOp extends OpBase {
  kind: 'dropIndex';
  table: string | null;
  name: string;
  /** `schema=` without the table: the index lives in that (non-default) schema. */
  schema?: string;
}
export interface CreateUniqueOp extends OpBase {
  kind: 'createUnique';
  table: string;
  key: KeySchema;
}
export interface CreatePrimaryKeyOp extends OpBase {
  kind: 'createPrimaryKey';
  table: string;
  key: KeySchema;
}
export interface CreateForeignKeyOp extends OpBase {
  kind: 'createForeignKey';
  table: string;
  foreignKey: ForeignKeySchema;
}
export interface CreateCheckOp extends OpBase {
  kind: 'createCheck';
  table: string;
  check: CheckSchema;
}
export type ConstraintType = 'unique' | 'foreignkey' | 'check' | 'primary';
export interface DropConstraintOp extends OpBase {
  kind: 'dropConstraint';
  table: string;
  name: string;
  type: ConstraintType | null;
}
export interface CreateEnumOp extends OpBase {
  kind: 'createEnum';
  name: string;
  values: string[];
  /** `sa.Enum(Status).create(bind)` with Status imported from the project: name and labels are the project's, so until revisionTypes.ts resolves them the op changes nothing. */
  importedType?: ImportedType;
}
export interface DropEnumOp extends OpBase {
  kind: 'dropEnum';
  name: string;
  /** As CreateEnumOp's: the name is the project's until resolved. */
  importedType?: ImportedType;
}
export interface AddEnumValueOp extends OpBase {
  kind: 'addEnumValue';
  name: string;
  value: string;
  after?: string;
}
/** Raw SQL the engine passes through unchanged (op.execute with a statement it understood or was told to keep). */
export interface ExecuteSqlOp extends OpBase {
  kind: 'executeSql';
  sql: string;
  /** PostgreSQL-only SQL (a sequence rename): left out of revisions for other dialects. */
  postgresqlOnly?: true;
}

export type MigrationOp =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueOp
  | CreatePrimaryKeyOp
  | CreateForeignKeyOp
  | CreateCheckOp
  | DropConstraintOp
  | CreateEnumOp
  | DropEnumOp
  | AddEnumValueOp
  | ExecuteSqlOp;

export type OpKind = MigrationOp['kind'];
