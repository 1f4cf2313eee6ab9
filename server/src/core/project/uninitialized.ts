// A Flask-Migrate app whose migrations/ folder does not exist yet: `flask db init` was never run, or the
// folder is not committed (the realworld example app's README says to run `flask db init` first). Its
// models can still be compared: with no history, the first `flask db migrate` would create every table,
// so `check` says that, with a note saying why, instead of refusing. Only `check` asks for this; the
// verbs that write a revision or touch a database still refuse until `flask db init` has run.
import * as l10n from '@vscode/l10n';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Note } from '../source';
import type { ProjectLocation } from './discover';

const IMPORTS_FLASK_MIGRATE = /^[ \t]*(?:from[ \t]+flask_migrate[ \t]+import\b|import[ \t]+flask_migrate\b)/m;
/** Folders that hold no code of the app's own. */
const SKIPPED = new Set(['node_modules', 'site-packages', 'venv', 'env', '__pycache__', 'build', 'dist', 'docs', 'tests', 'test']);
const MAX_DEPTH = 4;
const MAX_FILES = 3000;
const MAX_BYTES = 256 * 1024;

/** The first .py file below `root` that imports flask_migrate, with the import's line; null when none does. */
function flaskMigrateImport(root: string): { file: string; line: number } | null {
  let seen = 0;
  const walk = (dir: string, depth: number): { file: string; line: number } | null => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return null;
    }
    for (const name of names) {
      if (name.startsWith('.') || seen >= MAX_FILES) continue;
      const full = path.join(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (depth >= MAX_DEPTH || SKIPPED.has(name)) continue;
        const found = walk(full, depth + 1);
        if (found) return found;
      } else if (name.endsWith('.py') && stat.size <= MAX_BYTES) {
        seen++;
        const text = readFileSync(full, 'utf8');
        const match = IMPORTS_FLASK_MIGRATE.exec(text);
        if (match) return { file: full, line: text.slice(0, match.index).split('\n').length - 1 };
      }
    }
    return null;
  };
  return walk(root, 0);
}

/** The project `flask db init` would make under `root`, when a Python file there imports flask_migrate; else null. */
export function uninitializedProject(root: string): ProjectLocation | null {
  const found = flaskMigrateImport(root);
  if (!found) return null;
  const scriptLocation = path.join(root, 'migrations');
  // A warning, so the text output says why every table reads as new.
  const note: Note = {
    severity: 'warning',
    kind: 'no-migrations',
    message: l10n.t(
      'no migration history yet: {0} does not exist (`flask db init` creates it); the models are compared with an empty database, as the first `flask db migrate` would',
      scriptLocation,
    ),
    location: { file: found.file, range: { start: { line: found.line, character: 0 }, end: { line: found.line, character: 0 } } },
  };
  // No versions folder to list: the history is empty, and says nothing of a missing folder.
  return { root, scriptLocation, versionDirs: [], recursive: false, uninitialized: true, notes: [note] };
}
