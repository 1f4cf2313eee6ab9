// `migration-guard revision DIR -m MSG --autogenerate [--rename t.old=new] [--rename-table old=new]`:
// writes the revision file for the pending model changes under the versions dir and prints its path.
// Renames by default: an unambiguous drop + add pair (docs/renames.md) is written as a rename, named at
// the top of the file; --no-rename / --no-renames opt out; in a terminal each one is asked about.
// --concurrently INDEX creates that index with CONCURRENTLY in an autocommit block (the PG101 fix).
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flag, flagList, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { describeRename } from '../../core/diff';
import type { Schema } from '../../core/schema/types';
import { terminalAsk } from '../prompt';
import { askRenames, renamePolicy, unknownDeclines } from './renameOptions';
import type { RenameChoice } from '../../core/findings';
import { detectBatchMode } from '../../core/project/batchMode';
import { projectDialect } from '../../core/project/database';
import { projectFileTemplate, type TemplateLocation } from '../../core/project/fileTemplate';
import { defaultMessage } from '../../core/diff/describe';
import { optIn, optOut } from '../../core/render/renameHeader';
import { renderRevision, revisionFileName } from '../../core/render/revision';
import { blockingNotes } from '../../core/project/readiness';
import { loadProject } from '../project';
import { describeNote } from './check';
import { missingHistory } from '../../core/project/readiness';
import { formatNumber } from '../../core/locale';
import { CLI_TEXT } from '../text';

const TEXT = {
  severalHeads: (heads: string) =>
    l10n.t('migration-guard revision: several heads ({0}): merge them first with `flask db merge heads`; no revision written.', heads),
  noHistory: (why: string) => l10n.t('migration-guard revision: {0}; no revision written.', why),
  noVersions: (location: string) => l10n.t('migration-guard revision: the project has no versions folder ({0}); run `flask db init` first', location),
  columns: (count: number) => (count === 1 ? l10n.t('1 column') : l10n.t('{0} columns', formatNumber(count))),
  get unknownType() {
    return l10n.t('unknown type');
  },
  assumed: (rename: string, optOut: string) =>
    l10n.t('note: assumed rename {0} (keeps the data); if it is not one, write the revision again with {1}', rename, optOut),
  ambiguous: (readings: string, flags: string) =>
    l10n.t('warning: ambiguous rename, written as drop + add (data lost): {0}. Choose one with {1}', readings, flags),
  together: (first: string, second: string) => l10n.t('{0} with {1}', first, second),
  either: (first: string, second: string) => l10n.t('{0} or {1}', first, second),
  get noChanges() {
    return l10n.t('No changes in schema detected.');
  },
};

/** "a with b with c": the renames of one reading of an ambiguous group. */
export const joinWith = (parts: string[]) => parts.reduce((all, part) => TEXT.together(all, part));

/** alembic.ini's file_template of the project's section (`--name`), wherever the project keeps alembic.ini (Flask-Migrate: inside migrations/). */
export function fileTemplate(location: TemplateLocation): string | undefined {
  return projectFileTemplate(location);
}

