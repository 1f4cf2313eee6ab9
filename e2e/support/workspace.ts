// The workspace under test: a temp copy of a test fixture, and the real Flask-Migrate to prepare its database.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_PYTHON } from '../../server/test/support/oracles';
import { FIXTURES_DIR } from './paths';
import { scratchDir } from './scratch';

/** Copies test-fixtures/<name> into a fresh temp dir (without caches) and returns its path. */
export function copyFixture(name: string): string {
  const target = join(scratchDir(name), name);
  cpSync(join(FIXTURES_DIR, name), target, {
    recursive: true,
    filter: (source) => !/(__pycache__|\.migration-guard|\.pyc$)/.test(source),
  });
  return target;
}

/** 1-based number of the first line of `file` matching `pattern`. */
export function lineNumberOf(file: string, pattern: RegExp): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line of ${file} matches ${pattern}`);
  return index + 1;
}

export function revisionFiles(workspace: string): string[] {
  return readdirSync(join(workspace, 'migrations', 'versions'))
    .filter((f) => f.endsWith('.py'))
    .sort();
}

/** Runs `flask db <args>` with Debian's Flask-Migrate in the workspace, against `databaseUrl`. */
export function flaskDb(workspace: string, databaseUrl: string, args: string[]): string {
  const result = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', '--app', 'app', 'db', ...args], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, SQLALCHEMY_DATABASE_URI: databaseUrl, FLASK_APP: 'app', PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`flask db ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/**
 * Adds `count` revisions on top of the workspace's head, each dropping an index no revision created: a replay
 * conflict note per revision, as a large real history full of hand-edited revisions produces. Returns their ids.
 */
export function addConflictingRevisions(workspace: string, head: string, count: number): string[] {
  const ids: string[] = [];
  let parent = head;
  for (let i = 1; i <= count; i += 1) {
    const id = `c0ffee${i.toString(16).padStart(6, '0')}`;
    writeFileSync(
      join(workspace, 'migrations', 'versions', `${id}_cleanup_step_${i}.py`),
      [
        `"""cleanup step ${i}`,
        '',
        `Revision ID: ${id}`,
        `Revises: ${parent}`,
        '',
        '"""',
        'from alembic import op',
        '',
        '',
        `revision = '${id}'`,
        `down_revision = '${parent}'`,
        'branch_labels = None',
        'depends_on = None',
        '',
        '',
        'def upgrade():',
        `    op.drop_index('ix_post_legacy_${i}', table_name='post')`,
        '',
        '',
        'def downgrade():',
        `    op.create_index('ix_post_legacy_${i}', 'post', ['title'])`,
        '',
      ].join('\n'),
    );
    ids.push(id);
    parent = id;
  }
  return ids;
}
