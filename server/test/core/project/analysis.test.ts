// The per-project facade: results, and what it caches. A keystroke re-reads only the changed model
// file and reuses the replayed head schema until a revision file changes.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { planMigration } from '../../../src/core/project/createMigration';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const CLASSIC = path.resolve(__dirname, '../../../../test-fixtures/classic');

describe('project analysis facade', () => {
  let root: string;
  const reads = new Map<string, number>();
  const buffers = new Map<string, string>();

  const readFile = (file: string): string | null => {
    reads.set(file, (reads.get(file) ?? 0) + 1);
    const open = buffers.get(file);
    if (open !== undefined) return open;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };

  function analysis(): ProjectAnalysis {
    const [location] = discoverProjects(root);
    assert.ok(location);
    return new ProjectAnalysis(location, { readFile });
  }

  before(async () => {
    await initPythonParser();
    root = mkdtempSync(path.join(tmpdir(), 'mg-analysis-'));
    cpSync(CLASSIC, root, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('returns the models, the head and no pending change for a project in sync', () => {
    const result = analysis().result();
    assert.deepEqual(Object.keys(result.modelSchema.schema.tables).sort(), ['comment', 'post', 'post_tags', 'tag', 'user']);
    assert.deepEqual(Object.keys(result.headSchema.tables).sort(), ['comment', 'post', 'post_tags', 'tag', 'user']);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.heads, ['3f8a897020d0']);
    assert.equal(result.graph.size, 3);
  });

  it('a keystroke reads only the edited file (for ignore comments) and reuses the replayed head schema', () => {
    const project = analysis();
    const models = path.join(root, 'models.py');
    const before = project.result();
    reads.clear();
    const text = readFileSync(models, 'utf8');
    const at = text.indexOf('db.String(200)') + 'db.String('.length;
    project.applyModelChange(models, { start: at, end: at + 3, newText: '20' });
    const afterEdit = project.result();
    assert.deepEqual([...reads.keys()], [models], 'only the edited model file is read (the editor buffer, in the server)');
    assert.equal(afterEdit.headSchema, before.headSchema, 'head schema reused, not replayed again');
    assert.equal(afterEdit.modelSchema.schema.tables.post?.columns.title?.type, 'character varying(20)');
    assert.ok(afterEdit.findings.some((f) => f.code === 'MF105'));
    assert.equal(project.result(), afterEdit, 'an unchanged project answers from cache');
  });

  it('a revision file change replays the head again, from the buffer when one is open', () => {
    const project = analysis();
    const first = project.result();
    const head = path.join(root, 'migrations', 'versions', '3f8a897020d0_tags_and_post_views.py');
    buffers.set(
      head,
      readFileSync(head, 'utf8').replace("sa.Column('name', sa.String(length=50), nullable=False)", "sa.Column('name', sa.String(length=60), nullable=False)"),
    );
    try {
      project.revisionChanged(head);
      const second = project.result();
      assert.notEqual(second.headSchema, first.headSchema);
      assert.equal(second.headSchema.tables.tag?.columns.name?.type, 'character varying(60)');
      assert.ok(
        second.findings.some((f) => f.code === 'MF105' && f.table === 'tag'),
        'models narrow 60 → 50 now',
      );
    } finally {
      buffers.delete(head);
    }
  });

  it('plans Create Migration: Alembic file name, down_revision = head, backfill before NOT NULL', () => {
    const project = analysis();
    const models = path.join(root, 'models.py');
    buffers.set(models, readFileSync(models, 'utf8').replace('body = db.Column(db.Text)\n', 'body = db.Column(db.Text, nullable=False)\n'));
    try {
      project.setModelText(models, buffers.get(models) as string);
      const plan = planMigration(project, {
        message: 'Post body required!',
        renames: [],
        backfills: [{ table: 'post', column: 'body', sql: "''" }],
        revisionId: 'abcdef012345',
        createDate: new Date(2026, 10, 23, 12, 0, 0),
      });
      assert.ok(plan.ok, plan.ok ? '' : plan.message);
      assert.equal(plan.path, path.join(root, 'migrations', 'versions', 'abcdef012345_post_body_required.py'));
      assert.match(plan.text, /down_revision = '3f8a897020d0'/);
      const update = plan.text.indexOf(`UPDATE "post" SET "body" = \\'\\' WHERE "body" IS NULL`);
      const notNull = plan.text.indexOf('nullable=False', plan.text.indexOf('def upgrade'));
      assert.ok(update > 0 && update < notNull, plan.text);
    } finally {
      buffers.delete(models);
    }
  });

  it('refuses to plan on several heads, naming them', () => {
    const versions = path.join(root, 'migrations', 'versions');
    const branch = path.join(versions, 'cccccccccccc_branch.py');
    writeFileSync(branch, "revision = 'cccccccccccc'\ndown_revision = '55534dee8a8f'\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
    try {
      const plan = planMigration(analysis(), { message: 'x', renames: [] });
      assert.equal(plan.ok, false);
      assert.match(plan.ok ? '' : plan.message, /several heads \((3f8a897020d0, cccccccccccc|cccccccccccc, 3f8a897020d0)\)/);
    } finally {
      rmSync(branch);
    }
  });
});
