// Models written the ways real projects write them (issue 11, class 3): test-fixtures/model-recognition.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/model-recognition');
const MODELS = path.join(FIXTURE, 'models.py');

function analyse(edit?: (text: string) => string): ProjectAnalysis {
  const [location] = discoverProjects(FIXTURE);
  assert.ok(location);
  const readFile = (file: string) => {
    const text = readFileSync(file, 'utf8');
    return edit && file === MODELS ? edit(text) : text;
  };
  return new ProjectAnalysis(location, { readFile });
}

describe('model recognition on real-world styles', () => {
  before(async () => initPythonParser());

  it('reads models of a project SQLAlchemy subclass, of flask.ext.sqlalchemy, and column_property(Column(...))', () => {
    const result = analyse().result();
    assert.deepEqual(Object.keys(result.modelSchema.schema.tables).sort(), ['account', 'audit_entry', 'oauth2_client', 'saved_search']);
    assert.equal(result.modelSchema.schema.tables.account?.columns.nickname?.type, 'character varying(40)');
    assert.equal(result.modelSchema.schema.tables.audit_entry?.columns.action?.type, 'character varying(50)');
    // Column = functools.partial(db.Column, nullable=False)
    assert.deepEqual(result.modelSchema.schema.tables.account?.columns.plan, { type: 'character varying(20)', nullable: false, default: null });
    assert.equal(result.modelSchema.schema.tables.account?.columns.settings?.type, 'jsonb');
    // @aggregated("clients", db.Column(...)) on a method: the method's name is the column (never "dropped").
    assert.equal(result.modelSchema.schema.tables.account?.columns.client_count?.type, 'integer');
    assert.equal(result.modelSchema.schema.tables.account?.columns.client_count?.nullable, false);
    assert.equal(result.findings.filter((f) => f.destructive).length, 0);
  });

  it('reads __tablename__ from a module constant, a column named query, and mapped_column from sqlalchemy.testing.schema', () => {
    const table = analyse().result().modelSchema.schema.tables.saved_search;
    assert.deepEqual(Object.keys(table?.columns ?? {}), ['id', 'query']);
    assert.deepEqual(table?.primaryKey?.columns, ['id']);
  });

  it('takes columns it cannot see (a wrapper function, a library mixin) as unchanged, with a note, and the project is in sync', () => {
    const result = analyse().result();
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
    const notes = result.notes.filter((n) => n.kind === 'unseen-columns').map((n) => n.message);
    // The library's mixin is not installed here: a note at its base says the table's columns may be incomplete.
    assert.equal(notes.filter((m) => /OAuth2ClientMixin is a base class from outside the project/.test(m)).length, 1);
    const unseen = notes.filter((m) => !/is a base class from outside the project/.test(m));
    assert.equal(unseen.length, 2);
    assert.match(unseen.find((m) => m.includes('"account"')) ?? '', /column referral is in the migrations/);
    assert.match(unseen.find((m) => m.includes('"oauth2_client"')) ?? '', /columns client_id, client_secret, client_id_issued_at/);
  });

  it('still reports a real drop next to them', () => {
    const result = analyse((text) => text.replace('    email = db.Column(db.String(120), nullable=False)\n', '')).result();
    const drops = result.findings.filter((f) => f.code === 'DS103');
    assert.deepEqual(
      drops.map((f) => [f.table, f.column, f.severity, f.destructive]),
      [['account', 'email', 'warning', true]],
    );
  });
});

describe('SQLAlchemy-Continuum version and transaction tables (test-fixtures/continuum)', () => {
  before(async () => initPythonParser());

  it('are derived from the models (not dropped tables): the project is in sync', () => {
    const [location] = discoverProjects(path.resolve(__dirname, '../../../../test-fixtures/continuum'));
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.changes, []);
    // Built by core/models/continuum.ts (test/core/models/continuumTables.test.ts covers the rules).
    assert.deepEqual(Object.keys(result.modelSchema.schema.tables).sort(), ['article', 'article_version', 'transaction']);
    assert.equal(
      result.notes.find((n) => n.kind === 'unseen-columns'),
      undefined,
    );
  });
});
