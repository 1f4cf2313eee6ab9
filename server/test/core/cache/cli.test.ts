// The cache through the bundled CLI: every read-only verb prints the same with a cold cache, a warm
// one and --no-cache; --no-cache writes nothing; a folder that is not a project gets no cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test-fixtures');

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" (npm test does)');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const VERBS: string[][] = [
  ['check', '--format', 'json'],
  ['check'],
  ['schema', '--from', 'models'],
  ['schema', '--from', 'migrations'],
  ['history'],
  ['heads'],
  ['sql', 'head'],
];

describe('cache through the CLI', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of readdirSync(FIXTURES)) {
    it(`${name}: cold, warm and --no-cache print the same`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), `mg-cache-cli-${name}-`));
      dirs.push(dir);
      cpSync(path.join(FIXTURES, name), dir, { recursive: true });
      rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
      for (const [verb, ...rest] of VERBS) {
        const argv = verb === 'sql' ? [verb, dir, ...rest] : [verb as string, dir, ...rest];
        const uncached = cli(...argv, '--no-cache');
        assert.equal(existsSync(path.join(dir, '.migration-guard', 'cache')), false, `${verb} --no-cache writes no cache`);
        const cold = cli(...argv);
        const warm = cli(...argv);
        assert.deepEqual(cold, uncached, `${argv.join(' ')} cold`);
        assert.deepEqual(warm, uncached, `${argv.join(' ')} warm`);
        rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
      }
    });
  }

  it('a folder that is not a project gets no .migration-guard/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-cache-cli-plain-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'models.py'),
      'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
    );
    const run = cli('schema', dir, '--from', 'models');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /"user"/);
    cli('check', dir);
    cli('history', dir);
    assert.equal(existsSync(path.join(dir, '.migration-guard')), false);
  });
});
