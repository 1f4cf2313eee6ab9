// `migration-guard drift DIR`: compare the live database with what the migrations build at the
// revision it records; each difference is an MG002 finding (exit 1 when there is any).
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { readAlembicVersion } from '../../db/alembicVersion';
import { mg002DatabaseDrift } from '../../core/rules/mg002-database-drift';
import { introspectSchema } from '../../db/introspect';
import { loadProjectHistory } from '../../db/projectHistory';
import { projectCacheAt } from '../cache';
import { openProjectDatabase } from '../../db/session';
import { sessionOptions } from './current';

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = path.resolve(args.positionals[0] ?? '.');
  const json = flag(args, 'format') === 'json';
  const loaded = await loadProjectHistory(dir, { cache: projectCacheAt(dir).revisions });
  if (!loaded.ok) {
    io.err(`migration-guard drift: ${loaded.message}`);
    return EXIT.error;
  }
  const opened = await openProjectDatabase(dir, sessionOptions(args));
  if (!opened.ok) {
    io.err(`migration-guard drift: ${opened.message}`);
    return EXIT.error;
  }
  const { session } = opened;
  try {
    const recorded = (await readAlembicVersion(session.client)) ?? [];
    const unknown = recorded.filter((r) => !loaded.history.graph.has(r));
    if (unknown.length > 0) {
      io.err(`migration-guard drift: the database records ${unknown.join(', ')}, which is not in ${dir}'s migrations`);
      return EXIT.error;
    }
    const anchorRevision = loaded.history.graph.revisions.get(recorded[0] ?? '');
    const anchor = anchorRevision?.location ?? {
      file: path.join(dir, 'migrations'),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    };
    const findings = mg002DatabaseDrift.check({
      live: await introspectSchema(session.client),
      replayed: loaded.history.schemaAt(recorded),
      revisions: recorded,
      anchor,
    });
    const relative = findings.map((f) => ({ ...f, file: path.relative(dir, f.file) || f.file }));
    if (json) io.out(JSON.stringify(relative, null, 2));
    else {
      io.err(`Database: ${session.description}`);
      for (const f of relative) io.out(`${f.file}:${f.range.start.line + 1}: ${f.code} ${f.message}`);
      io.out(
        findings.length === 0
          ? `No drift: the database is exactly what the migrations build at ${recorded.join(', ') || 'base'}.`
          : `${findings.length} difference(s).`,
      );
    }
    return findings.length === 0 ? EXIT.ok : EXIT.pending;
  } finally {
    await session.close();
  }
}

export const driftCommand: CliCommand = {
  name: 'drift',
  usage: 'drift DIR [--database-url URL] [--format json]',
  get summary() {
    return l10n.t('compare the live database with the migrations at its recorded revision (MG002 findings)');
  },
  run,
};
