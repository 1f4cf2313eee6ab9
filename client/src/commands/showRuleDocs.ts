// Migration Guard: Show Rule Documentation — the docs page of a finding code or note kind (from a
// diagnostic's code link, or picked from the list), rendered as a Markdown preview of a read-only
// document. The pages ship with the extension (docs/rules/), so this works offline.
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Cancelled, UserFacingError } from '../errors';
import type { CommandContext } from './context';

export const SHOW_RULE_DOCS = 'migrationGuard.showRuleDocs';

const TEXT = {
  get pick() {
    return vscode.l10n.t('Which rule or note kind?');
  },
  missing: (id: string) => vscode.l10n.t('No documentation page for "{0}".', id),
};

const docsDir = (ctx: CommandContext) => ctx.extension.asAbsolutePath('docs/rules');

/** Every page: its id (file name) and its title (the first heading). */
function pages(ctx: CommandContext): { id: string; title: string }[] {
  return readdirSync(docsDir(ctx))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => {
      const text = readFileSync(`${docsDir(ctx)}/${f}`, 'utf8');
      return { id: f.slice(0, -3), title: /^# (.*)$/m.exec(text)?.[1] ?? f };
    });
}

/** The id from a command argument: "DS103", or a diagnostic's code ({ value }). */
function idOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'value' in arg) return String((arg as { value: unknown }).value);
  return undefined;
}

export async function showRuleDocs(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri> {
  let id = idOf(arg);
  if (id === undefined) {
    const choice = await vscode.window.showQuickPick(
      pages(ctx).map((p) => ({ label: p.id, description: p.title })),
      { placeHolder: TEXT.pick, matchOnDescription: true },
    );
    if (!choice) throw new Cancelled();
    id = choice.label;
  }
  if (!/^[A-Za-z0-9-]+$/.test(id)) throw new UserFacingError(TEXT.missing(id));
  let text: string;
  try {
    text = readFileSync(`${docsDir(ctx)}/${/^[a-z]/.test(id) ? id : id.toUpperCase()}.md`, 'utf8');
  } catch {
    throw new UserFacingError(TEXT.missing(id));
  }
  const uri = ctx.previews.put(`${id}.md`, text);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // No Markdown preview (the built-in extension disabled): the read-only text still reads well.
    await ctx.previews.show(`${id}.md`, text, { language: 'markdown' });
  }
  return uri;
}
