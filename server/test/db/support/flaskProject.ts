// A real Flask-Migrate project in a temp dir, made by `flask db init` itself, with revision files
// written the way autogenerate writes them. Used to compare our executor with real `flask db`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_PYTHON } from '../../support/oracles';

export interface RevisionSource {
  revision: string;
  down: string | null;
  message: string;
  upgrade: string;
  downgrade: string;
  /** Extra imports after `import sqlalchemy as sa`. */
  imports?: string;
}

const APP_PY = `import os
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_migrate import Migrate

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
db = SQLAlchemy(app)
migrate = Migrate(app, db)
`;

const indent = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

export function revisionFileText(r: RevisionSource): string {
  return `"""${r.message}

Revision ID: ${r.revision}
Revises: ${r.down ?? ''}
Create Date: 2026-11-20 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
${r.imports ?? ''}

# revision identifiers, used by Alembic.
revision = '${r.revision}'
down_revision = ${r.down ? `'${r.down}'` : 'None'}
branch_labels = None
depends_on = None


def upgrade():
${indent(r.upgrade)}


def downgrade():
${indent(r.downgrade)}
`;
}

export interface ToolOutput {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface FlaskProject {
  dir: string;
  /**
   * Runs `python -m flask --app app db ARGS` against the given SQLAlchemy URL. Asynchronous, so an
   * embedded PGlite served by this same process keeps answering while Python talks to it.
   */
  flaskDb(args: string[], sqlalchemyUrl: string): Promise<ToolOutput>;
  remove(): void;
}

const flaskEnv = (url: string) => ({ ...process.env, DATABASE_URL: url, PYTHONDONTWRITEBYTECODE: '1' });
const flaskArgs = (rest: string[]) => ['-m', 'flask', '--app', 'app', 'db', ...rest];

/**
 * `python -m flask --app app db ARGS` in a project dir, against a SQLAlchemy URL. Asynchronous, so an
 * embedded PGlite served by this same process keeps answering while Python talks to it.
 */
export function runFlaskDb(dir: string, rest: string[], url: string): Promise<ToolOutput> {
  return new Promise<ToolOutput>((resolve) => {
    const child = spawn(SYSTEM_PYTHON, flaskArgs(rest), { cwd: dir, env: flaskEnv(url), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => resolve({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function createFlaskProject(revisions: readonly RevisionSource[]): FlaskProject {
  const dir = mkdtempSync(join(tmpdir(), 'mg-flask-'));
  writeFileSync(join(dir, 'app.py'), APP_PY);
  const run = (rest: string[], url: string) => runFlaskDb(dir, rest, url);
  const init = spawnSync(SYSTEM_PYTHON, flaskArgs(['init']), { cwd: dir, encoding: 'utf8', env: flaskEnv('postgresql+psycopg2://unused@127.0.0.1/unused') });
  if (init.status !== 0) throw new Error(`flask db init failed: ${init.stderr}`);
  for (const r of revisions)
    writeFileSync(join(dir, 'migrations', 'versions', `${r.revision}_${r.message.replace(/\W+/g, '_').toLowerCase()}.py`), revisionFileText(r));
  return { dir, flaskDb: run, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
