// `migration-guard current DIR`: the revision(s) alembic_version records, like `flask db current`.
import * as l10n from '@vscode/l10n';
import type { CurrentJson } from '../../cliJson';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { readAlembicVersion } from '../../db/alembicVersion';
import { openProjectDatabase } from '../../db/session';
import { parseDuration } from '../../db/options';
import { loadProjectHistory, projectVersionTable } from '../project';
import { projectSection } from '../section';
import { MG003, unknownRecordedRevisions, unknownRevisionMessage } from '../../core/rules/mg003-unknown-database-revision';
import { sqliteTargetOf } from '../../db/sqlite/open';
import { sqliteCurrent } from './sqliteVerbs';
import { CLI_TEXT, severityWord } from '../text';

const TEXT = {
  unreadable: (why: string) => l10n.t('migration-guard current: the migrations could not be read, so "(head)" is not shown: {0}', why),
  get unknown() {
    return l10n.t('(unknown to this project)');
  },
};

/** The connection flags shared by the database verbs. */
export function sessionOptions(args: ParsedArgs): { databaseUrl: string | null; explicitLabel: string; connectTimeoutMs: number; iniSection?: string } {
  let connectTimeoutMs: number;
  try {
    connectTimeoutMs = parseDuration(flag(args, 'connect-timeout'), 'connect-timeout', 10_000, 's');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // --name: that section's sqlalchemy.url, as `alembic --name` connects to it.
  const iniSection = projectSection();
  return {
    databaseUrl: flag(args, 'database-url') ?? null,
    explicitLabel: '--database-url',
    connectTimeoutMs,
    ...(iniSection !== undefined ? { iniSection } : {}),
  };
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const json = flag(args, 'format') === 'json';
  const sqlite = sqliteTargetOf(dir, sessionOptions(args));
  if (sqlite) {
    const history = await loadProjectHistory(dir, flag(args, 'database-url')).catch(() => null);
    return sqliteCurrent(dir, sqlite, new Set(history?.ok ? history.history.heads : []), args, io);
  }
  // The connection is under way while the revision files are read (the graph only: nothing is replayed).
  const opening = openProjectDatabase(dir, sessionOptions(args));
  // "(head)" as Alembic prints it, when the project's history can be read; current works without it.
  const history = await loadProjectHistory(dir, flag(args, 'database-url')).catch(() => null);
  const opened = await opening;
  if (!opened.ok) {
    if (opened.reason) io.reason?.(opened.reason);
    io.err(`migration-guard current: ${opened.message}`);
    return EXIT.error;
  }
  const { session } = opened;
  try {
    const heads = await readAlembicVersion(session.client, history?.ok ? history.history.versionTable : projectVersionTable(dir));
    const headSet = new Set(history?.ok ? history.history.heads : []);
    // MG003: a recorded revision the project does not have (only decidable when the history reads).
    const unknown = history?.ok ? unknownRecordedRevisions(heads ?? [], (id) => history.history.graph.has(id)) : [];
    const code = unknown.length > 0 ? EXIT.error : EXIT.ok;
    if (!history?.ok && history) io.err(TEXT.unreadable(history.message));
    if (json) {
      const findings = unknown.length > 0 ? [{ code: MG003, severity: 'error', message: unknownRevisionMessage(unknown), revisions: unknown }] : [];
      io.out(
        JSON.stringify(
          {
            database: session.description,
            versionTable: heads !== null,
            heads: (heads ?? []).map((revision) => ({ revision, head: headSet.has(revision), known: !unknown.includes(revision) })),
            findings,
          } satisfies CurrentJson,
          null,
          2,
        ),
      );
      return code;
    }
    io.err(CLI_TEXT.database(session.description));
    if (heads === null) {
      io.err(CLI_TEXT.noVersionTable);
      return EXIT.ok;
    }
    if (heads.length === 0) io.err(CLI_TEXT.atBase);
    for (const revision of heads) io.out(`${revision}${headSet.has(revision) ? ' (head)' : unknown.includes(revision) ? ` ${TEXT.unknown}` : ''}`);
    if (unknown.length > 0) io.err(`${severityWord('error')} ${MG003}: ${unknownRevisionMessage(unknown)}`);
    return code;
  } finally {
    await session.close();
  }
}

export const currentCommand: CliCommand = {
  name: 'current',
  usage: 'current DIR [--database-url URL] [--connect-timeout S] [--format json]',
  get summary() {
    return l10n.t("show the revision(s) the database's alembic_version records");
  },
  run,
};
