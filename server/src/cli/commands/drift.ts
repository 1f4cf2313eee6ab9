// `migration-guard drift DIR`: compare the live database with what the migrations build at the
// revision it records; each difference is an MG002 finding (exit 1 when there is any).
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { DEFAULT_VERSION_TABLE, readAlembicVersion, type VersionTable } from '../../db/alembicVersion';
import { mg002DatabaseDrift } from '../../core/rules/mg002-database-drift';
import { introspectSchema } from '../../db/introspect';
import { loadProjectHistory } from '../project';
import { openProjectDatabase } from '../../db/session';
import { sessionOptions } from './current';
import type { Schema } from '../../core/schema/types';
import { DRIVER_MESSAGES, type SqliteConnection } from '../../db/sqlite/driver';
import { readSqliteVersion } from '../../db/sqlite/executor';
import { addedEnumLabels, introspectSqlite, sqliteView } from '../../db/sqlite/introspect';
import { describeSqlite, openSqliteTarget, sqliteTargetOf } from '../../db/sqlite/open';
import { formatNumber } from '../../core/locale';
import { CLI_TEXT } from '../text';
import { schemasOfOps } from '../../core/schema/tableKey';

const TEXT = {
  unknown: (revisions: string, dir: string) => l10n.t("migration-guard drift: the database records {0}, which is not in {1}'s migrations", revisions, dir),
  none: (at: string) => l10n.t('No drift: the database is exactly what the migrations build at {0}.', at),
  differences: (count: number) => (count === 1 ? l10n.t('1 difference.') : l10n.t('{0} differences.', formatNumber(count))),
};

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = path.resolve(args.positionals[0] ?? '.');
  const json = flag(args, 'format') === 'json';
  const loaded = await loadProjectHistory(dir, flag(args, 'database-url'));
  if (!loaded.ok) {
    io.err(`migration-guard drift: ${loaded.message}`);
    return EXIT.error;
  }
  const historyOps = [...loaded.history.graph.revisions.values()].flatMap((r) => [...r.upgrade.ops, ...r.downgrade.ops]);
  const read = await readLive(dir, args, loaded.history.versionTable ?? DEFAULT_VERSION_TABLE, schemasOfOps(historyOps));
  if (!read.ok) {
    io.err(`migration-guard drift: ${read.message}`);
    return EXIT.error;
  }
  const { recorded, live, description } = read;
  const unknown = recorded.filter((r) => !loaded.history.graph.has(r));
  if (unknown.length > 0) {
    io.err(TEXT.unknown(unknown.join(', '), dir));
    return EXIT.error;
  }
  const anchorRevision = loaded.history.graph.revisions.get(recorded[0] ?? '');
  const anchor = anchorRevision?.location ?? {
    file: path.join(dir, 'migrations'),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
  const findings = mg002DatabaseDrift.check({
    live,
    // A SQLite file is compared in SQLite's spelling (declared types, its defaults, no enum types).
    replayed: read.sqlite ? sqliteView(loaded.history.schemaAt(recorded), addedEnumLabels(loaded.history.graph)) : loaded.history.schemaAt(recorded),
    revisions: recorded,
    anchor,
  });
  const relative = findings.map((f) => ({ ...f, file: path.relative(dir, f.file) || f.file }));
  if (json) io.out(JSON.stringify(relative, null, 2));
  else {
    io.err(CLI_TEXT.database(description));
    for (const f of relative) io.out(`${f.file}:${f.range.start.line + 1}: ${f.code} ${f.message}`);
    io.out(findings.length === 0 ? TEXT.none(recorded.join(', ') || 'base') : TEXT.differences(findings.length));
  }
  return findings.length === 0 ? EXIT.ok : EXIT.pending;
}

type LiveRead = { ok: true; recorded: string[]; live: Schema; description: string; sqlite: boolean } | { ok: false; message: string };

/** The recorded heads and the live schema, from the project's SQLite file or its PostgreSQL database. */
async function readLive(dir: string, args: ParsedArgs, versionTable: VersionTable, otherSchemas: string[]): Promise<LiveRead> {
  const sqlite = sqliteTargetOf(dir, sessionOptions(args));
  if (sqlite) {
    if (!existsSync(sqlite.file)) return { ok: false, message: DRIVER_MESSAGES.missing(sqlite.file) };
    let conn: SqliteConnection;
    try {
      conn = await openSqliteTarget(dir, sqlite, { python: flag(args, 'python') ?? null });
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    try {
      const recorded = (await readSqliteVersion(conn, versionTable)) ?? [];
      return { ok: true, recorded, live: await introspectSqlite(conn, versionTable.name), description: describeSqlite(sqlite), sqlite: true };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    } finally {
      await conn.close();
    }
  }
  const opened = await openProjectDatabase(dir, sessionOptions(args));
  if (!opened.ok) return opened;
  const { session } = opened;
  try {
    const recorded = (await readAlembicVersion(session.client, versionTable)) ?? [];
    return {
      ok: true,
      recorded,
      // The version table is left out of the live schema where it lives in the one read (public).
      live: await introspectSchema(session.client, {
        versionTable: versionTable.name,
        versionTableSchema: versionTable.schema,
        // The other schemas the history creates tables in are compared too.
        alsoSchemas: otherSchemas,
      }),
      description: session.description,
      sqlite: false,
    };
  } finally {
    await session.close();
  }
}

export const driftCommand: CliCommand = {
  name: 'drift',
  usage: 'drift DIR [--database-url URL] [--python PY] [--format json]',
  get summary() {
    return l10n.t('compare the live database with the migrations at its recorded revision (MG002 findings)');
  },
  run,
};
