// Shared by the CI-format tests (here and in test/db): the risky model edits and golden files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const EXPECTED = path.join(__dirname, 'expected');
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

/** The built CLI under LANG=`lang` (no LC_* override), with no database URL from the environment, run from the repository root. */
export function cliIn(lang: string, args: string[]): { code: number | null; out: string; err: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
  delete env.DATABASE_URL;
  delete env.SQLALCHEMY_DATABASE_URI;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The risky edits: a dropped column, a NOT NULL column without default, a narrowed type, a new index on a full table. */
export function riskyModels(text: string): string {
  return text
    .replace('    body = db.Column(db.Text)\n', '')
    .replace('    title = db.Column(db.String(200), nullable=False)', '    title = db.Column(db.String(50), nullable=False)')
    .replace(
      '    email = db.Column(db.String(120), unique=True, nullable=False)\n',
      '    email = db.Column(db.String(120), unique=True, nullable=False)\n    age = db.Column(db.Integer, nullable=False)\n',
    )
    .replace(
      '    published_at = db.Column(db.DateTime, default=datetime.utcnow)',
      '    published_at = db.Column(db.DateTime, default=datetime.utcnow, index=True)',
    );
}

/** The golden file's text; MG_UPDATE_EXPECTED=1 rewrites it with `actual` first. */
export function golden(name: string, actual: string): string {
  const file = path.join(EXPECTED, name);
  if (process.env.MG_UPDATE_EXPECTED === '1') {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run with MG_UPDATE_EXPECTED=1 and review it`);
  return readFileSync(file, 'utf8');
}
