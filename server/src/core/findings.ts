// What the rules report: the findings JSON of ARCHITECTURE.md. Plain data: the LSP layer turns a
// Finding into a Diagnostic (fixes into code actions), the CLI prints it as JSON or text.
import type { Range } from './source';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

/** A rename the user confirmed (never guessed silently): `--rename user.name=full_name`, `--rename-table old=new`. */
export type RenameChoice = { kind: 'column'; table: string; from: string; to: string } | { kind: 'table'; from: string; to: string };

export type FindingFix =
  /** Write the migration with this rename instead of drop + add (keeps the data). */
  | { kind: 'rename'; title: string; rename: RenameChoice }
  /** Add `server_default=<expression>` to the model column (`pythonValue` is what to type in the model). */
  | { kind: 'serverDefault'; title: string; table: string; column: string; expression: string; pythonValue: string }
  /** Add the column nullable, fill it with `backfill`, then make it NOT NULL (what Create Migration writes by default). */
  | { kind: 'twoStep'; title: string; table: string; column: string; backfill: string }
  /** Fill the column's NULLs with `backfill` in the migration, before it is made NOT NULL. */
  | { kind: 'backfillNulls'; title: string; table: string; column: string; backfill: string }
  /** Create the index without blocking writes (`postgresql_concurrently=True` in an autocommit block). */
  | { kind: 'concurrently'; title: string; table: string; index: string }
  /** Run this query first to see the rows that would make the migration fail. */
  | { kind: 'inspectRows'; title: string; sql: string }
  /** Write the pending migration (the `revision --autogenerate` of the CLI). */
  | { kind: 'createMigration'; title: string }
  /** Put `# migration-guard: ignore <code>` on the line above `line` of `file`. */
  | { kind: 'ignore'; title: string; code: string; comment: string; file: string; line: number };

export type FixKind = FindingFix['kind'];

export interface Finding {
  code: string;
  severity: FindingSeverity;
  /** Plain words: what happens to which data, and why. */
  message: string;
  /** The model file the finding points at (absolute in the engine; relative to DIR in the CLI's JSON). */
  file: string;
  range: Range;
  table: string;
  column?: string;
  /** True when applying the change as it stands would destroy or rewrite stored data. */
  destructive: boolean;
  /** For a type change: the column type before and after (the database counts the values that do not fit). */
  typeChange?: { from: string; to: string };
  /** What the database counted for this finding (see the rule's `rowsAtRisk`); absent without a database. */
  rows?: { total: number; atRisk: number; bytes?: number; estimated?: boolean };
  /** With a database: why the count could not be read (missing table, failed query). */
  rowsUnavailable?: string;
  /** For a finding on several columns (a composite unique key): all of them. */
  columns?: string[];
  fixes: FindingFix[];
}

/**
 * Row counts the database can add (see db/rowsAtRisk.ts): for a code on a table or column,
 * how many rows are at risk. Optional everywhere: nothing needs a database to warn.
 */
export interface KnownRowCount {
  code: string;
  table: string;
  column?: string;
  totalRows: number;
  rowsAtRisk: number;
  /** `duplicateGroups`: the key's columns. */
  columns?: string[];
  /** `tableEstimate`: the table's size on disk (pg_total_relation_size). */
  bytes?: number;
  /** `tableEstimate`: true when totalRows is PostgreSQL's estimate (reltuples), not a count. */
  estimated?: boolean;
  /** Set when the count could not be read: why (the numbers are then 0). */
  problem?: string | null;
}
