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
import { iniValue, parseIni } from '../../core/history/iniFile';
import { detectBatchMode } from '../../core/project/batchMode';
import { projectDialect } from '../../core/project/database';
import { defaultMessage } from '../../core/diff/describe';
import { optIn, optOut } from '../../core/render/renameHeader';
import { renderRevision, revisionFileName } from '../../core/render/revision';
import { blockingNotes } from '../../core/project/readiness';
import { loadProject } from '../project';
import { describeNote } from './check';
import { missingHistory } from '../../core/project/readiness';

/** alembic.ini's file_template, wherever the project keeps alembic.ini (Flask-Migrate: inside migrations/). */
export function fileTemplate(root: string, scriptLocation: string): string | undefined {
  for (const dir of [scriptLocation, root]) {
    const file = path.join(dir, 'alembic.ini');
    if (!existsSync(file)) continue;
    const value = iniValue(parseIni(readFileSync(file, 'utf8')), 'alembic', 'file_template', { here: dir });
    if (value) return value;
  }
  return undefined;
}

/** The column type a rename carries, for the question. */
function typeOf(head: Schema, choice: RenameChoice): string {
  if (choice.kind === 'table') return `${Object.keys(head.tables[choice.from]?.columns ?? {}).length} columns`;
  return head.tables[choice.table]?.columns[choice.from]?.type ?? 'unknown type';
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  let policy = renamePolicy(args);
  const autogenerate = args.flags.has('autogenerate');
  const loaded = await loadProject(dir);
  if (!loaded.ok) {
    io.err(`migration-guard revision: ${loaded.message}`);
    return EXIT.error;
  }
  const root = path.resolve(dir);
  const noHistory = missingHistory(loaded.project);
  if (noHistory) {
    io.err(`migration-guard revision: ${noHistory}; no revision written.`);
    return EXIT.error;
  }
  const result = loaded.analysis.result();
  const blocking = blockingNotes(result);
  if (blocking.length > 0) {
    for (const note of blocking) io.err(`migration-guard revision: ${describeNote(note, root)}`);
    io.err('migration-guard revision: no revision written.');
    return EXIT.error;
  }
  const parent = result.revisionParent;
  if (parent === null) {
    io.err(`migration-guard revision: several heads (${result.heads.join(', ')}): merge them first with \`flask db merge heads\`; no revision written.`);
    return EXIT.error;
  }
  const versionsDir = loaded.project.versionDirs[0];
  if (!versionsDir) {
    io.err(`migration-guard revision: the project has no versions folder (${loaded.project.scriptLocation}); run \`flask db init\` first`);
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
  for (const choice of planned?.assumed ?? [])
    io.err(`note: assumed rename ${describeRename(choice)} (keeps the data); if it is not one, write the revision again with ${optOut(choice)}`);
  for (const group of planned?.ambiguous ?? []) {
    const readings = group.readings.map((r) => r.map(describeRename).join(' with ')).join('; ');
    io.err(
      `warning: ambiguous rename, written as drop + add (data lost): ${readings}. Choose one with ${
        group.readings
          .filter((r) => r.length === 1)
          .map((r) => optIn(r[0] as RenameChoice))
          .join(' or ') || '--rename'
      }`,
    );
  }
  if (autogenerate && changes.length === 0) io.err('No changes in schema detected.');
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
  });
  for (const note of rendered.notes) io.err(`note: ${note}`);
  const file = path.join(versionsDir, revisionFileName(rendered.revision, message, date, fileTemplate(root, loaded.project.scriptLocation)));
  if (existsSync(file)) {
    io.err(`migration-guard revision: ${file} already exists; not overwritten`);
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
