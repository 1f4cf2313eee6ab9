// Python enum classes in revision files: `sa.Enum(Status)` with `class Status(enum.Enum)` defined in
// the revision (labels = member names, or the values with values_callable; the type named after the
// class) replays to what Debian's real Alembic 1.8.1 / SQLAlchemy 1.4 builds in PostgreSQL 15. A class
// imported from the project's modules is not read by the replay: a note at its line says so, and
// nothing is invented (no labels, no error).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { newReplayGuard } from '../../src/core/history/guardedReplay';
import { loadHistory } from '../../src/core/history/load';
import { schemaAtRevision } from '../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../src/core/python/parser';
import { schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { AlembicProject, type RevisionSpec } from '../core/history/support/alembicProject';
import { needsPythonAndPostgres } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const WITH_CLASSES: RevisionSpec = {
  id: 'enumc001',
  down: null,
  moduleLines: [
    'import enum',
    '',
    '',
    'class Status(str, enum.Enum):',
    "    draft = 'Draft'",
    "    published = 'Published'",
    '',
    '',
    'class Priority(enum.IntEnum):',
    '    low = 1',
    '    high = 2',
  ],
  up: [
    "op.create_table('post', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('status', sa.Enum(Status), nullable=False), sa.Column('label', sa.Enum(Status, name='post_label', values_callable=lambda x: [e.value for e in x])))",
    "sa.Enum(Priority, name='prio').create(op.get_bind())",
    "op.add_column('post', sa.Column('priority', postgresql.ENUM(Priority, name='prio', create_type=False)))",
  ],
  downgrade: [],
};

describe('Python enum classes in revision files', () => {
  let db: TestDatabase | null = null;
  let client: Client | null = null;
  let project: AlembicProject | null = null;
  before(async () => initPythonParser());
  after(async () => {
    await client?.end();
    await db?.drop();
    project?.remove();
  });

  it('a class defined in the revision gives the labels and type name SQLAlchemy gives', () => {
    const local = new AlembicProject('postgresql://unused');
    try {
      local.writeRevisions([WITH_CLASSES]);
      const { schema, notes } = schemaAtRevision(loadHistory(local.dir), 'head', newReplayGuard(null));
      assert.deepEqual(
        notes.filter((n) => n.severity !== 'info'),
        [],
      );
      assert.deepEqual(schema.enums, { status: ['draft', 'published'], post_label: ['Draft', 'Published'], prio: ['low', 'high'] });
      assert.equal(schema.tables.post?.columns.status?.type, 'status');
      assert.equal(schema.tables.post?.columns.priority?.type, 'prio');
    } finally {
      local.remove();
    }
  });

  it('a class imported from the project is a note at its line, never invented labels or an error', () => {
    const local = new AlembicProject('postgresql://unused');
    try {
      local.writeRevisions([
        {
          id: 'enumc002',
          down: null,
          moduleLines: ['from app.models import Status'],
          up: ["op.create_table('post', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('status', sa.Enum(Status)))"],
          downgrade: [],
        },
      ]);
      const { schema, notes } = schemaAtRevision(loadHistory(local.dir), 'head', newReplayGuard(null));
      assert.deepEqual(
        notes.filter((n) => n.severity === 'error'),
        [],
      );
      const note = notes.find((n) => n.kind === 'unresolved-type');
      assert.match(note?.message ?? '', /Enum\(Status\)/);
      assert.ok(note?.location, 'the note is at its line');
      assert.deepEqual(schema.enums, {});
      assert.ok(schema.tables.post?.columns.status, 'the column is there, its type unresolved');
    } finally {
      local.remove();
    }
  });

  it('replays to what real Alembic builds (oracle)', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_enumclass');
    client = new Client({ connectionString: db.url });
    await client.connect();
    project = new AlembicProject(db.sqlalchemyUrl);
    project.writeRevisions([WITH_CLASSES]);
    project.alembic('upgrade', 'head');
    const replayed = schemaAtRevision(loadHistory(project.dir), 'head', newReplayGuard(null));
    assert.deepEqual(schemaToJson(replayed.schema), schemaToJson(await introspectSchema(client)));
  });
});
