// alembic.ini's file_template, the name a new revision file gets. Alembic reads it from the section
// the run uses (`alembic --name analytics` → [analytics]; default [alembic]), falling back only to
// configparser's [DEFAULT] section, never to another section.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { iniValue, parseIni } from '../history/iniFile';

export interface TemplateLocation {
  root: string;
  scriptLocation: string;
  /** The alembic.ini discovery read the project from, when there is one. */
  iniFile?: string;
  /** Its section, when not [alembic]. */
  iniSection?: string;
}

function readDisk(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The file_template of the project's section, or undefined for Alembic's default ("%(rev)s_%(slug)s"). */
export function projectFileTemplate(location: TemplateLocation, read: (file: string) => string | null = readDisk): string | undefined {
  const section = location.iniSection ?? 'alembic';
  // Flask-Migrate keeps alembic.ini inside migrations/; plain Alembic next to the project.
  const candidates = location.iniFile ? [location.iniFile] : [path.join(location.scriptLocation, 'alembic.ini'), path.join(location.root, 'alembic.ini')];
  for (const file of candidates) {
    const text = read(file);
    if (text === null) continue;
    try {
      const ini = parseIni(text);
      const here = { here: path.dirname(file) };
      const value = iniValue(ini, section, 'file_template', here) ?? iniValue(ini, 'DEFAULT', 'file_template', here);
      if (value) return value;
    } catch {
      // an unreadable ini falls back to Alembic's default template
    }
  }
  return undefined;
}
