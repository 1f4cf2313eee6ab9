// `migration-guard check DIR`: findings for the models against the migration head.
// Exit 0 when in sync, 1 when a migration is pending (or the history has several heads: MG004, compared
// with every head applied), 2 when there is no project or history to compare with.
import * as l10n from '@vscode/l10n';
import { formatNumber, useLocale } from '../../core/locale';
import { projectDialect } from '../../core/project/database';
import { openSqliteTarget, sqliteTargetOf } from '../../db/sqlite/open';
import { countSqliteRowsAtRisk } from '../../db/sqlite/rowsAtRisk';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FindingsJson } from '../../cliJson';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { sameRename } from '../../core/diff';
import type { Finding, KnownRowCount } from '../../core/findings';
import { blockingNotes, missingHistory } from '../../core/project/readiness';
import type { Note } from '../../core/source';
import { countAllRowsAtRisk } from '../../db/rowsAtRisk';
import { rowCountRequests, ruleFor } from '../../core/rules';
import { MG004 } from '../../core/rules/mg004-several-heads';
import { openProjectDatabase } from '../../db/session';
import { loadProject, sectionFlag } from '../project';
import { buildReport, ciBase, CI_FORMATS, printReport, type CiFormat } from '../report/build';
import { failsOn, parseFailOn, type FailOn } from '../report/failOn';
import { severityWord } from '../text';

declare const MIGRATION_GUARD_VERSION: string | undefined;

const FORMATS = ['text', 'json', ...CI_FORMATS] as const;

const TEXT = {
  format: (value: string) => l10n.t('--format takes {0} (got "{1}")', FORMATS.join(', '), value),
  legend: (code: string, title: string, data: string, safe: string) => l10n.t('{0} {1}: {2} {3} (migration-guard explain {0})', code, title, data, safe),
  assumedRename: (option: string) => l10n.t('    `revision` writes it as a rename (the default); to drop and add instead: {0}', `--no-rename ${option}`),
  renameFix: (title: string, command: string) => l10n.t('    fix: {0}: {1}', title, command),
  concurrentlyFix: (title: string, index: string) => l10n.t('    fix: {0}: add {1} to revision', title, `--concurrently ${index}`),
  checkFirst: (sql: string) => l10n.t('    check first: {0}', sql),
  get nothing() {
    return l10n.t('No models and no tables in the migrations: nothing to compare.');
  },
  get inSync() {
    return l10n.t('Models and migrations are in sync.');
  },
  notCompared: (tables: number) =>
    tables === 1
      ? l10n.t('No models were found, so the 1 table of the migration head was not compared: this is not "in sync".')
      : l10n.t('No models were found, so the {0} tables of the migration head were not compared: this is not "in sync".', formatNumber(tables)),
  pending: (count: number, command: string) =>
    count === 1 ? l10n.t('1 change pending: run `{0}`.', command) : l10n.t('{0} changes pending: run `{1}`.', formatNumber(count), command),
  get inSyncSeveralHeads() {
    return l10n.t('The models match the schema of every head applied; merge the heads first: `flask db merge heads`.');
  },
  pendingSeveralHeads: (count: number, command: string) =>
    count === 1
      ? l10n.t('1 change pending against every head applied: merge the heads first (`flask db merge heads`), then run `{0}`.', command)
      : l10n.t('{0} changes pending against every head applied: merge the heads first (`flask db merge heads`), then run `{1}`.', formatNumber(count), command),
  noRowCounts: (why: string) => l10n.t('migration-guard check: row counts unavailable: {0}', why),
  rowsNotCounted: (why: string) => l10n.t('    rows not counted: {0}', why),
};

