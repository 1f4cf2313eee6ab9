// The schema model every source (models, replayed migrations, a live database) is turned into,
// so that any two can be compared. Internally constraints keep their names (a migration drops a
// constraint by name); the contract JSON of ARCHITECTURE.md drops them (see json.ts).

/** A column as PostgreSQL would describe it. */
export interface ColumnSchema {
  /** PostgreSQL's format_type spelling: "integer", "character varying(120)", "timestamp with time zone", an enum's name… */
  type: string;
  nullable: boolean;
  /** The server default as pg_get_expr prints it ("'x'::character varying", "now()", "nextval('user_id_seq'::regclass)"), or null. */
  default: string | null;
  comment?: string | null;
}

/** A named list of columns: a primary key or a unique constraint. */
export interface KeySchema {
  name: string;
  columns: string[];
}

export interface IndexSchema {
  name: string;
  /** Column names, or the expression text for expression indexes. */
  columns: string[];
  unique: boolean;
}

export interface ForeignKeySchema {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** "CASCADE", "SET NULL", "RESTRICT", "SET DEFAULT", or null for PostgreSQL's default (NO ACTION). */
  onDelete: string | null;
}

export interface CheckSchema {
  name: string;
  /** The SQL expression as written (compare with canonicalCheckExpression). */
  expression: string;
}

export interface TableSchema {
  /** Insertion order is column order. */
  columns: Record<string, ColumnSchema>;
  primaryKey: KeySchema | null;
  uniques: KeySchema[];
  /** Only indexes that back no constraint. */
  indexes: IndexSchema[];
  foreignKeys: ForeignKeySchema[];
  checks: CheckSchema[];
}

export interface Schema {
  tables: Record<string, TableSchema>;
  /** PostgreSQL enum types: name → labels in declaration order. */
  enums: Record<string, string[]>;
}

export function emptySchema(): Schema {
  return { tables: {}, enums: {} };
}

export function emptyTable(): TableSchema {
  return { columns: {}, primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [] };
}

export function cloneSchema(schema: Schema): Schema {
  return structuredClone(schema);
}
