// Migration Guard: Set Database URL — the URL is typed in a visible field (so a typo in the host shows),
// then the password in a password field of its own; the result is kept in VS Code's SecretStorage (never in
// settings.json). An empty value clears it. The views and the language server follow without a Refresh.
import * as vscode from 'vscode';
import { Cancelled } from '../errors';
import { isEmbedded, maskDatabaseUrl, passwordPrompt, validateDatabaseUrl, withPassword } from '../model/databaseUrl';
import type { CommandContext } from './context';
import { pickProject } from './pick';

const TEXT = {
  urlTitle: (project: string) => vscode.l10n.t('Migration Guard: database URL for {0}', project),
  urlPrompt: (now: string | null) => {
    const ask = vscode.l10n.t(
      'Type the URL without the password (it is asked next), or a SQLite file (sqlite:///app.db). "embedded" selects the built-in scratch PGlite database in .migration-guard/; empty clears it.',
    );
    return now ? vscode.l10n.t('Now: {0}. {1}', now, ask) : ask;
  },
  urlPlaceholder: 'postgresql://user@localhost:5432/app',
  passwordTitle: (who: string) => vscode.l10n.t('Migration Guard: password for {0}', who),
  get passwordPrompt() {
    return vscode.l10n.t("Kept with the URL in VS Code's secret storage, never in settings. Leave empty if the user has no password.");
  },
  set: (project: string, url: string) => vscode.l10n.t('Database for {0}: {1}', project, url),
  cleared: (project: string) => vscode.l10n.t('Database URL for {0} cleared.', project),
};

export async function setDatabaseUrl(ctx: CommandContext, arg?: unknown): Promise<void> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const current = await ctx.databases.explicit(project.info.root);
  const typed = await vscode.window.showInputBox({
    title: TEXT.urlTitle(project.info.name),
    prompt: TEXT.urlPrompt(current ? maskDatabaseUrl(current.url) : null),
    placeHolder: TEXT.urlPlaceholder,
    // Shown without the stored password, so it can be corrected without retyping everything.
    ...(current && !isEmbedded(current.url) ? { value: current.url.replace(/^([a-z0-9+._-]+:\/\/[^:@/?#]+):[^@/?#]*@/i, '$1@') } : {}),
    ignoreFocusOut: true,
    validateInput: validateDatabaseUrl,
  });
  if (typed === undefined) throw new Cancelled();
  let url = typed.trim();
  const who = url && !isEmbedded(url) ? passwordPrompt(url) : null;
  if (who) {
    const password = await vscode.window.showInputBox({
      title: TEXT.passwordTitle(who),
      prompt: TEXT.passwordPrompt,
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) throw new Cancelled();
    if (password !== '') url = withPassword(url, password) ?? url;
  }
  await ctx.databases.store(project.info.root, url);
  ctx.output.info(url ? TEXT.set(project.info.name, maskDatabaseUrl(url)) : TEXT.cleared(project.info.name));
}
