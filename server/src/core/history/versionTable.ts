// Where a project records its applied revisions. Alembic's default is `alembic_version` in the search
// path; a project can set another with `context.configure(version_table=..., version_table_schema=...)` in
// env.py (a literal, or read from its alembic.ini section), or with Flask-Migrate's
// `Migrate(app, db, version_table=...)`, which the Flask-Migrate env.py passes on as `**configure_args`.
// Read statically; what cannot be read is a note, and the default is kept.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Note } from '../source';
import { walkFiles } from '../walk';
import { DEFAULT_INI_SECTION } from './discovery';
import { iniValue, parseIni } from './iniFile';
import { configureCalls, keyword } from './envPy';
import type { VersionDirs } from './types';

export interface VersionTable {
  name: string;
  /** The schema it lives in; null: the connection's search path (Alembic's default). */
  schema: string | null;
}

export const DEFAULT_VERSION_TABLE: VersionTable = { name: 'alembic_version', schema: null };

const TEXT = {
  unreadable: (option: string, text: string) =>
    l10n.t('env.py sets {0} to {1}, which cannot be read without running it; the database verbs use {2}', option, text, 'alembic_version'),
};

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const LITERAL = /^[rRuU]?(['"])([^'"\\]*)\1$/;
/** `config.get_main_option("key")`, `config.get_section_option(config.config_ini_section, "key")`, with an optional default. */
const INI_OPTION =
  /^config\.(?:get_main_option\(\s*|get_section_option\(\s*config\.config_ini_section\s*,\s*)(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?\)$/;

type Value = { kind: 'set'; value: string | null } | { kind: 'unreadable'; text: string } | { kind: 'absent' };

function valueOf(text: string | null, ini: (key: string) => string | null): Value {
  if (text === null) return { kind: 'absent' };
  if (text === 'None') return { kind: 'set', value: null };
  const literal = LITERAL.exec(text);
  if (literal) return { kind: 'set', value: literal[2] as string };
  const option = INI_OPTION.exec(text);
  if (option) return { kind: 'set', value: ini(option[2] as string) ?? option[4] ?? null };
  return { kind: 'unreadable', text: text.replace(/\s+/g, ' ') };
}

/** `version_table=` / `version_table_schema=` literals in `Migrate(...)` / `init_app(...)` calls of the project's Python files. */
function flaskMigrateArgs(root: string, exclude: readonly string[]): { name: string | null; schema: string | null } {
  const excluded = new Set(exclude.map((d) => path.resolve(d)));
  // Migrate(app, db) sits near the top of an app (app.py, app/__init__.py, extensions.py): a shallow look is enough.
  const files = walkFiles(root, (name) => name.endsWith('.py') && !name.startsWith('test'), {
    maxDepth: 3,
    maxFiles: 400,
    exclude: (dir) => excluded.has(dir) || /^(tests?|docs?)$/.test(path.basename(dir)),
  });
  for (const file of files) {
    const text = read(file);
    if (text === null || !text.includes('version_table') || !/\b(?:Migrate|init_app)\s*\(/.test(text)) continue;
    const call = /\b(?:Migrate|init_app)\s*\(([^)]*\bversion_table\s*=[^)]*)\)/.exec(text);
    if (!call) continue;
    const literal = (name: string) => {
      const value = keyword(call[1] as string, name);
      return value === null ? null : (LITERAL.exec(value)?.[2] ?? null);
    };
    return { name: literal('version_table'), schema: literal('version_table_schema') };
  }
  return { name: null, schema: null };
}

export interface ProjectVersionTable {
  /** What a migration on a connection uses (env.py's online configure). */
  table: VersionTable;
  /** What `--sql` scripts use (the offline configure; Flask-Migrate's passes no configure_args there). */
  offline: VersionTable;
  notes: Note[];
}

/** The project's version table, online and offline, and the notes on what could not be read. */
export function readVersionTable(root: string, dirs: Pick<VersionDirs, 'scriptLocation' | 'versionDirs' | 'iniFile' | 'iniSection'>): ProjectVersionTable {
  const envPy = path.join(dirs.scriptLocation, 'env.py');
  const text = read(envPy);
  if (text === null) return { table: DEFAULT_VERSION_TABLE, offline: DEFAULT_VERSION_TABLE, notes: [] };
  const section = dirs.iniSection ?? DEFAULT_INI_SECTION;
  const iniText = dirs.iniFile ? read(dirs.iniFile) : null;
  const iniDir = dirs.iniFile ? path.dirname(dirs.iniFile) : root;
  const ini = (key: string) => (iniText === null ? null : iniValue(parseIni(iniText), section, key, { here: iniDir }));
  const notes: Note[] = [];
  const calls = configureCalls(text);
  const online = tableOf(
    calls.filter((c) => !c.offline),
    root,
    dirs,
    envPy,
    ini,
    notes,
  );
  const offlineCalls = calls.filter((c) => c.offline);
  const offline = offlineCalls.length === 0 ? online : tableOf(offlineCalls, root, dirs, envPy, ini, notes);
  return { table: online, offline, notes };
}

function tableOf(
  calls: ReturnType<typeof configureCalls>,
  root: string,
  dirs: Pick<VersionDirs, 'scriptLocation' | 'versionDirs'>,
  envPy: string,
  ini: (key: string) => string | null,
  notes: Note[],
): VersionTable {
  let name: string | null = null;
  let schema: string | null = null;
  for (const call of calls) {
    for (const [option, assign] of [
      ['version_table', (v: string | null) => (name = v ?? name)],
      ['version_table_schema', (v: string | null) => (schema = v)],
    ] as const) {
      const value = valueOf(keyword(call.args, option), ini);
      if (value.kind === 'set') assign(value.value);
      else if (value.kind === 'unreadable' && !notes.some((n) => n.message === TEXT.unreadable(option, value.text))) {
        notes.push({
          severity: 'warning',
          kind: 'config',
          message: TEXT.unreadable(option, value.text),
          location: { file: envPy, range: { start: { line: call.line, character: 0 }, end: { line: call.line, character: 0 } } },
        });
      }
    }
    if (/\*\*\s*current_app\.extensions\[\s*['"]migrate['"]\s*\]\.configure_args/.test(call.args) && name === null) {
      const fromApp = flaskMigrateArgs(root, [dirs.scriptLocation, ...dirs.versionDirs]);
      name = fromApp.name;
      schema ??= fromApp.schema;
    }
  }
  return { name: name ?? DEFAULT_VERSION_TABLE.name, schema };
}

const PLAIN = /^[a-z_][a-z0-9_]*$/;
const RESERVED = new Set(['user', 'order', 'group', 'table', 'select', 'from', 'where', 'check', 'default', 'primary', 'references', 'unique']);
const ident = (name: string) => (PLAIN.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** The table as SQL names it, quoted where needed: `alembic_version`, `meta."Versions"`. */
export function versionTableSql(table: VersionTable): string {
  return table.schema === null ? ident(table.name) : `${ident(table.schema)}.${ident(table.name)}`;
}

/** The primary key's name Alembic gives it: `<table>_pkc`. */
export function versionTablePkSql(table: VersionTable): string {
  return ident(`${table.name}_pkc`);
}
