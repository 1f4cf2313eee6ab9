// The rule record: everything about one finding code, in that code's own file. Hover text, CLI text,
// docs/rules/<CODE>.md, SARIF rule metadata, the row counts the database adds and the code actions
// are all derived from these records (rules/index.ts is the only registry).
import type { Finding, FindingSeverity, FixKind, RenameChoice } from '../findings';
import type { Schema } from '../schema/types';
import type { SourceLocation } from '../source';
import type { RuleContext } from './context';

/**
 * What the database counts for a finding of this code, on the finding's table (and column):
 * - `tableRows`: every row of the table (the table is dropped, rewritten, locked or must accept a NOT NULL column);
 * - `nonNullValues`: the values stored in the column (the column is dropped);
 * - `nullValues`: the rows holding NULL in the column (it is made NOT NULL);
 * - `valuesNotFitting`: the values the finding's new type cannot hold, or that it would change (counted with the target type; every non-null value when unknown);
 * - `duplicateGroups`: the groups of rows sharing a value (or tuple) of the finding's key columns;
 * - `tableEstimate`: the table's size on disk and PostgreSQL's row estimate (no full count of a big table).
 */
export type RowMeasure = 'tableRows' | 'nonNullValues' | 'nullValues' | 'valuesNotFitting' | 'duplicateGroups' | 'tableEstimate';

export interface RowCountSpec {
  measure: RowMeasure;
}

/** One count to ask the database for (made from a finding by rules/index.ts, answered by db/rowsAtRisk.ts). */
export interface RowCountRequest {
  code: string;
  measure: RowMeasure;
  table: string;
  /** Required for every measure but `tableRows`. */
  column?: string;
  /** `valuesNotFitting`: the new type (format_type spelling), to count only the values that do not fit it. */
  toType?: string;
  /** `valuesNotFitting`: the old type, to count the values the change would alter (read back in it). */
  fromType?: string;
  /** `duplicateGroups`: the key's columns. */
  columns?: string[];
}

/** Per-dialect behaviour. `null`: not yet described for that dialect (the docs say so). */
export interface DialectNotes {
  postgresql: string;
  sqlite: string | null;
}

/**
 * Every user-facing sentence of a rule, in one place per record (issue 16 localizes them).
 * Markdown: `code` spans are allowed.
 */
export interface RuleText {
  /** Short title: "Column dropped". */
  title: string;
  /** One sentence: when the rule fires. */
  summary: string;
  /** What happens to the stored data. */
  data: string;
  /** The safe way to make the change. */
  safe: string;
  dialects: DialectNotes;
}

/**
 * An example through the real pipeline (also a fixture test, see server/test/core/rules/examples.test.ts):
 * a project whose only migration creates `head`, then the models edited to `bad` (the rule fires
 * where `# ^^^ CODE` markers stand under a line) and to `good` (the safe edit; its markers, if any,
 * name the findings that remain).
 */
export interface ModelExample {
  source: 'models';
  title: string;
  /** models.py as the migration head has it. */
  head: string;
  bad: string;
  good: string;
  /** Renames the user accepted for `good` (what the rename quick fix passes to Create Migration). */
  goodRenames?: RenameChoice[];
  /** Why `good` is safe. */
  why: string;
}

/** A drift example: the database as the migrations built it, then changed by hand with `sql`. */
export interface DriftExample {
  source: 'database';
  title: string;
  head: string;
  /** SQL run on the migrated database by hand (PostgreSQL). */
  sql: string;
  /** The line the finding message starts with. */
  expect: string;
  why: string;
}

/** A history example: on top of the revision that creates `head`, one revision per branch, each on that same parent. */
export interface HistoryExample {
  source: 'history';
  title: string;
  head: string;
  /** The messages of the revisions written on the head's revision (one head each). */
  branches: string[];
  /** The line the finding message starts with. */
  expect: string;
  why: string;
}

export type RuleExample = ModelExample | DriftExample | HistoryExample;

interface RecordBase {
  /** The finding code, e.g. "DS103" (Atlas lint's vocabulary where one fits). */
  code: string;
  /** kebab-case name: "column-dropped". */
  name: string;
  severity: FindingSeverity;
  text: RuleText;
  examples: RuleExample[];
  /** How the database counts the rows at risk; absent when a count would say nothing. */
  rowsAtRisk?: RowCountSpec;
  /** The fixes the findings may carry (besides `ignore`, which every model finding carries). */
  fixes: FixKind[];
  /** The fix an editor marks as preferred, when one is the whole answer. */
  preferredFix?: FixKind;
}

/** A rule on models vs the migration head (the LSP and `check`). */
export interface ModelRule extends RecordBase {
  source: 'models';
  check(ctx: RuleContext): Finding[];
}

/** What the drift rule compares: the live database against the migrations at its recorded revision. */
export interface DriftRuleInput {
  live: Schema;
  replayed: Schema;
  /** The recorded revision(s), for messages ("base" when none). */
  revisions: readonly string[];
  /** Where to anchor the findings: the recorded revision's file (or the versions folder). */
  anchor: SourceLocation;
}

/** A rule on the live database vs the migrations (`drift`, and the Database view). */
export interface DriftRule extends RecordBase {
  source: 'database';
  check(input: DriftRuleInput): Finding[];
}

export type RuleRecord = ModelRule | DriftRule;
