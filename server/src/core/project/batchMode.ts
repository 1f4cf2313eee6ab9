// Whether `flask db migrate` / `alembic revision --autogenerate` would write batch blocks
// (`with op.batch_alter_table(...) as batch_op:`) for this project: Flask-Migrate >= 4 turns
// render_as_batch on by default through Migrate(...); plain Alembic reads it from
// context.configure(...) in env.py. Read statically; the reason is kept for messages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { isSkippedDir } from '../walk';

/** Why batch mode is on or off, in words (the flag value and file names stay as written). */
const REASON = {
  envFlag: (value: string, file: string) => l10n.t('render_as_batch={0} in {1}', value, file),
  get plainAlembic() {
    return l10n.t('plain Alembic env.py without render_as_batch');
  },
  migrateFlag: (value: string, file: string) => l10n.t('Migrate(..., render_as_batch={0}) in {1}', value, file),
  pinnedBelow4: (file: string) => l10n.t('Flask-Migrate below 4 pinned in {0} (render_as_batch off by default)', file),
  get flaskMigrate4() {
    return l10n.t('Flask-Migrate 4 default (render_as_batch=True)');
  },
};

export interface BatchMode {
  batch: boolean;
  /** Why, in words: "Flask-Migrate 4 default", "render_as_batch=False in app.py"... */
  reason: string;
}

function read(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The app's Python files near the root (where Migrate(app, db) is called). */
function appFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && depth < 2 && !isSkippedDir(dir, e.name) && e.name !== 'migrations') visit(path.join(dir, e.name), depth + 1);
      else if (e.isFile() && e.name.endsWith('.py')) out.push(path.join(dir, e.name));
    }
  };
  visit(root, 0);
  return out.slice(0, 200);
}

const FLAG = /render_as_batch\s*=\s*(True|False)\b/;

/** A Flask-Migrate below 4 pinned in requirements (render_as_batch was off by default then). */
function pinnedBelow4(root: string): string | null {
  for (const name of ['requirements.txt', 'requirements.in', 'Pipfile', 'pyproject.toml']) {
    const text = read(path.join(root, name));
    const m = text ? /flask[-_]migrate["']?\s*(?:=\s*["'])?\s*(==|~=|<=|<)\s*["']?(\d+)/i.exec(text) : null;
    if (m && Number(m[2]) < 4 && m[1] !== '<') return name;
    if (m && m[1] === '<' && Number(m[2]) <= 4) return name;
  }
  return null;
}

export function detectBatchMode(root: string, scriptLocation: string): BatchMode {
  const envText = read(path.join(scriptLocation, 'env.py')) ?? '';
  const inEnv = FLAG.exec(envText);
  const rel = (f: string) => path.relative(root, f) || f;
  if (inEnv) return { batch: inEnv[1] === 'True', reason: REASON.envFlag(inEnv[1] as string, rel(path.join(scriptLocation, 'env.py'))) };
  const flask = /current_app|flask_migrate|configure_args/.test(envText);
  if (!flask) return { batch: false, reason: REASON.plainAlembic };
  for (const file of appFiles(root)) {
    const text = read(file);
    if (!text || !/Migrate\s*\(/.test(text)) continue;
    const m = /Migrate\s*\([^)]*?render_as_batch\s*=\s*(True|False)\b/s.exec(text);
    if (m) return { batch: m[1] === 'True', reason: REASON.migrateFlag(m[1] as string, rel(file)) };
  }
  const pinned = pinnedBelow4(root);
  if (pinned) return { batch: false, reason: REASON.pinnedBelow4(pinned) };
  return { batch: true, reason: REASON.flaskMigrate4 };
}
