// The fallback for revisions holding Python the engine can't translate: run the project's own
// Alembic (`flask db upgrade REV` for Flask-Migrate projects, `alembic upgrade REV` otherwise) with
// the configured Python, pointed at the same database through DATABASE_URL / SQLALCHEMY_DATABASE_URI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../core/redact';
import * as l10n from '@vscode/l10n';

export interface PythonTool {
  python: string;
  /** Arguments before the Alembic command itself (e.g. ["-m", "flask", "db"]). */
  prefix: string[];
  kind: 'flask' | 'alembic';
}

export interface FallbackResult {
  ok: boolean;
  exitCode: number | null;
  /** stdout + stderr of the tool, passwords redacted. */
  output: string;
}

const isFile = (path: string) => existsSync(path);

/** The project's virtualenv Python, when it has one; otherwise python3 from PATH. */
export function defaultPython(projectDir: string): string {
  for (const venv of ['.venv', 'venv', 'env']) {
    const candidate = join(projectDir, venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
    if (isFile(candidate)) return candidate;
  }
  return process.platform === 'win32' ? 'python' : 'python3';
}

function canImport(python: string, modules: string): boolean {
  const probe = spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore', timeout: 30_000 });
  return probe.status === 0;
}

/**
 * Flask-Migrate when the migrations env.py uses Flask's current_app; plain Alembic when alembic.ini
 * is at the root. Null when neither, or when that Python can't import the tool.
 */
export function detectAlembicTool(projectDir: string, python: string): PythonTool | null {
  const flaskEnv = join(projectDir, 'migrations', 'env.py');
  if (isFile(flaskEnv) && /current_app/.test(readFileSync(flaskEnv, 'utf8'))) {
    return canImport(python, 'flask_migrate') ? { python, prefix: ['-m', 'flask', 'db'], kind: 'flask' } : null;
  }
  if (isFile(join(projectDir, 'alembic.ini'))) return canImport(python, 'alembic') ? { python, prefix: ['-m', 'alembic'], kind: 'alembic' } : null;
  return null;
}

/** The URL in SQLAlchemy's spelling (psycopg2 driver), as a Flask config or env.py expects it. */
export function sqlalchemyUrl(url: string): string {
  return url.replace(/^postgres(ql)?(\+[a-z0-9_]+)?:\/\//i, 'postgresql+psycopg2://');
}

/** Runs `<tool> upgrade|downgrade REV` in the project directory; never throws. */
export function runAlembic(
  projectDir: string,
  tool: PythonTool,
  verb: 'upgrade' | 'downgrade',
  revision: string,
  databaseUrl: string,
  timeoutMs = 10 * 60_000,
): Promise<FallbackResult> {
  const env = { ...process.env, DATABASE_URL: sqlalchemyUrl(databaseUrl), SQLALCHEMY_DATABASE_URI: sqlalchemyUrl(databaseUrl), PYTHONUNBUFFERED: '1' };
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(tool.python, [...tool.prefix, verb, revision], { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, exitCode: null, output: redactSecrets(l10n.t('cannot run {0}: {1}', tool.python, error.message)) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, exitCode: code, output: redactSecrets(output) });
    });
  });
}
