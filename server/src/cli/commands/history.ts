// `migration-guard history DIR [--format json]`: the revisions, newest first, like `flask db history`.
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { openCliProject } from '../project';
import { formatEntry, historyEntries } from '../../core/history/listing';
import type { Note } from '../../core/source';
import { CLI_TEXT, severityWord } from '../text';

/** Reads DIR's history; graph and discovery errors go to stderr. Null when there is nothing to show. */
export async function loadForListing(args: ParsedArgs, io: CliIO, verb: string) {
  if (args.positionals.length > 1) throw new UsageError(CLI_TEXT.unexpectedArgument(args.positionals[1] as string));
  const format = flag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(l10n.t('--format must be text or json, not "{0}"', format));
  const dir = path.resolve(args.positionals[0] ?? '.');
  const opened = openCliProject(dir, flag(args, 'migrations'));
  if (!opened.ok) {
    io.err(`migration-guard ${verb}: ${opened.message}`);
    return { dir, history: null, json: format === 'json', failed: true };
  }
  const history = await opened.project.history();
  const problems = history.notes.filter((n) => n.severity === 'error' || n.severity === 'warning');
  for (const note of problems) io.err(`migration-guard ${verb}: ${describe(note, dir)}`);
  const failed = history.notes.some((n) => n.kind === 'no-migrations' || (n.severity === 'error' && n.kind !== 'parse-error'));
  return { dir, history, json: format === 'json', failed };
}

function describe(note: Note, dir: string): string {
  const where = note.location ? `${path.relative(dir, note.location.file) || note.location.file}:${note.location.range.start.line + 1}: ` : '';
  return `${where}${severityWord(note.severity)}: ${note.message}`;
}

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history DIR [--migrations PATH] [--format json]',
  get summary() {
    return l10n.t('list the revisions, newest first, with heads, branch points and merges');
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const { dir, history, json, failed } = await loadForListing(args, io, 'history');
    if (!history) return EXIT.error;
    const entries = historyEntries(history, dir);
    if (json) io.out(JSON.stringify(entries, null, 2));
    else if (entries.length > 0) io.out(entries.map(formatEntry).join('\n'));
    return failed ? EXIT.error : EXIT.ok;
  },
};
