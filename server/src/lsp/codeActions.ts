// Code actions from the fixes each diagnostic carries in `data` (recorded when the finding was
// computed), plus the "Create migration for pending changes" source action. Edits are offered only
// when the diagnostic was computed for the document version the editor has now.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { FindingFix } from '../core/findings';
import type { ProjectAnalysis } from '../core/project/analysis';
import { formatNumber } from '../core/locale';
import { defaultMessage } from '../core/diff/describe';
import { ruleFor } from '../core/rules';
import { fixTextEdit } from '../core/rules/fixEdits';
import { Commands, type CreateMigrationParams, type RenameChoice } from '../protocol';
import type { ServerContext } from './context';
import { SOURCE, type DiagnosticData } from './diagnostics';
import { pathToUri, projectUri, uriToPath } from './uris';

export const CREATE_MIGRATION_SOURCE_KIND = `${CodeActionKind.Source}.migrationGuard.createMigration`;

/** The titles of this module's own actions (the fix titles come from the rule records). */
const ACTION_TEXT = {
  get createForFinding() {
    return l10n.t('Create migration for pending changes');
  },
  createForPending: (count: number) =>
    count === 1 ? l10n.t('Create migration for 1 pending change') : l10n.t('Create migration for {0} pending changes', formatNumber(count)),
  get createCommand() {
    return l10n.t('Create migration');
  },
};

function createMigrationCommand(title: string, params: CreateMigrationParams) {
  return { title, command: Commands.createMigration, arguments: [params] };
}

function renameMessage(rename: RenameChoice): string {
  return rename.kind === 'column' ? `rename ${rename.table}.${rename.from} to ${rename.to}` : `rename table ${rename.from} to ${rename.to}`;
}

export function provideCodeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const file = uriToPath(params.textDocument.uri);
  if (file === null) return [];
  const project = ctx.workspace.projectOf(file);
  if (!project) return [];
  const result = ctx.freshResult(project);
  const projectId = projectUri(project.location);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const currentVersion = ctx.documents.version(params.textDocument.uri);
  const message = defaultMessage(result.changes);

  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || !wants(CodeActionKind.QuickFix)) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data || !Array.isArray(data.fixes)) continue;
    const stale = data.version !== null && currentVersion !== null && data.version !== currentVersion;
    if (stale) continue;
    const fixes: FindingFix[] = [...data.fixes];
    // Every finding can be resolved by writing the migration (after the other fixes, as the fallback).
    const isFinding = data.fixes.length > 0 && result.changes.length > 0;
    if (isFinding && !fixes.some((f) => f.kind === 'createMigration')) fixes.push({ kind: 'createMigration', title: ACTION_TEXT.createForFinding });
    for (const fix of fixes) {
      const action = fixAction(ctx, project, fix, diagnostic, { projectUri: projectId, message, uri: params.textDocument.uri });
      if (action) actions.push(action);
    }
  }

  mergeCreateMigrationActions(actions);

  if (
    result.changes.length > 0 &&
    wants(CREATE_MIGRATION_SOURCE_KIND) &&
    (only !== undefined || params.context.diagnostics.length === 0 || actions.length === 0)
  ) {
    actions.push({
      title: ACTION_TEXT.createForPending(result.changes.length),
      kind: CREATE_MIGRATION_SOURCE_KIND,
      command: createMigrationCommand(ACTION_TEXT.createCommand, { message, project: projectId }),
    });
  }
  return actions;
}

/** One "create migration" quick fix for all the diagnostics asking for the same migration. */
function mergeCreateMigrationActions(actions: CodeAction[]): void {
  const seen = new Map<string, CodeAction>();
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i] as CodeAction;
    if (action.command?.command !== Commands.createMigration || action.kind !== CodeActionKind.QuickFix) continue;
    const key = JSON.stringify(action.command.arguments ?? []);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, action);
      continue;
    }
    first.diagnostics = [...(first.diagnostics ?? []), ...(action.diagnostics ?? [])];
    first.isPreferred = first.isPreferred || action.isPreferred;
    actions.splice(i--, 1);
  }
}

interface FixContext {
  projectUri: string;
  message: string;
  uri: string;
}

function fixAction(ctx: ServerContext, project: ProjectAnalysis, fix: FindingFix, diagnostic: Diagnostic, fc: FixContext): CodeAction | null {
  // The rule's record names the fix that is the whole answer; on a risky finding the safe fixes come first.
  const code = typeof diagnostic.code === 'string' ? diagnostic.code : '';
  const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(ruleFor(code)?.preferredFix === fix.kind ? { isPreferred: true } : {}) };
  switch (fix.kind) {
    case 'createMigration':
      return { ...base, title: fix.title, command: createMigrationCommand(fix.title, { message: fc.message, project: fc.projectUri }) };
    case 'rename':
      return {
        ...base,
        title: fix.title,
        command: createMigrationCommand(fix.title, { message: renameMessage(fix.rename), renames: [fix.rename], project: fc.projectUri }),
      };
    case 'twoStep':
      // Create Migration already adds the column nullable, fills it and then sets NOT NULL.
      return { ...base, title: fix.title, command: createMigrationCommand(fix.title, { message: fc.message, project: fc.projectUri }) };
    case 'backfillNulls':
      // The migration fills the NULLs before setting NOT NULL.
      return {
        ...base,
        title: fix.title,
        command: createMigrationCommand(fix.title, {
          message: fc.message,
          project: fc.projectUri,
          backfills: [{ table: fix.table, column: fix.column, sql: fix.backfill }],
        }),
      };
    case 'concurrently':
      // The pending migration, with this index created CONCURRENTLY in an autocommit block.
      return {
        ...base,
        title: fix.title,
        command: createMigrationCommand(fix.title, { message: fc.message, project: fc.projectUri, concurrentIndexes: [fix.index] }),
      };
    case 'serverDefault':
    case 'ignore': {
      const edit = fixTextEdit(fix, {
        text: (f) => ctx.readFile(f),
        columnLocation: (table, column) => project.result().modelSchema.sources.tables[table]?.columns[column]?.location,
      });
      // A server default goes into the model file the diagnostic is in, never another one.
      if (!edit || (fix.kind === 'serverDefault' && edit.file !== uriToPath(fc.uri))) return null;
      const target = pathToUri(edit.file);
      return { ...base, title: fix.title, edit: { changes: { [target]: [{ range: edit.range, newText: edit.newText }] } } };
    }
    case 'inspectRows':
      return null;
  }
}