/** The column type a rename carries, for the question. */
function typeOf(head: Schema, choice: RenameChoice): string {
  if (choice.kind === 'table') return TEXT.columns(Object.keys(head.tables[choice.from]?.columns ?? {}).length);
  return head.tables[choice.table]?.columns[choice.from]?.type ?? TEXT.unknownType;
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  let policy = renamePolicy(args);
  const autogenerate = args.flags.has('autogenerate');
  const loaded = await loadProject(dir, flag(args, 'database-url'));
  if (!loaded.ok) {
    io.err(`migration-guard revision: ${loaded.message}`);
    return EXIT.error;
  }
  const root = path.resolve(dir);
  const noHistory = missingHistory(loaded.project);
  if (noHistory) {
    io.err(TEXT.noHistory(noHistory));
    return EXIT.error;
  }
  const result = loaded.analysis.result();
  const blocking = blockingNotes(result);
  if (blocking.length > 0) {
    for (const note of blocking) io.err(`migration-guard revision: ${describeNote(note, root)}`);
    io.err(CLI_TEXT.noRevisionWritten('revision'));
    return EXIT.error;
  }
  const parent = result.revisionParent;
  if (parent === null) {
    io.err(TEXT.severalHeads(result.heads.join(', ')));
    return EXIT.error;
  }
  const versionsDir = loaded.project.versionDirs[0];
  if (!versionsDir) {
    io.err(TEXT.noVersions(loaded.project.scriptLocation));
    return EXIT.error;
  }
  const plan = (p: typeof policy) => loaded.analysis.changesWith(p);
  let planned = autogenerate ? plan(policy) : null;
  const unknown = planned ? unknownDeclines(policy, planned) : [];
  if (unknown.length > 0) {
    for (const problem of unknown) io.err(`migration-guard revision: ${problem}`);
    return EXIT.error;
  }
  // In a terminal, ask (as Django's makemigrations does); --no-input, --no-renames or no TTY take the default.
  const ask = args.flags.has('no-input') || policy.assumeNone ? null : (io.ask ?? terminalAsk());
  if (planned && ask && (planned.assumed.length > 0 || planned.ambiguous.length > 0)) {
    policy = await askRenames(policy, plan, ask, (c) => typeOf(result.headSchema, c));
    planned = plan(policy);
  }
  const { changes, problems } = planned ?? { changes: [], problems: [] };
  if (problems.length > 0) {
    for (const problem of problems) io.err(`migration-guard revision: ${problem}`);
    return EXIT.error;
  }
  for (const choice of planned?.assumed ?? []) io.err(TEXT.assumed(describeRename(choice), optOut(choice)));
  for (const group of planned?.ambiguous ?? []) {
    const readings = group.readings.map((r) => joinWith(r.map(describeRename))).join('; ');
    const flags = group.readings.filter((r) => r.length === 1).map((r) => optIn(r[0] as RenameChoice));
    io.err(TEXT.ambiguous(readings, flags.length > 0 ? flags.reduce((all, f) => TEXT.either(all, f)) : '--rename'));
  }
  if (autogenerate && changes.length === 0) io.err(TEXT.noChanges);
  const message = flag(args, 'm') ?? flag(args, 'message') ?? (autogenerate ? defaultMessage(changes) : 'empty message');
  const templateFile = path.join(loaded.project.scriptLocation, 'script.py.mako');
  const template = existsSync(templateFile) ? readFileSync(templateFile, 'utf8') : null;
  const date = new Date();
  const rendered = renderRevision({
    changes,
    head: result.headSchema,
    target: result.modelSchema.schema,
    message,
    downRevision: parent.downRevision,
    branchLabels: parent.branchLabels,
    createDate: date,
    template,
    concurrentIndexes: flagList(args, 'concurrently'),
    renames: { assumed: planned?.assumed ?? [], ambiguous: planned?.ambiguous ?? [] },
    batch: detectBatchMode(root, loaded.project.scriptLocation).batch,
    dialect: projectDialect(root, { explicit: flag(args, 'database-url') ?? null, explicitLabel: '--database-url' }),
    kept: planned?.kept ?? [],
  });
  for (const note of rendered.notes) io.err(CLI_TEXT.note(note));
  const file = path.join(versionsDir, revisionFileName(rendered.revision, message, date, fileTemplate(loaded.project)));
  if (existsSync(file)) {
    io.err(CLI_TEXT.alreadyExists('revision', file));
    return EXIT.error;
  }
  writeFileSync(file, rendered.text);
  if (flag(args, 'format') === 'json') {
    io.out(
      JSON.stringify(
        { path: file, revision: rendered.revision, downRevision: parent.downRevision, message, changes: changes.length, notes: rendered.notes },
        null,
        2,
      ),
    );
  } else io.out(file);
  return EXIT.ok;
}

export const revisionCommand: CliCommand = {
  name: 'revision',
  usage:
    'revision DIR -m MSG --autogenerate [--rename T.OLD=NEW] [--rename-table OLD=NEW] [--no-rename T.OLD=NEW|OLD=NEW] [--no-renames] [--no-input] [--concurrently INDEX] [--format json]',
  get summary() {
    return l10n.t('write a revision file for the pending model changes and print its path');
  },
  booleanFlags: ['autogenerate', 'no-renames', 'no-input'],
  run,
};
