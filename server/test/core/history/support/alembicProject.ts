// A throwaway Alembic project (alembic.ini + env.py + versions/) run with Debian's real Alembic,
// and a writer for revision files. Used by the history oracle tests and the benchmark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM_PYTHON } from '../../../support/oracles';

export interface RevisionSpec {
  id: string;
  down: string | string[] | null;
  message?: string;
  /** Python statements of upgrade()/downgrade(), one per line, without the function indent. */
  up: string[];
  downgrade: string[];
  branchLabels?: string[];
  dependsOn?: string[];
  /** Write `revision: str = ...` typed module attributes. */
  typed?: boolean;
  /** The file name; defaults to "<id>_<slug>.py". */
  fileName?: string;
  /** Extra module-level lines (constants, helpers, imports). */
  moduleLines?: string[];
}

const pyString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function pyValue(value: string | string[] | null | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyString(value);
  return `(${value.map(pyString).join(', ')}${value.length === 1 ? ',' : ''})`;
}

const indent = (lines: string[]) => (lines.length === 0 ? ['    pass'] : lines.map((l) => (l === '' ? '' : `    ${l}`)));

/** The text of a revision file as `flask db migrate` writes it (or the typed Alembic 1.13 template). */
export function revisionText(spec: RevisionSpec): string {
  const downList = spec.down === null ? 'None' : Array.isArray(spec.down) ? spec.down.join(', ') : spec.down;
  const header = [
    `"""${spec.message ?? `revision ${spec.id}`}`,
    '',
    `Revision ID: ${spec.id}`,
    `Revises: ${downList === 'None' ? '' : downList}`,
    'Create Date: 2024-05-01 12:00:00.000000',
    '',
    '"""',
  ];
  const imports = ['from alembic import op', 'import sqlalchemy as sa', 'from sqlalchemy.dialects import postgresql'];
  const ids = spec.typed
    ? [
        'from typing import Sequence, Union',
        '',
        `revision: str = ${pyString(spec.id)}`,
        `down_revision: Union[str, Sequence[str], None] = ${pyValue(spec.down)}`,
        `branch_labels: Union[str, Sequence[str], None] = ${pyValue(spec.branchLabels)}`,
        `depends_on: Union[str, Sequence[str], None] = ${pyValue(spec.dependsOn)}`,
      ]
    : [
        '# revision identifiers, used by Alembic.',
        `revision = ${pyString(spec.id)}`,
        `down_revision = ${pyValue(spec.down)}`,
        `branch_labels = ${pyValue(spec.branchLabels)}`,
        `depends_on = ${pyValue(spec.dependsOn)}`,
      ];
  return [
    ...header,
    ...imports,
    '',
    ...ids,
    '',
    ...(spec.moduleLines ?? []),
    '',
    'def upgrade():',
    ...indent(spec.up),
    '',
    '',
    'def downgrade():',
    ...indent(spec.downgrade),
    '',
  ].join('\n');
}

const ENV_PY = `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix='sqlalchemy.', poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`;

export class AlembicProject {
  readonly dir: string;
  readonly versionsDir: string;

  /**
   * `versionLocation`: read revisions from there instead of the project's own versions/ (e.g. a fixture).
   * `pythonPath`: where the revisions' own imports are found (a fixture's root: `from shop.types import Money`).
   */
  constructor(
    sqlalchemyUrl: string,
    versionLocation?: string,
    private readonly pythonPath?: string,
  ) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'mg-history-'));
    const scriptDir = path.join(this.dir, 'migrations');
    this.versionsDir = path.join(scriptDir, 'versions');
    mkdirSync(this.versionsDir, { recursive: true });
    writeFileSync(path.join(scriptDir, 'env.py'), ENV_PY);
    const versions = versionLocation ? `version_locations = ${versionLocation}\n` : '';
    writeFileSync(
      path.join(this.dir, 'alembic.ini'),
      `[alembic]\nscript_location = %(here)s/migrations\n${versions}sqlalchemy.url = ${sqlalchemyUrl.replace(/%/g, '%%')}\n`,
    );
  }

  /** Replaces every revision file with these. */
  writeRevisions(specs: RevisionSpec[]): string[] {
    for (const name of readdirSync(this.versionsDir)) rmSync(path.join(this.versionsDir, name), { recursive: true, force: true });
    return specs.map((spec) => {
      const file = path.join(this.versionsDir, spec.fileName ?? `${spec.id}_${(spec.message ?? 'rev').replace(/\W+/g, '_').toLowerCase()}.py`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, revisionText(spec));
      return file;
    });
  }

  /** Runs `python3 -m alembic <args>` in the project; throws with Alembic's output when it fails. */
  alembic(...args: string[]): string {
    const env = this.pythonPath ? { ...process.env, PYTHONPATH: this.pythonPath, PYTHONDONTWRITEBYTECODE: '1' } : process.env;
    const result = spawnSync(SYSTEM_PYTHON, ['-m', 'alembic', '-c', path.join(this.dir, 'alembic.ini'), ...args], { cwd: this.dir, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`alembic ${args.join(' ')} failed:\n${result.stderr || result.stdout || String(result.error)}`);
    return result.stdout;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
