// Issue 11, Deliver 3: `if_exists=True` / `if_not_exists=True` (Alembic 1.12+: indexes; 1.13.3+:
// tables; 1.16+: columns and constraints), `checkfirst=True` and raw `IF [NOT] EXISTS` SQL do nothing
// where they meet what they tolerate, as PostgreSQL does; the same ops without them are errors. The
// mark survives the persistent cache, and `sql` writes IF [NOT] EXISTS (run on real PostgreSQL in
// test/oracle/ifExists.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openProjectCache } from '../../../src/core/cache/projectCache';
import { newReplayGuard } from '../../../src/core/history/guardedReplay';
import { loadHistory } from '../../../src/core/history/load';
import { schemaAtRevision } from '../../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../../src/core/python/parser';
import { opsToSql } from '../../../src/core/render/sql';
import { AlembicProject } from './support/alembicProject';
import { IF_EXISTS_BASE, TOLERANT_STEPS } from './support/ifExistsHistory';

const errors = (notes: { severity: string; kind: string; message: string }[]) =>
  notes.filter((n) => n.severity === 'error').map((n) => `${n.kind}: ${n.message}`);

describe('if_exists / if_not_exists / checkfirst', () => {
  const projects: AlembicProject[] = [];
  before(async () => initPythonParser());
  after(() => projects.forEach((p) => p.remove()));

  function history(steps: string[]): AlembicProject {
    const project = new AlembicProject('postgresql://unused');
    projects.push(project);
    project.writeRevisions([IF_EXISTS_BASE, { id: 'ife00002', down: IF_EXISTS_BASE.id, up: steps, downgrade: [] }]);
    return project;
  }

  it('do nothing where they meet what they tolerate', () => {
    const project = history(TOLERANT_STEPS);
    const loaded = loadHistory(project.dir);
    const head = schemaAtRevision(loaded, 'head', newReplayGuard(null));
    assert.deepEqual(errors(head.notes), []);
    assert.deepEqual(head.schema, schemaAtRevision(loaded, IF_EXISTS_BASE.id).schema);
  });

  it('the same ops without them are errors at their lines', () => {
    const plain = TOLERANT_STEPS.map((s) => s.replace(/, (if_exists|if_not_exists|checkfirst)=True/, '').replace(' IF EXISTS', ''));
    const head = schemaAtRevision(loadHistory(history(plain).dir), 'head', newReplayGuard(null));
    assert.equal(errors(head.notes).length, plain.length, errors(head.notes).join('\n'));
  });

  it('the mark survives the persistent cache', () => {
    const project = history(TOLERANT_STEPS);
    const first = openProjectCache(project.dir);
    loadHistory(project.dir, { cache: first.revisions });
    first.flush();
    const warm = loadHistory(project.dir, { cache: openProjectCache(project.dir).revisions });
    assert.deepEqual(errors(schemaAtRevision(warm, 'head', newReplayGuard(null)).notes), []);
  });

  it('sql writes IF [NOT] EXISTS', () => {
    const loaded = loadHistory(history(TOLERANT_STEPS).dir);
    const ops = loaded.graph.revisions.get('ife00002')?.upgrade.ops ?? [];
    const sql = opsToSql(ops, schemaAtRevision(loaded, IF_EXISTS_BASE.id).schema);
    for (const expected of [
      'DROP INDEX IF EXISTS "ix_gone"',
      'CREATE INDEX IF NOT EXISTS "ix_t_a" ON "t" ("a")',
      'DROP TABLE IF EXISTS "ghost"',
      'ALTER TABLE "t" ADD COLUMN IF NOT EXISTS "a" integer',
      'ALTER TABLE "t" DROP COLUMN IF EXISTS "zz"',
      'ALTER TABLE "t" DROP CONSTRAINT IF EXISTS "nope"',
    ])
      assert.ok(sql.includes(expected), `${expected} not in:\n${sql.join('\n')}`);
    assert.ok(sql.some((s) => s.startsWith('CREATE TABLE IF NOT EXISTS "t"')));
  });
});
