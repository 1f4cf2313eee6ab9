// The `.pre-commit-hooks.yaml` hooks under real pre-commit: a sample project (test-fixtures/classic in a
// fresh git repo) uses them through a .pre-commit-config.yaml pointing at a git repo that holds our hook
// file, with `migration-guard` on the PATH running dist/cli.js (language: system). Without pre-commit
// the test skips with the reason; under CI=true it fails.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingOracle } from '../support/oracles';
import { FIXTURES_DIR } from '../support/fixtures';
import { riskyModels } from './support';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function preCommitProblem(): string | null {
  const probe = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'pre-commit is not installed (apt-get install pre-commit)';
}

const git = (cwd: string, ...args: string[]) => {
  const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
};

describe('.pre-commit-hooks.yaml under real pre-commit', () => {
  let work = '';
  let project = '';
  let env: NodeJS.ProcessEnv = {};
  before(() => {
    if (preCommitProblem() !== null) return;
    work = mkdtempSync(path.join(tmpdir(), 'mg-precommit-'));
    // The hook repository: our hook file, committed (pre-commit clones a repo at a rev).
    const hooks = path.join(work, 'hooks');
    mkdirSync(hooks);
    copyFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
    git(hooks, 'init', '-q');
    git(hooks, 'add', '.');
    git(hooks, 'commit', '-qm', 'hooks');
    const rev = git(hooks, 'rev-parse', 'HEAD');
    // `migration-guard` on the PATH, as an installed CLI would be.
    const bin = path.join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'migration-guard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(path.join(bin, 'migration-guard'), 0o755);
    // The sample project, in its own repo, with the hooks configured.
    project = path.join(work, 'project');
    cpSync(path.join(FIXTURES_DIR, 'classic'), project, { recursive: true });
    rmSync(path.join(project, '.migration-guard'), { recursive: true, force: true });
    writeFileSync(
      path.join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: migration-guard\n      - id: migration-guard-pending\n`,
    );
    writeFileSync(path.join(project, '.gitignore'), '.migration-guard/\n__pycache__/\n');
    git(project, 'init', '-q');
    git(project, 'add', '.');
    git(project, 'commit', '-qm', 'sample');
    env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, PRE_COMMIT_HOME: path.join(work, 'cache'), NO_COLOR: '1', LANG: 'C' };
    delete env.DATABASE_URL;
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const preCommit = (...args: string[]) => spawnSync('pre-commit', ['run', ...args], { cwd: project, env, encoding: 'utf8' });
  const models = () => path.join(project, 'models.py');

  it('passes on a project in sync, and skips when no .py file changed', (t) => {
    if (missingOracle(t, preCommitProblem())) return;
    const all = preCommit('--all-files');
    assert.equal(all.status, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /Migration Guard \(data-loss check of model edits\)\.+Passed/);
    assert.match(all.stdout, /Migration Guard \(no migration pending\)\.+Passed/);
    const readme = path.join(project, 'NOTES.txt');
    writeFileSync(readme, 'not python\n');
    git(project, 'add', 'NOTES.txt');
    const none = preCommit();
    assert.equal(none.status, 0, none.stdout + none.stderr);
    assert.match(none.stdout, /Migration Guard \(data-loss check of model edits\)\.+\(no files to check\)Skipped/);
    git(project, 'commit', '-qm', 'notes');
  });

  it('fails the commit on a data-loss edit, naming the finding', (t) => {
    if (missingOracle(t, preCommitProblem())) return;
    const original = readFileSync(models(), 'utf8');
    writeFileSync(models(), riskyModels(original));
    git(project, 'add', 'models.py');
    try {
      const run = preCommit();
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /Migration Guard \(data-loss check of model edits\)\.+Failed/);
      assert.match(run.stdout, /DS103/);
      assert.match(run.stdout, /Migration Guard \(no migration pending\)\.+Failed/);
    } finally {
      writeFileSync(models(), original);
      git(project, 'add', 'models.py');
    }
  });

  it('lets a harmless pending change through the data-loss hook, and the pending hook stops it', (t) => {
    if (missingOracle(t, preCommitProblem())) return;
    const original = readFileSync(models(), 'utf8');
    writeFileSync(models(), original.replace('    body = db.Column(db.Text)\n', '    body = db.Column(db.Text)\n    subtitle = db.Column(db.String(80))\n'));
    git(project, 'add', 'models.py');
    try {
      const run = preCommit();
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /Migration Guard \(data-loss check of model edits\)\.+Passed/);
      assert.match(run.stdout, /Migration Guard \(no migration pending\)\.+Failed/);
      assert.match(run.stdout, /MG001/);
    } finally {
      writeFileSync(models(), original);
      git(project, 'add', 'models.py');
    }
  });
});
