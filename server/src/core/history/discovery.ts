// Finds where a project keeps its revision files: an explicit path, alembic.ini's
// script_location / version_locations, or Flask-Migrate's migrations/ folder.
import * as l10n from '@vscode/l10n';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Note } from '../source';
import { iniLine, iniValue, parseIni, type IniFile } from './iniFile';
import type { VersionDirs } from './types';
import { isSkippedDir } from '../walk';

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

function lineLocation(file: string, line: number) {
  return { file, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
}

/** Alembic's separators for version_locations (version_path_separator; legacy: spaces or commas). */
function splitLocations(value: string, separator: string | null): string[] {
  const bySeparator: Record<string, string> = { space: ' ', os: path.delimiter, ':': ':', ';': ';' };
  const char = separator === null ? null : bySeparator[separator];
  const parts = char === undefined || char === null ? value.split(/[\s,]+/) : value.split(char);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** script_location "package:path" names a resource inside an importable package; try it as a folder. */
function resolveLocation(value: string, baseDir: string): string {
  const resource = /^([A-Za-z_][\w.]*):(?![\\/])(.+)$/.exec(value);
  if (resource) return path.resolve(baseDir, ...(resource[1] as string).split('.'), resource[2] as string);
  return path.resolve(baseDir, value);
}

/** Alembic's default configuration section; another is chosen with `alembic --name NAME`. */
export const DEFAULT_INI_SECTION = 'alembic';

/** The sections of an alembic.ini that configure a history (they set script_location), default section first. */
export function iniProjectSections(iniPath: string): string[] {
  let ini: IniFile;
  try {
    ini = parseIni(readFileSync(iniPath, 'utf8'));
  } catch {
    return [DEFAULT_INI_SECTION];
  }
  const named = [...ini.keys()].filter((name) => name !== DEFAULT_INI_SECTION && ini.get(name)?.values.has('script_location'));
  return [DEFAULT_INI_SECTION, ...named];
}

/**
 * `scriptDir`: the alembic.ini sits inside the script directory it configures (Flask-Migrate's
 * migrations/alembic.ini). That folder is the script location whatever the file says: Flask-Migrate
 * sets script_location to its directory, and plain `alembic -c migrations/alembic.ini`, run from the
 * project root, resolves a relative script_location against that root, back to this folder.
 */
function fromIni(iniPath: string, defaultScriptLocation: string | null, section = DEFAULT_INI_SECTION, scriptDir?: string): VersionDirs {
  const notes: Note[] = [];
  const iniDir = path.dirname(iniPath);
  let ini: IniFile;
  try {
    ini = parseIni(readFileSync(iniPath, 'utf8'));
  } catch (error) {
    notes.push({
      severity: 'error',
      kind: 'config',
      message: l10n.t('cannot read {0}: {1}', iniPath, (error as Error).message),
      location: lineLocation(iniPath, 0),
    });
    return { scriptLocation: iniDir, versionDirs: [], notes };
  }
  const defaults = { here: iniDir };
  if (section !== DEFAULT_INI_SECTION && !ini.has(section)) {
    notes.push({
      severity: 'error',
      kind: 'config',
      message: l10n.t('{0} has no [{1}] section', path.basename(iniPath), section),
      location: lineLocation(iniPath, 0),
    });
    return { scriptLocation: iniDir, versionDirs: [], notes };
  }
  const scriptValue = iniValue(ini, section, 'script_location', defaults);
  // Alembic resolves relative paths against the working directory, which is where alembic.ini lives in practice.
  const scriptLocation = scriptDir ?? (scriptValue ? resolveLocation(scriptValue, iniDir) : defaultScriptLocation);
  if (!scriptLocation) {
    notes.push({
      severity: 'error',
      kind: 'config',
      message: l10n.t('{0} has no script_location in [{1}]', path.basename(iniPath), section),
      location: lineLocation(iniPath, 0),
    });
    return { scriptLocation: iniDir, versionDirs: [], notes };
  }
  if (!isDir(scriptLocation)) {
    notes.push({
      severity: 'error',
      kind: 'config',
      message: l10n.t('script_location {0} does not exist', scriptLocation),
      location: lineLocation(iniPath, iniLine(ini, section, 'script_location')),
    });
  }
  const locations = iniValue(ini, section, 'version_locations', defaults);
  const recursive = (iniValue(ini, section, 'recursive_version_locations', defaults) ?? '').toLowerCase() === 'true';
  let versionDirs: string[];
  if (locations) {
    const separator = iniValue(ini, section, 'version_path_separator', defaults);
    versionDirs = splitLocations(locations, separator).map((p) => resolveLocation(p, iniDir));
    for (const dir of versionDirs.filter((d) => !isDir(d))) {
      // Alembic skips missing version_locations silently; say so, since it is usually a typo.
      notes.push({
        severity: 'warning',
        kind: 'config',
        message: l10n.t('version location {0} does not exist', dir),
        location: lineLocation(iniPath, iniLine(ini, section, 'version_locations')),
      });
    }
    versionDirs = versionDirs.filter(isDir);
  } else {
    versionDirs = [path.join(scriptLocation, 'versions')];
  }
  return {
    scriptLocation,
    versionDirs: [...new Set(versionDirs)],
    recursive,
    notes,
    iniFile: iniPath,
    ...(section !== DEFAULT_INI_SECTION ? { iniSection: section } : {}),
  };
}

const REVISION_ID = /^revision\s*(?::\s*str\s*)?=\s*['"][^'"]+['"]/m;

/**
 * Flask-Alembic keeps its revision files directly in the script directory (no env.py: the
 * configuration lives in the app), beside script.py.mako.
 */
export function isFlaskAlembicDir(dir: string): boolean {
  if (isFile(path.join(dir, 'env.py')) || isDir(path.join(dir, 'versions'))) return false;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.some((name) => name.endsWith('.py') && name !== '__init__.py' && REVISION_ID.test(readFileSync(path.join(dir, name), 'utf8')));
}

/** A folder that looks like an Alembic script directory (env.py or versions/). */
function isScriptDir(dir: string): boolean {
  return isFile(path.join(dir, 'env.py')) || isDir(path.join(dir, 'versions'));
}

function fromScriptDir(dir: string, section?: string): VersionDirs {
  // Flask-Migrate's migrations/: the folder itself is the script location (see fromIni).
  const ini = path.join(dir, 'alembic.ini');
  // Flask-Migrate has no --name: a named section keeps its own script_location.
  if (isFile(ini)) return fromIni(ini, dir, section, section === undefined || section === DEFAULT_INI_SECTION ? dir : undefined);
  return { scriptLocation: dir, versionDirs: [path.join(dir, 'versions')], notes: [] };
}

function fromExplicit(projectDir: string, explicit: string, section?: string): VersionDirs {
  const target = path.resolve(projectDir, explicit);
  if (isFile(target)) return fromIni(target, null, section);
  if (!isDir(target)) {
    return {
      scriptLocation: target,
      versionDirs: [],
      notes: [{ severity: 'error', kind: 'config', message: l10n.t('migrations path {0} does not exist', target) }],
    };
  }
  if (isFile(path.join(target, 'alembic.ini')) && !isScriptDir(target)) return fromIni(path.join(target, 'alembic.ini'), null, section);
  if (isScriptDir(target)) return fromScriptDir(target, section);
  // A plain folder of revision files (Flask-Alembic's, when script.py.mako sits beside them).
  const flaskAlembic = isFile(path.join(target, 'script.py.mako')) && isFlaskAlembicDir(target);
  return { scriptLocation: target, versionDirs: [target], notes: [], ...(flaskAlembic ? { flaskAlembic: true } : {}) };
}

/** Project sub-folders (two levels) holding alembic.ini or a migrations/ script dir, for monorepo layouts. */
function searchBelow(projectDir: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (isSkippedDir(dir, name)) continue;
      const child = path.join(dir, name);
      if (!isDir(child)) continue;
      if (isFile(path.join(child, 'alembic.ini')) || (name === 'migrations' && (isScriptDir(child) || isFlaskAlembicDir(child)))) found.push(child);
      else if (depth < 2) visit(child, depth + 1);
    }
  };
  visit(projectDir, 1);
  return found;
}

