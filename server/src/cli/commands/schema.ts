// `migration-guard schema DIR --from models|migrations|database [--revision REV] [--format json|text]`:
// the normalized schema JSON of ARCHITECTURE.md, read from one source. Each source is one function below.
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { flag, UsageError, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { initPythonParser } from '../../core/python/parser';
import { readProjectPythonFiles, type ModelSchema } from '../../core/models';
import { ModelCache } from '../../core/project/modelCache';
import { replayAt } from '../../core/project/cachedReplay';
import { formatSchemaJson, schemaToJson, type SchemaJson } from '../../core/schema/json';
import type { Schema } from '../../core/schema/types';
import type { Note } from '../../core/source';
import { CLI_TEXT, severityWord } from '../text';
import { formatNumber } from '../../core/locale';

const TEXT = {
  get revisionOnlyMigrations() {
    return l10n.t('--revision applies to --from migrations only');
  },
  noModels: (files: number, dir: string) =>
    files === 1
      ? l10n.t('no model classes or Table() objects found in the 1 Python file under {0}', dir)
      : l10n.t('no model classes or Table() objects found in the {0} Python files under {1}', formatNumber(files), dir),
  get fromRequired() {
    return l10n.t('--from models|migrations|database is required');
  },
  badFrom: (from: string) => l10n.t('--from must be models, migrations or database, not "{0}"', from),
  badFormat: (format: string) => l10n.t('--format must be json or text, not "{0}"', format),
  notADirectory: (dir: string) => l10n.t('migration-guard schema: {0} is not a directory', dir),
  get noTables() {
    return l10n.t('(no tables)');
  },
};

import { parseRevisionCached } from '../../core/history/load';
import { cliLibrarySearch, openCliProject, projectVersionTable } from '../project';
import { projectCacheAt } from '../cache';
import { schemaAtRevision } from '../../core/history/schemaAtRevision';
import { newReplayGuard } from '../../core/history/guardedReplay';
import { defaultUpgradeTarget } from '../../core/history/parent';
import { findPluginHistoryDirs, withPluginHistories } from '../../core/history/pluginHistories';
import { readEnvFilters } from '../../core/project/envFilters';
import { schemaOfKey, schemasOfOps } from '../../core/schema/tableKey';
import type { LiveSchemas } from '../../db/liveSchema';

export interface SchemaSourceResult {
  schema: Schema;
  notes: Note[];
}

export interface SchemaSourceOptions {
  dir: string;
  revision?: string;
  databaseUrl?: string;
}

type SchemaSource = (options: SchemaSourceOptions) => Promise<SchemaSourceResult>;

/** The models of every Python file under DIR; tree-sitter is loaded only for files the cache lacks. */
async function readModels(dir: string): Promise<{ files: number; models: ModelSchema }> {
  const files = readProjectPythonFiles(dir);
  const cache = new ModelCache(dir, projectCacheAt(dir), cliLibrarySearch());
  if (files.some((f) => cache.needsParse(f.path, f.text))) await initPythonParser();
  for (const file of files) cache.set(file.path, file.text);
  let models = cache.schema();
  if (cache.librariesNeedParser) {
    // A library's base class in a file the cache does not hold yet.
    await initPythonParser();
    cache.reread();
    models = cache.schema();
  }
  cache.dispose();
  return { files: files.length, models };
}

/** The model files under DIR (no Python, no database). */
async function fromModels(options: SchemaSourceOptions): Promise<SchemaSourceResult> {
  if (options.revision !== undefined) throw new UsageError(TEXT.revisionOnlyMigrations);
  const { files, models } = await readModels(options.dir);
  const schema = models.schema;
  const notes = [...models.notes];
  if (Object.keys(schema.tables).length === 0) {
    notes.push({
      severity: 'warning',
      kind: 'no-models',
      message: TEXT.noModels(files, options.dir),
    });
  }
  return { schema, notes };
}

/** The schema the Alembic revisions build, at head or at --revision. */
async function fromMigrations(options: SchemaSourceOptions): Promise<SchemaSourceResult> {
  // Through the project service, as every verb: discovery, this run's cache, the history read once.
  const opened = openCliProject(options.dir, undefined, options.databaseUrl ?? undefined);
  if (!opened.ok) throw new Error(opened.message);
  const cache = opened.project.cache;
  const history = await opened.project.history();
  const fatal = history.notes.find((n) => n.kind === 'no-migrations');
  if (fatal) throw new Error(fatal.message);
  // Tables the history uses before creating them (made by create_all, then stamped) come from the models.
  const models = (await readModels(options.dir)).models.schema;
  const spec = options.revision ?? defaultUpgradeTarget(history.versionDirs);
  const { dialect, reading } = opened.project.dialect();
  const replayed = history.digest
    ? replayAt(history, models, cache, history.digest, spec, true, dialect)
    : schemaAtRevision(history, spec, newReplayGuard(models, dialect));
  const unknown = replayed.notes.find((n) => n.kind === 'unknown-revision');
  if (unknown) throw new Error(unknown.message);
  if (options.revision !== undefined) return { schema: replayed.schema, notes: [...history.notes, ...replayed.notes] };
  // At head: the plugin histories the app runs after the core's, as check compares them.
  const root = path.resolve(options.dir);
  const dirs = findPluginHistoryDirs(root, history.versionDirs.versionDirs, (file) => readFileSync(file, 'utf8'));
  if (dirs.length > 0) await initPythonParser();
  const uncertain = 'uncertain' in replayed ? replayed.uncertain : new Map();
  const parse = (file: string) => parseRevisionCached(file, readFileSync(file, 'utf8'), cache.revisions, reading);
  const plugins = withPluginHistories({ root, dirs, schema: replayed.schema, models, uncertain, parse });
  return { schema: plugins.schema, notes: [...history.notes, ...replayed.notes, ...plugins.notes] };
}

/** The live database at --database-url (or DATABASE_URL), in every schema the comparison covers. */
async function fromDatabase(options: SchemaSourceOptions): Promise<SchemaSourceResult> {
  if (options.revision !== undefined) throw new UsageError(TEXT.revisionOnlyMigrations);
  // Loaded here only: the database modules pull in pg and PGlite, which the other sources never need.
  const { readDatabaseSchema } = await import('../../db/liveSchema');
  // The project's version table (env.py's version_table) is bookkeeping, as alembic_version is.
  const versionTable = projectVersionTable(options.dir);
  const schema = versionTable.schema === 'public' ? null : versionTable.schema;
  return readDatabaseSchema(options.dir, options.databaseUrl, { name: versionTable.name, schema }, await comparedSchemas(options.dir));
}

/**
 * The schemas besides the default one that check and revision compare: the models' and the history's,
 * and with include_schemas=True every schema of the database that include_name keeps.
 */
async function comparedSchemas(dir: string): Promise<LiveSchemas> {
  const opened = openCliProject(dir);
  if (!opened.ok) return {};
  const history = await opened.project.history();
  const ops = history.revisions.flatMap((r) => [...r.upgrade.ops, ...r.downgrade.ops]);
  const models = (await readModels(dir)).models.schema;
  const modelSchemas = Object.keys(models.tables).flatMap((key) => schemaOfKey(key) ?? []);
  const filters = readEnvFilters(opened.project.location.scriptLocation);
  return {
    also: [...new Set([...schemasOfOps(ops), ...modelSchemas])],
    ...(filters.includeSchemas ? { every: (name: string) => !filters.excludesSchema(name) } : {}),
  };
}

export const SCHEMA_SOURCES: Record<string, SchemaSource> = {
  models: fromModels,
  migrations: fromMigrations,
  database: fromDatabase,
};

/** "models.py:12:5: warning: ..." with paths relative to DIR. */
export function formatNote(note: Note, dir: string): string {
  const where = note.location
    ? `${path.relative(dir, note.location.file) || note.location.file}:${note.location.range.start.line + 1}:${note.location.range.start.character + 1}: `
    : '';
  return `${where}${severityWord(note.severity)}: ${note.message} [${note.kind}]`;
}

/** A readable listing of the normalized schema. */
export function formatSchemaText(json: SchemaJson): string {
  const lines: string[] = [];
  for (const [name, table] of Object.entries(json.tables)) {
    lines.push(`table ${name}`);
    for (const [column, spec] of Object.entries(table.columns)) {
      const pk = table.primaryKey.length === 1 && table.primaryKey[0] === column ? ' primary key' : '';
      lines.push(`  ${column} ${spec.type}${spec.nullable ? '' : ' not null'}${spec.default !== null ? ` default ${spec.default}` : ''}${pk}`);
    }
    if (table.primaryKey.length > 1) lines.push(`  primary key (${table.primaryKey.join(', ')})`);
    for (const unique of table.uniques) lines.push(`  unique (${unique.join(', ')})`);
    for (const index of table.indexes) lines.push(`  ${index.unique ? 'unique index' : 'index'} ${index.name} (${index.columns.join(', ')})`);
    for (const fk of table.foreignKeys) {
      lines.push(
        `  foreign key (${fk.columns.join(', ')}) references ${fk.refTable} (${fk.refColumns.join(', ')})${fk.onDelete ? ` on delete ${fk.onDelete.toLowerCase()}` : ''}`,
      );
    }
    for (const check of table.checks) lines.push(`  check (${check})`);
  }
  for (const [name, labels] of Object.entries(json.enums)) lines.push(`enum ${name} (${labels.map((l) => `'${l}'`).join(', ')})`);
  return lines.length ? lines.join('\n') : TEXT.noTables;
}

export const schemaCommand: CliCommand = {
  name: 'schema',
  usage: 'schema DIR --from models|migrations|database [--revision REV]',
  get summary() {
    return l10n.t('print the normalized schema read from the models, the migrations or the database');
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const dir = path.resolve(args.positionals[0] ?? '.');
    if (args.positionals.length > 1) throw new UsageError(CLI_TEXT.unexpectedArgument(args.positionals[1] as string));
    const from = flag(args, 'from');
    if (from === undefined) throw new UsageError(TEXT.fromRequired);
    const source = SCHEMA_SOURCES[from];
    if (!source) throw new UsageError(TEXT.badFrom(from));
    const format = flag(args, 'format') ?? 'json';
    if (format !== 'json' && format !== 'text') throw new UsageError(TEXT.badFormat(format));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      io.err(TEXT.notADirectory(dir));
      return EXIT.error;
    }
    const revision = flag(args, 'revision');
    const databaseUrl = flag(args, 'database-url') ?? process.env.DATABASE_URL;
    const result = await source({ dir, ...(revision !== undefined ? { revision } : {}), ...(databaseUrl !== undefined ? { databaseUrl } : {}) });
    io.out(format === 'json' ? formatSchemaJson(result.schema) : formatSchemaText(schemaToJson(result.schema)));
    for (const note of result.notes) io.err(formatNote(note, dir));
    return result.notes.some((n) => n.kind === 'internal-error') ? EXIT.error : EXIT.ok;
  },
};
