// migrationGuard.createMigration {message, renames}: renders the pending changes into a revision
// file and creates it through workspace/applyEdit (CreateFile + insert), so the editor owns the
// write (undo, dirty state). Refuses clearly when the history has several heads.
import * as l10n from '@vscode/l10n';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCodes, ResponseError, type WorkspaceEdit } from 'vscode-languageserver';
import { planMigration } from '../core/project/createMigration';
import type { CreateMigrationParams, CreateMigrationResult, RenameChoice } from '../protocol';
import type { ServerContext } from './context';
import { projectFor } from './requests';
import { pathToUri } from './uris';

/** What the user reads (the parameter checks below are for client authors and stay English). */
const TEXT = {
  editLabel: (revision: string) => l10n.t('Create migration {0}', revision),
  notCreated: (file: string, reason: string | undefined) =>
    reason ? l10n.t('The editor did not create {0}: {1}', file, reason) : l10n.t('The editor did not create {0}', file),
  exists: (file: string) => l10n.t('{0} already exists', file),
  wrote: (file: string) => l10n.t('Migration Guard: wrote {0}', file),
};

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function readRenames(value: unknown): RenameChoice[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('renames must be a list');
  return value.map((r: unknown) => {
    const o = (r ?? {}) as Record<string, unknown>;
    if (o.kind === 'column' && typeof o.table === 'string' && typeof o.from === 'string' && typeof o.to === 'string')
      return { kind: 'column', table: o.table, from: o.from, to: o.to };
    if (o.kind === 'table' && typeof o.from === 'string' && typeof o.to === 'string') return { kind: 'table', from: o.from, to: o.to };
    throw invalid(`not a rename: ${JSON.stringify(r)}`);
  });
}

function readBackfills(value: unknown): { table: string; column: string; sql: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('backfills must be a list');
  return value.map((b: unknown) => {
    const o = (b ?? {}) as Record<string, unknown>;
    if (typeof o.table === 'string' && typeof o.column === 'string' && typeof o.sql === 'string' && o.sql.trim() !== '')
      return { table: o.table, column: o.column, sql: o.sql };
    throw invalid(`not a backfill: ${JSON.stringify(b)}`);
  });
}

function readNames(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) throw invalid(`${what} must be a list of names`);
  return value as string[];
}

function readParams(raw: unknown): CreateMigrationParams {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof o.message !== 'string' || o.message.trim() === '') throw invalid('createMigration needs a message, as `flask db migrate -m` does');
  return {
    message: o.message.trim(),
    renames: readRenames(o.renames),
    declinedRenames: readRenames(o.declinedRenames),
    backfills: readBackfills(o.backfills),
    concurrentIndexes: readNames(o.concurrentIndexes, 'concurrentIndexes'),
    project: typeof o.project === 'string' ? o.project : undefined,
    uri: typeof o.uri === 'string' ? o.uri : undefined,
  };
}

export async function createMigration(ctx: ServerContext, raw: unknown): Promise<CreateMigrationResult> {
  const params = readParams(raw);
  const project = projectFor(ctx, params.project ?? params.uri);
  ctx.debouncer.flush(project);
  const plan = planMigration(project, {
    message: params.message,
    renames: params.renames ?? [],
    declinedRenames: params.declinedRenames ?? [],
    backfills: params.backfills ?? [],
    concurrentIndexes: params.concurrentIndexes ?? [],
  });
  if (!plan.ok) throw invalid(plan.message);
  const uri = pathToUri(plan.path);

  if (ctx.support.applyEdit && ctx.support.createFile) {
    const edit: WorkspaceEdit = {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: plan.text }] },
      ],
    };
    const answer = await ctx.connection.workspace.applyEdit({ label: TEXT.editLabel(plan.revision), edit });
    if (!answer.applied) throw new ResponseError(ErrorCodes.InternalError, TEXT.notCreated(plan.path, answer.failureReason));
  } else {
    // A client without CreateFile support: write the file ourselves, never over an existing one.
    if (existsSync(plan.path)) throw invalid(TEXT.exists(plan.path));
    mkdirSync(path.dirname(plan.path), { recursive: true });
    writeFileSync(plan.path, plan.text, { flag: 'wx' });
  }
  project.revisionChanged(plan.path);
  ctx.debouncer.schedule(project);
  ctx.log.info(TEXT.wrote(plan.path));
  return { uri, revision: plan.revision };
}
