// What a model declares, read from source but not yet turned into a Schema: the table and column
// declarations the class walker and the Table(...) reader produce, and build.ts assembles.
import type { PyExpr } from '../python/expr';
import type { Range } from '../source';
import type { PgEnumType } from '../schema/sqlaTypes';
import type { NamingConvention } from '../schema/naming';

/** Resolves a dotted name written in a module to its canonical form (python/imports.ts qualifyName). */
export type Qualify = (dotted: string) => string;

/** A ForeignKey(...) on a column or a ForeignKeyConstraint(...): target columns not yet resolved. */
export interface ForeignKeyDecl {
  columns: string[];
  /** Each target as written: "user.id", or a class attribute (User.id) resolved to table.column later. */
  targets: ({ table: string; column: string } | { problem: string })[];
  onDelete: string | null;
  name: string | null;
  range: Range;
}

export interface ColumnDecl {
  /** The column name in the table. */
  name: string;
  /** The Python attribute, when there is one. */
  attribute: string | null;
  /** PostgreSQL type; null when it comes from the referenced column of its only ForeignKey. */
  type: string | null;
  enum?: PgEnumType;
  nullable: boolean;
  primaryKey: boolean;
  unique: boolean;
  index: boolean;
  /** SQLAlchemy's `autoincrement=`: true, false, or "auto" / "ignore_fk". */
  autoincrement: boolean | 'auto' | 'ignore_fk';
  /** A Python-side default= that is not None (it turns off SERIAL, as in SQLAlchemy). */
  hasPythonDefault: boolean;
  /** The server_default expression, read into text when the type is known. */
  serverDefault: PyExpr | null;
  /** Identity() as server default: no SERIAL and no default text. */
  identity: boolean;
  comment: string | null;
  foreignKeys: ForeignKeyDecl[];
  /** CheckConstraint(...) written among the column's arguments. */
  checks: { expression: string; name: string | null; range: Range }[];
  /** The attribute statement (or the Column(...) call inside Table(...)). */
  range: Range;
  /** Keywords given a value that is not a literal True/False (noted; never guessed). */
  unreadableFlags?: ('primary_key' | 'unique' | 'index' | 'nullable')[];
  /** The module the column was written in (for its notes and qualify). */
  file: string;
  qualify: Qualify;
}

export interface UniqueDecl {
  columns: string[];
  name: string | null;
  range: Range;
}

export interface IndexDecl {
  name: string | null;
  columns: string[];
  unique: boolean;
  range: Range;
}

export interface CheckDecl {
  expression: string;
  name: string | null;
  range: Range;
}

export interface TableDecl {
  name: string;
  className: string | null;
  /** Where the table is declared: the class name, or the Table(...) call. */
  file: string;
  range: Range;
  tablenameRange?: Range;
  columns: ColumnDecl[];
  primaryKey: { columns: string[]; name: string | null; range: Range } | null;
  uniques: UniqueDecl[];
  indexes: IndexDecl[];
  checks: CheckDecl[];
  foreignKeys: ForeignKeyDecl[];
  /** The MetaData naming_convention in force for this table. */
  namingConvention: NamingConvention | null;
  /** Single-table subclasses that add columns here. */
  extraClassNames: string[];
  /** Attributes set by calls this tool cannot read, which may be columns (their names). */
  unseenColumns?: string[];
}
