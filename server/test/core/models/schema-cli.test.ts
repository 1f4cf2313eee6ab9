// The bundled CLI's `schema --from models` on the fixtures: contract JSON on stdout, notes on stderr, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" (npm test does)');
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}

describe('cli: schema --from models', () => {
  it('prints the contract JSON for a fixture', () => {
    const run = cli('schema', 'test-fixtures/classic', '--from', 'models', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const json = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(json.tables), ['comment', 'post', 'post_tags', 'tag', 'user']);
    assert.deepEqual(json.tables.user.columns.email, { type: 'character varying(120)', nullable: false, default: null });
    assert.deepEqual(json.tables.user.uniques, [['email'], ['username']]);
    assert.deepEqual(json.enums, { tag_kind: ['topic', 'series'] });
  });

  it('prints a readable text form', () => {
    const run = cli('schema', 'test-fixtures/classic', '--from', 'models', '--format', 'text');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^table user$/m);
    assert.match(run.stdout, /^ {2}email character varying\(120\) not null$/m);
    assert.match(run.stdout, /^ {2}primary key \(post_id, tag_id\)$/m);
  });

  it('reports notes with file:line on stderr and still prints the schema', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-schema-'));
    try {
      writeFileSync(
        path.join(dir, 'models.py'),
        'import sqlalchemy as sa\nfrom sqlalchemy.orm import declarative_base\nfrom .types import Money\nBase = declarative_base()\n\nclass Invoice(Base):\n    __tablename__ = "invoice"\n    id = sa.Column(sa.Integer, primary_key=True)\n    total = sa.Column(Money())\n',
      );
      const run = cli('schema', dir, '--from', 'models');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^models\.py:9:23: warning: column "total": .*Money/m);
      assert.deepEqual(Object.keys(JSON.parse(run.stdout).tables.invoice.columns), ['id', 'total']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly on bad usage', () => {
    const missing = cli('schema', 'test-fixtures/does-not-exist', '--from', 'models');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /is not a directory/);
    const badSource = cli('schema', 'test-fixtures/classic', '--from', 'nowhere');
    assert.equal(badSource.status, 2);
    assert.match(badSource.stderr, /--from must be models, migrations or database/);
    const noSource = cli('schema', 'test-fixtures/classic');
    assert.equal(noSource.status, 2);
    assert.match(noSource.stderr, /--from .* is required/);
  });
});