/** --fail-on, parsed; a typo is a usage error (exit 2), never a silently passing build. */
function failPolicy(args: ParsedArgs): FailOn | null {
  const values = args.flags.get('fail-on');
  if (!values) return null;
  try {
    return parseFailOn(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const readFile = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

export function describeNote(note: Note, root: string): string {
  const where = note.location ? `${path.relative(root, note.location.file) || note.location.file}:${note.location.range.start.line + 1}: ` : '';
  return `${where}${severityWord(note.severity)}: ${note.message}`;
}

/** With a database: how many rows each finding touches (as its rule's record says to count). */
async function rowCountsFor(dir: string, url: string, findings: Finding[], io: CliIO): Promise<KnownRowCount[]> {
  const sqlite = sqliteTargetOf(dir, { databaseUrl: url, explicitLabel: '--database-url' });
  if (sqlite) {
    try {
      const conn = await openSqliteTarget(dir, sqlite, {});
      try {
        const counted = [];
        for (const request of rowCountRequests(findings)) counted.push(await countSqliteRowsAtRisk(conn, request));
        return counted.filter((c) => c.problem === null);
      } finally {
        await conn.close();
      }
    } catch (error) {
      io.err(TEXT.noRowCounts((error as Error).message));
      return [];
    }
  }
  const opened = await openProjectDatabase(dir, { databaseUrl: url, explicitLabel: '--database-url' });
  if (!opened.ok) {
    io.err(TEXT.noRowCounts(opened.message));
    return [];
  }
  try {
    // Counts that could not be read stay in, with their reason: the finding then says why.
    return await countAllRowsAtRisk(opened.session.client, rowCountRequests(findings));
  } finally {
    await opened.session.close();
  }
}

export function relativeFinding(finding: Finding, root: string): Finding {
  const file = finding.file ? path.relative(root, finding.file).split(path.sep).join('/') : finding.file;
  const fixes = finding.fixes.map((fix) => (fix.kind === 'ignore' ? { ...fix, file: path.relative(root, fix.file).split(path.sep).join('/') } : fix));
  return { ...finding, file, fixes };
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const format = flag(args, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(TEXT.format(format));
  const json = format === 'json';
  // Machine output is language-neutral: JSON and SARIF messages are the English text whatever the locale.
  if (json || format === 'sarif') useLocale('en');
  const failOn = failPolicy(args);
  // A Flask-Migrate app with no migrations/ yet is compared with an empty history (uninitialized.ts).
  const loaded = await loadProject(dir, flag(args, 'database-url'), true);
  if (!loaded.ok) {
    io.err(`migration-guard check: ${loaded.message}`);
    return EXIT.error;
  }
  const root = path.resolve(dir);
  // Never "in sync over 0 tables": without a history there is nothing to compare with.
  const noHistory = loaded.project.uninitialized ? null : missingHistory(loaded.project);
  if (noHistory) {
    io.err(`migration-guard check: ${noHistory}`);
    return EXIT.error;
  }
  const url = flag(args, 'database-url');
  if (url) loaded.analysis.setDialect(projectDialect(root, { explicit: url, explicitLabel: '--database-url' }));
  let result = loaded.analysis.result();
  // Several heads do not stop the comparison: it is made with every head applied, and MG004 says so (exit 1).
  const blocking = blockingNotes(result).filter((n) => n.kind !== 'multiple-heads');
  if (blocking.length > 0) {
    for (const note of blocking) io.err(`migration-guard check: ${describeNote(note, root)}`);
    return EXIT.error;
  }
  if (url && rowCountRequests(result.findings).length > 0) {
    loaded.analysis.setDatabaseState({ current: [], rowCounts: await rowCountsFor(dir, url, result.findings, io) });
    result = loaded.analysis.result();
  }
  const byPlace = (a: Finding, b: Finding) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const findings = result.findings.map((f) => relativeFinding(f, root)).sort(byPlace);
  const severalHeads = findings.some((f) => f.code === MG004);
  const exit = failOn ? (failsOn(failOn, findings) ? EXIT.pending : EXIT.ok) : result.changes.length === 0 && !severalHeads ? EXIT.ok : EXIT.pending;
  if ((CI_FORMATS as readonly string[]).includes(format)) {
    const report = buildReport({
      findings: [...result.findings].sort(byPlace),
      pendingChanges: result.changes.length,
      models: result.modelSchema,
      base: ciBase(root),
      toolVersion: typeof MIGRATION_GUARD_VERSION === 'string' ? MIGRATION_GUARD_VERSION : '0.0.0-dev',
      docsBaseUrl: flag(args, 'docs-url') ?? process.env.MIGRATION_GUARD_DOCS_URL,
      readText: readFile,
    });
    for (const line of printReport(format as CiFormat, report)) io.out(line);
    return exit;
  }
  if (json) io.out(JSON.stringify(findings satisfies FindingsJson, null, 2));
  else {
    for (const note of result.notes.filter((n) => n.severity === 'error' || n.severity === 'warning')) io.err(describeNote(note, root));
    for (const f of findings) {
      io.out(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`);
      if (f.rowsUnavailable) io.out(TEXT.rowsNotCounted(f.rowsUnavailable));
      for (const fix of f.fixes) {
        if (fix.kind === 'rename' && result.renames.assumed.some((r) => sameRename(r, fix.rename))) {
          const option = fix.rename.kind === 'column' ? `${fix.rename.table}.${fix.rename.from}=${fix.rename.to}` : `${fix.rename.from}=${fix.rename.to}`;
          io.out(TEXT.assumedRename(option));
        } else if (fix.kind === 'rename') {
          const option =
            fix.rename.kind === 'column'
              ? `--rename ${fix.rename.table}.${fix.rename.from}=${fix.rename.to}`
              : `--rename-table ${fix.rename.from}=${fix.rename.to}`;
          io.out(TEXT.renameFix(fix.title, `migration-guard revision ${dir} -m "..." --autogenerate ${option}`));
        } else if (fix.kind === 'concurrently') io.out(TEXT.concurrentlyFix(fix.title, fix.index));
        else if (fix.kind === 'inspectRows') io.out(TEXT.checkFirst(fix.sql));
      }
    }
    // What happens to the data and the safe recipe, once per code (the editor shows them on hover).
    for (const code of [...new Set(findings.map((f) => f.code))]) {
      const rule = ruleFor(code);
      if (rule) io.out(TEXT.legend(code, rule.text.title, rule.text.data, rule.text.safe));
    }
    const modelTables = Object.keys(result.modelSchema.schema.tables).length;
    const headTables = Object.keys(result.headSchema.tables).length;
    const nothing = modelTables === 0 && headTables === 0;
    const revision = `migration-guard revision ${dir}${sectionFlag(loaded.project.iniSection)} -m "..." --autogenerate`;
    // With no migrations/ yet, a revision cannot be written before `flask db init` makes the folder.
    const revisionCommand = loaded.project.uninitialized ? `flask db init && ${revision}` : revision;
    if (nothing) io.out(TEXT.nothing);
    // Never "in sync" when nothing was compared (the no-models warning above says why).
    else if (modelTables === 0 && result.changes.length === 0) io.out(TEXT.notCompared(headTables));
    else if (severalHeads) io.out(result.changes.length === 0 ? TEXT.inSyncSeveralHeads : TEXT.pendingSeveralHeads(result.changes.length, revisionCommand));
    else io.out(result.changes.length === 0 ? TEXT.inSync : TEXT.pending(result.changes.length, revisionCommand));
  }
  return exit;
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check DIR [--format text|json|sarif|github|markdown] [--fail-on CODE|SEVERITY|none] [--database-url URL] [--docs-url URL]',
  get summary() {
    return l10n.t(
      'findings for the models against the migration head (exit 0 in sync, 1 pending — or, with --fail-on, a finding that fails the build — 2 error)',
    );
  },
  run,
};
