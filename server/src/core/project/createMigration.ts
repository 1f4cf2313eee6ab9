// Plans Create Migration for a project: the pending changes (with the user's renames) rendered into
// a revision file through the project's script.py.mako, and where the file goes. Pure apart from
// reading alembic.ini / script.py.mako; writing the file is the caller's job (the LSP uses applyEdit).
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenameChoice } from '../findings';
import type { Change } from '../diff/types';
import { renderRevision, revisionFileName } from '../render/revision';
import { quoteIdent, quoteTable } from '../render/sqlNames';
import type { ProjectAnalysis } from './analysis';
import { detectBatchMode } from './batchMode';
import { projectDialect, type Dialect } from './database';
import { projectFileTemplate } from './fileTemplate';
import { blockers } from './readiness';
import { modelsNotFound, notComparedRefusal } from './uncertainFindings';

export interface Backfill {
  table: string;
  column: string;
  /** The SQL value NULLs become, e.g. `''` or `0`. */
  sql: string;
}

export interface MigrationRequest {
  message: string;
  /** Renames the user chose; the unambiguous ones are made anyway unless declined. */
  renames: RenameChoice[];
  /** Unambiguous renames the user turned down (drop + add instead). */
  declinedRenames?: RenameChoice[];
  /** Fill NULLs before these columns become NOT NULL. */
  backfills?: Backfill[];
  /** Indexes to create CONCURRENTLY, in an autocommit block (PG101's fix; the CLI's `revision --concurrently`). */
  concurrentIndexes?: string[];
  /** The database the revision is for; default: the project's configured one (PostgreSQL when none). */
  dialect?: Dialect;
  /** For tests: a fixed id and date. */
  revisionId?: string;
  createDate?: Date;
}

export type MigrationPlan = { ok: true; path: string; text: string; revision: string; notes: string[] } | { ok: false; message: string };

/** Why Create Migration writes nothing (the CLI's `revision` says the same). */
const REFUSAL = {
  severalHeads: (heads: string) =>
    l10n.t('The migration history has several heads ({0}). Merge them first ("flask db merge heads"), then create the migration.', heads),
  historyErrors: (errors: string) => l10n.t('The migration history has errors to fix first: {0}', errors),
  unparsedModels: (notes: string) => l10n.t('Fix the model files first, no migration written: {0}', notes),
  noVersionsDir: (root: string) => l10n.t('No versions directory for the project in {0}.', root),
  renames: (problems: string) => l10n.t('Cannot apply the renames: {0}', problems),
  backfill: (problems: string) => l10n.t('Cannot backfill: {0}', problems),
  notMadeNotNull: (column: string) => l10n.t('{0} is not being made NOT NULL', column),
  exists: (file: string) => l10n.t('{0} already exists.', file),
};

function readText(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** alembic.ini's file_template of the project's section, as the editor sees the ini. */
function fileTemplate(project: ProjectAnalysis): string | undefined {
  return projectFileTemplate(project.location, readText);
}

/** The NOT NULL change of each backfilled column, with an UPDATE of its NULLs in front. */
function withBackfills(changes: Change[], backfills: Backfill[]): { changes: Change[]; problems: string[] } {
  const problems: string[] = [];
  const out = [...changes];
  for (const fill of backfills) {
    const index = out.findIndex((c) => c.kind === 'alterColumn' && c.table === fill.table && c.column === fill.column && c.alteration?.nullable?.[1] === false);
    const change = out[index];
    if (!change) {
      problems.push(REFUSAL.notMadeNotNull(`${fill.table}.${fill.column}`));
      continue;
    }
    const column = quoteIdent(fill.column);
    const update = { kind: 'executeSql' as const, sql: `UPDATE ${quoteTable(fill.table)} SET ${column} = ${fill.sql} WHERE ${column} IS NULL` };
    out[index] = { ...change, upgrade: [update, ...change.upgrade] };
  }
  return { changes: out, problems };
}

export function planMigration(project: ProjectAnalysis, request: MigrationRequest): MigrationPlan {
  const result = project.result();
  const parent = result.revisionParent;
  if (parent === null) {
    return {
      ok: false,
      message: REFUSAL.severalHeads(result.heads.join(', ')),
    };
  }
  const { history: blocking, models: unparsed } = blockers(result);
  if (blocking.length > 0) {
    return { ok: false, message: REFUSAL.historyErrors(blocking.map((n) => n.message).join('; ')) };
  }
  // Half-typed models must never become a migration (it would drop what the parser could not read).
  if (unparsed.length > 0) {
    const where = (n: (typeof unparsed)[number]) =>
      n.location ? `${path.relative(project.location.root, n.location.file) || n.location.file}:${n.location.range.start.line + 1}: ` : '';
    return { ok: false, message: REFUSAL.unparsedModels(unparsed.map((n) => `${where(n)}${n.message}`).join('; ')) };
  }
  if (modelsNotFound(result)) return { ok: false, message: notComparedRefusal() };
  const versionDir = project.location.versionDirs[0];
  if (!versionDir) return { ok: false, message: REFUSAL.noVersionsDir(project.location.root) };
  const diff = project.changesWith({ chosen: request.renames, declined: request.declinedRenames ?? [] });
  if (diff.problems.length > 0) return { ok: false, message: REFUSAL.renames(diff.problems.join('; ')) };
  const { changes, problems } = withBackfills(diff.changes, request.backfills ?? []);
  if (problems.length > 0) return { ok: false, message: REFUSAL.backfill(problems.join('; ')) };
  // No changes: an empty revision (as `flask db revision`), for data migrations or hand-written SQL.
  const rendered = renderRevision({
    changes,
    head: result.headSchema,
    target: result.modelSchema.schema,
    message: request.message,
    downRevision: parent.downRevision,
    branchLabels: parent.branchLabels,
    revisionId: request.revisionId,
    createDate: request.createDate,
    concurrentIndexes: request.concurrentIndexes ?? [],
    renames: { assumed: diff.assumed, ambiguous: diff.ambiguous },
    template: readText(path.join(project.location.scriptLocation, 'script.py.mako')),
    batch: detectBatchMode(project.location.root, project.location.scriptLocation).batch,
    dialect: request.dialect ?? projectDialect(project.location.root),
    kept: diff.kept,
  });
  const file = path.join(versionDir, revisionFileName(rendered.revision, request.message, request.createDate ?? new Date(), fileTemplate(project)));
  if (existsSync(file)) return { ok: false, message: REFUSAL.exists(file) };
  return { ok: true, path: file, text: rendered.text, revision: rendered.revision, notes: rendered.notes };
}
