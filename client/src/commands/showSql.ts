// Migration Guard: Show SQL — the formatted SQL of one revision (from its item) or of a range (from the
// palette), opened as a read-only SQL preview (never an Untitled buffer to save). Nothing touches the database.
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import { revisionRange, sqlArgs } from '../model/cliArgs';
import { shortRevision, unappliedRevisions } from '../model/revisionTree';
import type { ProjectSnapshot } from '../views/projectRepository';
import { cliFailure, runCliTask } from './cliTask';
import type { CommandContext } from './context';
import { pickProject, revisionArg } from './pick';

interface RangeChoice { label: string; description: string; from: string | null; to: string }

function rangeChoices(project: ProjectSnapshot): RangeChoice[] {
  const graph = project.graph;
  const head = (graph?.heads.length ?? 0) > 1 ? 'heads' : 'head';
  const choices: RangeChoice[] = [];
  const current = project.database.current;
  // Only when something is pending: the database's revision is known and some revision is not applied.
  const pending = current && graph ? unappliedRevisions(graph.revisions, current) : 0;
  if (current && current.length === 1 && pending > 0) {
    choices.push({ label: 'Pending revisions', description: `${pending} revision${pending === 1 ? '' : 's'}: ${shortRevision(current[0] as string)} → ${head}`, from: current[0] as string, to: head });
  }
  choices.push({ label: 'Whole history', description: `base → ${head}`, from: null, to: head });
  for (const r of [...(graph?.revisions ?? [])].reverse()) {
    const range = revisionRange(r.id, r.downRevisions);
    choices.push({ label: r.id, description: r.message ?? '', from: range.from, to: range.to });
  }
  return choices;
}

export async function showSql(ctx: CommandContext, arg?: unknown): Promise<vscode.TextDocument> {
  const item = revisionArg(arg);
  const project = await pickProject(ctx, item?.project);
  let range: { from: string | null; to: string };
  let title: string;
  if (item) {
    const rev = project.graph?.revisions.find((r) => r.id === item.revision);
    range = revisionRange(item.revision, rev?.downRevisions ?? []);
    title = `SQL of ${item.revision}`;
  } else {
    const picked = await vscode.window.showQuickPick(rangeChoices(project), { title: 'Migration Guard: Show SQL for…', matchOnDescription: true });
    if (!picked) throw new Cancelled();
    range = picked;
    title = `SQL of ${picked.label}`;
  }
  const result = await runCliTask(ctx, project, sqlArgs(vscode.Uri.parse(project.info.root).fsPath, range.from, range.to), { title });
  if (result.exitCode !== 0) throw cliFailure(title, result);
  return ctx.previews.show(`${title}.sql`, result.stdout, { language: 'sql' });
}
