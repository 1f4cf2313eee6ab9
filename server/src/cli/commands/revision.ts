// `migration-guard revision DIR -m MSG --autogenerate [--rename t.old=new] [--rename-table old=new]`:
// writes the revision file for the pending model changes under the versions dir and prints its path.
// A rename is only ever written when asked for; guessed ones are pointed out on stderr.
// --concurrently INDEX creates that index with CONCURRENTLY in an autocommit block (the PG101 fix).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flag, flagList, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { detectRenameCandidates, parseRenameChoice } from '../../core/diff';
import type { RenameChoice } from '../../core/findings';
import { iniValue, parseIni } from '../../core/history/iniFile';
import { defaultMessage } from '../../core/project/describe';
import { renderRevision, revisionFileName } from '../../core/render/revision';
import { blockingNotes, describeNote, loadProject } from './check';
import { missingHistory } from '../../core/project/readiness';

function renameChoices(args: ParsedArgs): RenameChoice[] {
  const choices: RenameChoice[] = [];
  for (const text of flagList(args, 'rename')) {
    const choice = parseRenameChoice(text, false);
    if (!choice) throw new UsageError(`--rename ${text}: expected TABLE.OLD=NEW, e.g. --rename user.name=full_name`);
    choices.push(choice);
  }
  for (const text of flagList(args, 'rename-table')) {
    const choice = parseRenameChoice(text, true);
    if (!choice) throw new UsageError(`--rename-table ${text}: expected OLD=NEW, e.g. --rename-table users=account`);
    choices.push(choice);
  }
  return choices;
}

/** alembic.ini's file_template, wherever the project keeps alembic.ini (Flask-Migrate: inside migrations/). */
function fileTemplate(root: string, scriptLocation: string): string | undefined {
  for (const dir of [scriptLocation, root]) {
    const file = path.join(dir, 'alembic.ini');
    if (!existsSync(file)) continue;
    const value = iniValue(parseIni(readFileSync(file, 'utf8')), 'alembic', 'file_template', { here: dir });
    if (value) return value;
  }
  return undefined;
}

const renameFlag = (c: RenameChoice) => (c.kind === 'column' ? `--rename ${c.table}.${c.from}=${c.to}` : `--rename-table ${c.from}=${c.to}`);

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const renames = renameChoices(args);
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
  const versionsDir = loaded.project.versionDirs[0];
  if (!versionsDir) {
    io.err(`migration-guard revision: the project has no versions folder (${loaded.project.scriptLocation}); run \`flask db init\` first`);
    return EXIT.error;
  }
  const { changes, problems } = autogenerate ? loaded.analysis.changesWith(renames) : { changes: [], problems: [] };
  if (problems.length > 0) {
    for (const problem of problems) io.err(`migration-guard revision: ${problem}`);
    return EXIT.error;
  }
  for (const candidate of detectRenameCandidates(changes)) {
    const what = candidate.choice.kind === 'column' ? `${candidate.choice.table}.${candidate.choice.from} → ${candidate.choice.to}` : `table ${candidate.choice.from} → ${candidate.choice.to}`;
    io.err(`warning: ${what} looks like a rename; this revision drops and re-adds it (data lost). To keep the data, write it again with ${renameFlag(candidate.choice)}`);
  }
  if (autogenerate && changes.length === 0) io.err('No changes in schema detected.');
  const message = flag(args, 'm') ?? flag(args, 'message') ?? (autogenerate ? defaultMessage(changes) : 'empty message');
  const templateFile = path.join(loaded.project.scriptLocation, 'script.py.mako');
  const template = existsSync(templateFile) ? readFileSync(templateFile, 'utf8') : null;
  const date = new Date();
  const rendered = renderRevision({
    changes, head: result.headSchema, target: result.modelSchema.schema, message,
    downRevision: result.heads[0] ?? null, createDate: date, template, concurrentIndexes: flagList(args, 'concurrently'),
  });
  for (const note of rendered.notes) io.err(`note: ${note}`);
  const file = path.join(versionsDir, revisionFileName(rendered.revision, message, date, fileTemplate(root, loaded.project.scriptLocation)));
  if (existsSync(file)) {
    io.err(`migration-guard revision: ${file} already exists; not overwritten`);
    return EXIT.error;
  }
  writeFileSync(file, rendered.text);
  if (flag(args, 'format') === 'json') {
    io.out(JSON.stringify({ path: file, revision: rendered.revision, downRevision: result.heads[0] ?? null, message, changes: changes.length, notes: rendered.notes }, null, 2));
  } else io.out(file);
  return EXIT.ok;
}

export const revisionCommand: CliCommand = {
  name: 'revision',
  usage: 'revision DIR -m MSG --autogenerate [--rename T.OLD=NEW] [--rename-table OLD=NEW] [--concurrently INDEX] [--format json]',
  summary: 'write a revision file for the pending model changes and print its path',
  booleanFlags: ['autogenerate'],
  run,
};
