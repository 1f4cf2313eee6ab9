// Every rule, and `findingsFor`: models vs migration head → findings, honouring ignore comments.
import { readFileSync } from 'node:fs';
import { detectRenameCandidates, diffSchemasWithProblems, type Change, type RenameCandidate } from '../diff';
import type { Finding, KnownRowCount, RenameChoice } from '../findings';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';
import type { Rule } from './context';
import { isIgnored } from './ignore';
import { bc101TableRenamed } from './bc101-table-renamed';
import { bc102ColumnRenamed } from './bc102-column-renamed';
import { ds102TableDropped } from './ds102-table-dropped';
import { ds103ColumnDropped } from './ds103-column-dropped';
import { mf101UniqueAdded } from './mf101-unique-added';
import { mf103NotNullColumnAdded } from './mf103-not-null-column-added';
import { mf104ColumnMadeNotNull } from './mf104-column-made-not-null';
import { mf105TypeNarrowed } from './mf105-type-narrowed';
import { pg101IndexNotConcurrent } from './pg101-index-not-concurrent';
import { pg301TableRewrite } from './pg301-table-rewrite';
import { mg001MigrationPending } from './mg001-migration-pending';

export const RULES: Rule[] = [
  ds102TableDropped,
  ds103ColumnDropped,
  bc101TableRenamed,
  bc102ColumnRenamed,
  mf101UniqueAdded,
  mf103NotNullColumnAdded,
  mf104ColumnMadeNotNull,
  mf105TypeNarrowed,
  pg101IndexNotConcurrent,
  pg301TableRewrite,
  mg001MigrationPending,
];

export interface FindingsInput {
  models: ModelSchema;
  /** The schema at the migration head. */
  head: Schema;
  renames?: RenameChoice[];
  rowCounts?: KnownRowCount[];
  /** The current text of a file (an editor buffer); defaults to reading it from disk. */
  readText?: (file: string) => string | undefined;
}

export interface FindingsResult {
  findings: Finding[];
  changes: Change[];
  candidates: RenameCandidate[];
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

export function findingsFor(input: FindingsInput): FindingsResult {
  const renames = input.renames ?? [];
  const { changes, problems } = diffSchemasWithProblems(input.head, input.models.schema, { renames });
  const candidates = detectRenameCandidates(changes);
  const ctx = { changes, head: input.head, models: input.models, candidates, rowCounts: input.rowCounts ?? [] };
  const cache = new Map<string, string | undefined>();
  const read = input.readText ?? readFromDisk;
  const readText = (file: string) => {
    if (!cache.has(file)) cache.set(file, read(file));
    return cache.get(file);
  };
  const findings = RULES.flatMap((rule) => rule.check(ctx)).filter((f) => !isIgnored(f, readText));
  return { findings, changes, candidates, problems };
}