/**
 * Where the revision files are. Order: the explicit path; alembic.ini in the project;
 * Flask-Migrate's migrations/; then alembic.ini or migrations/ up to two folders down.
 * `section` is alembic.ini's configuration section (`alembic --name`); default [alembic].
 */
export function findVersionDirs(projectDir: string, explicit?: string, section?: string): VersionDirs {
  const root = path.resolve(projectDir);
  if (explicit) return fromExplicit(root, explicit, section);
  const ini = path.join(root, 'alembic.ini');
  if (isFile(ini)) return fromIni(ini, null, section);
  const flask = path.join(root, 'migrations');
  if (isScriptDir(flask)) return fromScriptDir(flask, section);
  const candidates = searchBelow(root);
  const first = candidates[0];
  if (first) {
    const result: VersionDirs = isFlaskAlembicDir(first)
      ? { scriptLocation: first, versionDirs: [first], notes: [], flaskAlembic: true }
      : isFile(path.join(first, 'alembic.ini')) && !isScriptDir(first)
        ? fromIni(path.join(first, 'alembic.ini'), null, section)
        : fromScriptDir(first, section);
    if (candidates.length > 1) {
      result.notes.push({
        severity: 'warning',
        kind: 'config',
        message: l10n.t(
          'several migration folders found ({0}); using {1}. Pass the path explicitly to choose.',
          candidates.map((c) => path.relative(root, c)).join(', '),
          path.relative(root, first),
        ),
      });
    }
    return result;
  }
  return {
    scriptLocation: flask,
    versionDirs: [],
    notes: [{ severity: 'error', kind: 'no-migrations', message: l10n.t('no Alembic migrations found in {0} (looked for alembic.ini and migrations/)', root) }],
  };
}
