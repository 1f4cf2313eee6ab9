// `migration-guard stamp DIR REV`: record REV in alembic_version without running migrations, as
// `flask db stamp` does (under the migration lock, so it never races an upgrade).
import * as l10n from '@vscode/l10n';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { createVersionTableSql, DEFAULT_VERSION_TABLE, readAlembicVersion, stampVersions, versionStatementSql } from '../../db/alembicVersion';
import { versionTableSql } from '../../core/history/versionTable';
import { acquireMigrationLock, MigrationLockBusyError } from '../../db/lock';
import { describeHeads } from '../../db/executor';
import { loadProjectHistory } from '../project';
import { openProjectDatabase } from '../../db/session';
import { resolveRevision } from '../../core/history/resolve';
import { sqliteTargetOf } from '../../db/sqlite/open';
import { sessionOptions } from './current';
import { sqliteStamp } from './sqliteVerbs';
import { CLI_TEXT } from '../text';

const TEXT = {
  get needsRevision() {
    return l10n.t('stamp needs the revision to record (e.g. head, base, or a revision id)');
  },
  nothingChanged: (why: string) => l10n.t('nothing was changed: {0}', why),
};

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const spec = args.positionals[1];
  if (spec === undefined) throw new UsageError(TEXT.needsRevision);
  const json = flag(args, 'format') === 'json';
  const loaded = await loadProjectHistory(dir, flag(args, 'database-url'));
  if (!loaded.ok) {
    io.err(`migration-guard stamp: ${loaded.message}`);
    return EXIT.error;
  }
  const resolved = resolveRevision(loaded.history.graph, spec);
  if (!resolved.ok) {
    io.reason?.(resolved.reason);
    io.err(`migration-guard stamp: ${resolved.error}`);
    return EXIT.error;
  }
  const heads = resolved.revisions;
  const versionTable = loaded.history.versionTable ?? DEFAULT_VERSION_TABLE;
  if (flag(args, 'sql') === 'true') {
    const offline = loaded.history.offlineVersionTable ?? DEFAULT_VERSION_TABLE;
    const lines = [
      'BEGIN;',
      `${createVersionTableSql(offline).replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS')};`,
      `DELETE FROM ${versionTableSql(offline)};`,
    ];
    for (const head of heads) lines.push(`${versionStatementSql({ kind: 'insert', revision: head }, offline)};`);
    io.out([...lines, 'COMMIT;'].join('\n'));
    return EXIT.ok;
  }
  const sqlite = sqliteTargetOf(dir, sessionOptions(args));
  if (sqlite) return sqliteStamp(dir, sqlite, heads, args, io);
  const opened = await openProjectDatabase(dir, sessionOptions(args));
  if (!opened.ok) {
    if (opened.reason) io.reason?.(opened.reason);
    io.err(`migration-guard stamp: ${opened.message}`);
    return EXIT.error;
  }
  const { session } = opened;
  const client = session.client;
  try {
    await client.query('BEGIN');
    let before: string[];
    try {
      await client.query('SET LOCAL lock_timeout = 10000');
      await acquireMigrationLock(client, (line) => io.err(line));
      before = (await readAlembicVersion(client, versionTable)) ?? [];
      await stampVersions(client, heads, versionTable);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof MigrationLockBusyError) io.reason?.(error.reason);
      io.err(`migration-guard stamp: ${error instanceof MigrationLockBusyError ? error.message : TEXT.nothingChanged((error as Error).message)}`);
      return EXIT.error;
    }
    const summary = CLI_TEXT.stamped(describeHeads(heads), describeHeads(before));
    if (json) io.out(JSON.stringify({ database: session.description, headsBefore: before, headsAfter: heads, summary }, null, 2));
    else {
      io.err(CLI_TEXT.database(session.description));
      io.out(summary);
    }
    return EXIT.ok;
  } finally {
    await session.close();
  }
}

export const stampCommand: CliCommand = {
  name: 'stamp',
  usage: 'stamp DIR REV [--sql] [--database-url URL] [--format json]',
  get summary() {
    return l10n.t('record REV in alembic_version without running any migration');
  },
  booleanFlags: ['sql'],
  run,
};
