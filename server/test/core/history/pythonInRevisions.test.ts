// Issue 11, Deliver 3: evaluate what Alembic would. test-fixtures/python-in-revisions builds its
// names with module constants, f-strings, str methods, a loop in a helper function of the file, and
// branches on the URL and the dialect (the oracle test in test/oracle/history.test.ts runs it on
// real Alembic + PostgreSQL too).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadHistory } from '../../../src/core/history/load';
import { schemaAtRevision } from '../../../src/core/history/schemaAtRevision';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/python-in-revisions');

describe('Python in revision files', () => {
  before(async () => initPythonParser());

  it('replays f-strings, str methods, constants, helper loops and URL/dialect tests as Alembic on PostgreSQL runs them', () => {
    const history = loadHistory(FIXTURE);
    const { schema, notes } = schemaAtRevision(history, 'head');
    assert.deepEqual(
      notes.filter((n) => n.severity === 'warning' || n.severity === 'error'),
      [],
    );
    const revision = schema.tables.page_revision;
    assert.ok(revision, 'f"{PAGE}_revision" names the table');
    assert.deepEqual(Object.keys(revision.columns).sort(), ['created_at', 'id', 'page_id', 'updated_at']);
    assert.deepEqual(
      revision.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]),
      [[['page_id'], 'page', ['id']]],
    );
    // url.startswith("mysql") and dialect.name == "sqlite" are false on PostgreSQL.
    assert.ok(schema.tables.page?.columns.title);
    assert.deepEqual(notes.filter((n) => n.kind === 'dialect-branch').length, 2);
  });

  it("replays the multi-database template's dispatch: upgrade(engine_name='') runs upgrade_(), never another bind's upgrade_geoname()", () => {
    const history = loadHistory(FIXTURE);
    const { schema, notes } = schemaAtRevision(history, 'head');
    assert.ok(schema.tables.page?.columns.slug, 'globals().get(f"upgrade_{engine_name}", lambda: None)() ran upgrade_()');
    assert.equal(schema.tables.geo_name, undefined);
    assert.deepEqual(
      notes.filter((n) => n.kind === 'unknown-call'),
      [],
    );
    const revision = history.graph.revisions.get('b1c2d3e4f5a6');
    assert.deepEqual(
      revision?.downgrade.ops.map((op) => op.kind),
      ['dropColumn'],
      "globals()['downgrade_%s' % engine_name]() ran downgrade_()",
    );
  });

  it('replays a list comprehension over a literal list (an "already there?" filter it cannot decide keeps the item) and a list grown with append/extend, then splatted', () => {
    const history = loadHistory(FIXTURE);
    const { schema, notes } = schemaAtRevision(history, 'head');
    assert.deepEqual(
      notes.filter((n) => n.kind === 'loop' || n.kind === 'unknown-call'),
      [],
    );
    const page = schema.tables.page;
    assert.deepEqual(
      [page?.columns.views?.type, page?.columns.summary?.type],
      ['integer', 'text'],
      '[col for name, col in new_columns if name not in existing_cols]: on a fresh database every column is added',
    );
    assert.deepEqual(Object.keys(schema.tables.page_stat?.columns ?? {}), ['id', 'metric', 'bucket_le_1s', 'bucket_le_5s', 'note']);
    assert.equal(schema.tables.page_stat?.columns.bucket_le_1s?.nullable, false);
  });
});
