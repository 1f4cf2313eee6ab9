// The protocol tests' workspace: a fresh temp copy of test-fixtures/classic (a real Flask-Migrate
// project: app.py, models.py, three revisions made by real `flask db migrate`).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLASSIC = path.resolve(__dirname, '../../../test-fixtures/classic');
export const CLASSIC_MODELS_PY = readFileSync(path.join(CLASSIC, 'models.py'), 'utf8');
/** The base revision (creates user and post) and the head (tags and post views). */
export const BASE_REVISION = 'e640417dbcb6';
export const VIEWS_REVISION = '3f8a897020d0';
export const HEAD_REVISION = VIEWS_REVISION;

export interface TempProject {
  root: string;
  models: string;
  versions: string;
  remove(): void;
}

export function makeProject(prefix = 'mg-lsp-'): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(CLASSIC, root, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  return {
    root,
    models: path.join(root, 'models.py'),
    versions: path.join(root, 'migrations', 'versions'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
