// The only registry of finding codes: every rule record, and what is derived from them —
// `findingsFor` (models vs migration head → findings, honouring ignore comments) and the row counts
// the database is asked for. Nothing else lists codes.
import type { Dialect } from '../project/database';
import { readFileSync } from 'node:fs';
import { planDiff, type AmbiguousRename, type Change, type DiffMemo } from '../diff';
import type { Finding, KnownRowCount, RenameChoice } from '../findings';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import type { RecordedRevisions, SeveralHeads } from './context';
import { isIgnored } from './ignore';
import type { ModelRule, RowCountRequest, RuleRecord } from './record';
import { bc101TableRenamed } from './bc101-table-renamed';
import { bc102ColumnRenamed } from './bc102-column-renamed';
import { ds102TableDropped } from './ds102-table-dropped';
import { ds103ColumnDropped } from './ds103-column-dropped';
import { mf101UniqueAdded } from './mf101-unique-added';
import { mf103NotNullColumnAdded } from './mf103-not-null-column-added';
import { mf104ColumnMadeNotNull } from './mf104-column-made-not-null';
import { mf105TypeNarrowed } from './mf105-type-narrowed';
import { mf106VolatileDefaultRewrite } from './mf106-volatile-default-rewrite';
import { pg101IndexNotConcurrent } from './pg101-index-not-concurrent';
import { pg301TableRewrite } from './pg301-table-rewrite';
import { mg001MigrationPending } from './mg001-migration-pending';
import { mg002DatabaseDrift } from './mg002-database-drift';
import { mg003UnknownDatabaseRevision } from './mg003-unknown-database-revision';
import { mg004SeveralHeads } from './mg004-several-heads';

export type { ModelRule, DriftRule, RuleRecord, RowCountRequest, RowMeasure, RuleExample } from './record';

/** Every rule, in the order findings are computed (and listed in the docs). */
export const RULES: readonly RuleRecord[] = [
  ds102TableDropped,
  ds103ColumnDropped,
  bc101TableRenamed,
  bc102ColumnRenamed,
  mf101UniqueAdded,
  mf103NotNullColumnAdded,
  mf104ColumnMadeNotNull,
  mf105TypeNarrowed,
  mf106VolatileDefaultRewrite,
  pg101IndexNotConcurrent,
  pg301TableRewrite,
  mg001MigrationPending,
  mg002DatabaseDrift,
  mg003UnknownDatabaseRevision,
  mg004SeveralHeads,
];

/** The rules on models vs the migration head. */
export const MODEL_RULES: readonly ModelRule[] = RULES.filter((r): r is ModelRule => r.source === 'models');

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleFor(code: string): RuleRecord | undefined {
  return BY_CODE.get(code);
}

/** The database counts a finding's rows when its rule says how (`rowsAtRisk`). */
export function rowCountRequest(finding: Finding): RowCountRequest | null {
  const spec = ruleFor(finding.code)?.rowsAtRisk;
  if (!spec || !finding.table) return null;
  const wholeTable = spec.measure === 'tableRows' || spec.measure === 'tableEstimate';
  if (spec.measure === 'duplicateGroups') {
    const columns = finding.columns ?? (finding.column !== undefined ? [finding.column] : []);
    return columns.length === 0
      ? null
      : { code: finding.code, measure: spec.measure, table: finding.table, columns, ...(columns.length === 1 ? { column: columns[0] } : {}) };
  }
  if (!wholeTable && finding.column === undefined) return null;
  return {
    code: finding.code,
    measure: spec.measure,
    table: finding.table,
    ...(!wholeTable && finding.column !== undefined ? { column: finding.column } : {}),
    ...(spec.measure === 'valuesNotFitting' && finding.typeChange ? { toType: finding.typeChange.to, fromType: finding.typeChange.from } : {}),
  };
}

export function rowCountRequests(findings: readonly Finding[]): RowCountRequest[] {
  return findings.flatMap((f) => rowCountRequest(f) ?? []);
}

export interface FindingsInput {
  models: ModelSchema;
  /** The schema at the migration head. */
  head: Schema;
  renames?: RenameChoice[];
  rowCounts?: KnownRowCount[];
  /** The current text of a file (an editor buffer); defaults to reading it from disk. */
  readText?: (file: string) => string | undefined;
  /** What a connected database records (MG003). */
  database?: RecordedRevisions;
  /** The project's database dialect: rules, messages and fixes follow it. */
  dialect?: Dialect;
  /** Per-table diff results kept by a long-lived analysis (the language server's), reused where tables did not change. */
  diffMemo?: DiffMemo;
  /** Several heads and no rule that picks one (MG004). */
  severalHeads?: SeveralHeads;
}

/** What the diff made of drop + add pairs: renames assumed (unambiguous), declined, and groups with several readings. */
export interface RenameReadings {
  assumed: RenameChoice[];
  declined: RenameChoice[];
  ambiguous: AmbiguousRename[];
}

export interface FindingsResult {
  findings: Finding[];
  changes: Change[];
  renames: RenameReadings;
  /** Rename choices that did not apply. */
  problems: string[];
}

function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The count the database gave for this finding, as the finding's `rows`. */
function withRows(finding: Finding, rowCounts: readonly KnownRowCount[]): Finding {
  const request = rowCounts.length > 0 ? rowCountRequest(finding) : null;
  if (!request) return finding;
  const sameKey = (r: KnownRowCount) => request.columns === undefined || (r.columns ?? []).join('\u0000') === request.columns.join('\u0000');
  const count = rowCounts.find(
    (r) => r.code === request.code && r.table === request.table && (request.column === undefined || r.column === request.column) && sameKey(r),
  );
  if (!count) return finding;
  if (count.problem) return { ...finding, rowsUnavailable: count.problem };
  const size = { ...(count.bytes !== undefined ? { bytes: count.bytes } : {}), ...(count.estimated ? { estimated: true } : {}) };
  return { ...finding, rows: { total: count.totalRows, atRisk: count.rowsAtRisk, ...size } };
}

export function findingsFor(input: FindingsInput): FindingsResult {
  const planned = planDiff(input.head, input.models.schema, { chosen: input.renames ?? [], unreadable: input.models.unreadable }, input.diffMemo);
  const { changes, problems } = planned;
  const renames: RenameReadings = { assumed: planned.assumed, declined: planned.declined, ambiguous: planned.ambiguous };
  const rowCounts = input.rowCounts ?? [];
  const ctx = {
    changes,
    head: input.head,
    models: input.models,
    renames,
    rowCounts,
    ...(input.database ? { database: input.database } : {}),
    ...(input.dialect ? { dialect: input.dialect } : {}),
    ...(input.severalHeads ? { severalHeads: input.severalHeads } : {}),
  };
  const cache = new Map<string, string | undefined>();
  const read = input.readText ?? readFromDisk;
  const readText = (file: string) => {
    if (!cache.has(file)) cache.set(file, read(file));
    return cache.get(file);
  };
  const findings = MODEL_RULES.flatMap((rule) => rule.check(ctx))
    .filter((f) => !isIgnored(f, readText))
    .map((f) => withRows(f, rowCounts));
  return { findings, changes, renames, problems };
}
