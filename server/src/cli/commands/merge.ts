// `migration-guard merge DIR [REV ...] [-m MSG]`: writes a merge revision joining several heads, as
// `flask db merge` does (down_revision is the tuple of heads, upgrade and downgrade are `pass`).
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { resolveRevision } from '../../core/history/resolve';
import { renderMergeRevision, revisionFileName } from '../../core/render/revision';
import { loadProject } from '../project';
import { describeNote } from './check';
import { fileTemplate } from './revision';
import { CLI_TEXT } from '../text';

const TEXT = {
  nothing: (picked: string[], heads: string[]) => {
    const project = heads.length === 1 ? l10n.t('the project has one head') : l10n.t('the project has heads {0}', heads.join(', '));
    return picked.length === 0
      ? l10n.t('migration-guard merge: nothing to merge: no revision ({0})', project)
      : l10n.t('migration-guard merge: nothing to merge: only {0} ({1})', picked[0] as string, project);
  },
  noVersions: (location: string) => l10n.t('migration-guard merge: the project has no versions folder ({0})', location),
};

/** Flask-Migrate's merge has no message by default: the docstring says "empty message" and the file name has no slug. */
const DEFAULT_MESSAGE = 'empty message';

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const [dir = '.', ...specs] = args.positionals;
  const loaded = await loadProject(dir);
  if (!loaded.ok) {
    io.err(`migration-guard merge: ${loaded.message}`);
    return EXIT.error;
  }
  const root = path.resolve(dir);
  const result = loaded.analysis.result();
  const broken = result.graphNotes.filter((n) => n.severity === 'error' && n.kind !== 'multiple-heads');
  if (broken.length > 0) {
    for (const note of broken) io.err(`migration-guard merge: ${describeNote(note, root)}`);
    io.err(CLI_TEXT.noRevisionWritten('merge'));
    return EXIT.error;
  }
  const heads: string[] = [];
  for (const spec of specs.length > 0 ? specs : ['heads']) {
    const resolved = resolveRevision(result.graph, spec);
    if (!resolved.ok) {
      io.err(`migration-guard merge: ${resolved.error}`);
      return EXIT.error;
    }
    for (const id of resolved.revisions) if (!heads.includes(id)) heads.push(id);
  }
  if (heads.length < 2) {
    io.err(TEXT.nothing(heads, result.heads));
    return EXIT.error;
  }
  const versionsDir = loaded.project.versionDirs[0];
  if (!versionsDir) {
    io.err(TEXT.noVersions(loaded.project.scriptLocation));
    return EXIT.error;
  }
  const message = flag(args, 'm') ?? flag(args, 'message');
  const templateFile = path.join(loaded.project.scriptLocation, 'script.py.mako');
  const date = new Date();
  const rendered = renderMergeRevision({
    heads,
    message: message ?? DEFAULT_MESSAGE,
    createDate: date,
    template: existsSync(templateFile) ? readFileSync(templateFile, 'utf8') : null,
  });
  for (const note of rendered.notes) io.err(CLI_TEXT.note(note));
  const file = path.join(versionsDir, revisionFileName(rendered.revision, message ?? '', date, fileTemplate(loaded.project)));
  if (existsSync(file)) {
    io.err(CLI_TEXT.alreadyExists('merge', file));
    return EXIT.error;
  }
  writeFileSync(file, rendered.text);
  if (flag(args, 'format') === 'json')
    io.out(JSON.stringify({ path: file, revision: rendered.revision, downRevisions: heads, message: message ?? DEFAULT_MESSAGE }, null, 2));
  else io.out(file);
  return EXIT.ok;
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  usage: 'merge DIR [REV ...] [-m MSG] [--format json]',
  get summary() {
    return l10n.t('write a merge revision joining several heads (default: all of them), as flask db merge');
  },
  run,
};
