// Multi-schema PostgreSQL projects (issue 11, class 1): ops with schema=, raw SQL on "audit.t", models
// with __table_args__ = {"schema": ...} / Table(schema=...) / ForeignKey("audit.t.id") are tracked per
// schema, keyed "<schema>.<table>". What is compared is Alembic's choice: every schema of the models, but
// only the default schema of the history unless include_schemas=True (then each schema include_name keeps).
// The oracle side (real flask db migrate on PostgreSQL) is server/test/oracle/multiSchema.test.ts.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { readEnvFilters } from '../../../src/core/project/envFilters';
import { initPythonParser } from '../../../src/core/python/parser';
import { readDdl } from '../../../src/core/history/sql/ddl';
import { opsToPython } from '../../../src/core/render/pythonOps';
import { opsToSql } from '../../../src/core/render/sql';
import { quoteTable } from '../../../src/core/render/sqlNames';
import type { MigrationOp } from '../../../src/core/schema/ops';
import { emptySchema } from '../../../src/core/schema/types';
import { LEGACY_MODEL, MULTI_SCHEMA, WITH_SCHEMAS } from '../../support/multiSchema';

function analysis(dir: string) {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) });
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `${file}: ${String(from)} not found`);
  writeFileSync(file, next);
};

/** A line of env.py's online context.configure(...) (the offline one is not what autogenerate uses). */
const ONLINE = 'process_revision_directives=process_revision_directives,';

describe('multi-schema projects', () => {
  const scratch: string[] = [];
  before(async () => initPythonParser());
  after(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-multi-schema-'));
    scratch.push(dir);
    cpSync(MULTI_SCHEMA, dir, { recursive: true });
    return dir;
  };

  it('replays every schema: ops with schema=, batch blocks, raw CREATE/ALTER TABLE audit.t, 3-part foreign keys; in sync with the models', () => {
    const result = analysis(MULTI_SCHEMA).result();
    assert.deepEqual(Object.keys(result.headSchema.tables).sort(), ['audit.event', 'audit.event_tag', 'audit.legacy_log', 'audit.login', 'user']);
    const login = result.headSchema.tables['audit.login'];
    assert.deepEqual(Object.keys(login?.columns ?? {}), ['id', 'user_id', 'at', 'ip']);
    assert.equal(login?.columns.id?.default, "nextval('audit.login_id_seq'::regclass)");
    assert.deepEqual(login?.primaryKey, { name: 'login_pkey', columns: ['id'] });
    assert.deepEqual(
      login?.indexes.map((i) => i.name),
      ['ix_login_at'],
    );
    assert.deepEqual(result.headSchema.tables['audit.event']?.indexes.map((i) => i.name).sort(), ['ix_audit_event_kind', 'ix_audit_event_user_id']);
    assert.deepEqual(
      result.headSchema.tables['audit.event_tag']?.foreignKeys.map((fk) => [fk.refTable, fk.name]),
      [['audit.event', 'event_tag_event_id_fkey']],
    );
    assert.deepEqual(
      result.headSchema.tables['audit.event']?.foreignKeys.map((fk) => fk.refTable),
      ['user'],
    );
    assert.deepEqual(Object.keys(result.modelSchema.schema.tables).sort(), Object.keys(result.headSchema.tables).sort());
    assert.deepEqual(
      result.notes.filter((n) => n.kind === 'other-schema'),
      [],
    );
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
    assert.equal(readEnvFilters(path.join(MULTI_SCHEMA, 'migrations')).includeSchemas, true);
  });

  it('include_schemas=True: a model removed from the audit schema is a DS102 drop of audit.legacy_log', () => {
    const dir = copy();
    edit(path.join(dir, 'models.py'), LEGACY_MODEL, '');
    const findings = analysis(dir).result().findings;
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, f.table]),
      [
        ['DS102', 'warning', 'audit.legacy_log'],
        ['MG001', 'info', 'audit.legacy_log'],
      ],
    );
  });

  it('without include_schemas the history is read in the default schema only: audit models are added every time, a removed one is no drop', () => {
    const dir = copy();
    edit(path.join(dir, 'app.py'), WITH_SCHEMAS, 'migrate = Migrate(app, db)');
    assert.equal(readEnvFilters(path.join(dir, 'migrations')).includeSchemas, false);
    const tablesCreated = (d: string) =>
      analysis(d)
        .result()
        .changes.map((c) => [c.kind, c.table])
        .sort();
    assert.deepEqual(tablesCreated(dir), [
      ['createTable', 'audit.event'],
      ['createTable', 'audit.event_tag'],
      ['createTable', 'audit.legacy_log'],
      ['createTable', 'audit.login'],
    ]);
    edit(path.join(dir, 'models.py'), LEGACY_MODEL, '');
    const result = analysis(dir).result();
    assert.deepEqual(
      result.findings.filter((f) => f.code.startsWith('DS')),
      [],
    );
    assert.ok(!result.changes.some((c) => c.kind === 'dropTable'));
    // The same read from env.py's own context.configure(include_schemas=True).
    edit(path.join(dir, 'migrations', 'env.py'), ONLINE, `${ONLINE}\n            include_schemas=True,`);
    assert.deepEqual(
      analysis(dir)
        .result()
        .findings.map((f) => [f.code, f.table]),
      [
        ['DS102', 'audit.legacy_log'],
        ['MG001', 'audit.legacy_log'],
      ],
    );
  });

  it('include_name for type_ "schema" decides which schemas are reflected', () => {
    const dir = copy();
    edit(path.join(dir, 'models.py'), LEGACY_MODEL, '');
    edit(
      path.join(dir, 'migrations', 'env.py'),
      /def run_migrations_online\(\):/,
      'def include_name(name, type_, parent_names):\n    if type_ == "schema" and name == "audit":\n        return False\n    return True\n\n\ndef run_migrations_online():',
    );
    edit(path.join(dir, 'migrations', 'env.py'), ONLINE, `${ONLINE}\n            include_name=include_name,`);
    const result = analysis(dir).result();
    assert.deepEqual(
      result.findings.filter((f) => f.code.startsWith('DS')),
      [],
    );
    assert.deepEqual(result.changes.map((c) => [c.kind, c.table]).sort(), [
      ['createTable', 'audit.event'],
      ['createTable', 'audit.event_tag'],
      ['createTable', 'audit.login'],
    ]);
  });

  it('raw SQL names tables in their schema; RENAME TO stays in it; DROP INDEX audit.ix finds it there only', () => {
    const ops = readDdl(
      'ALTER TABLE audit.login RENAME TO logins; DROP INDEX audit.ix_login_at; DROP INDEX ix_other; CREATE TABLE "Audit"."T" (id int REFERENCES public.user (id)); ALTER TABLE public.user ADD COLUMN x int',
      undefined,
    ).ops;
    assert.deepEqual(
      ops.map((op) => [
        op.kind,
        'table' in op ? op.table : op.kind === 'renameTable' ? `${op.from}>${op.to}` : null,
        op.kind === 'dropIndex' ? (op.schema ?? null) : null,
      ]),
      [
        ['renameTable', 'audit.login>audit.logins', null],
        ['dropIndex', null, 'audit'],
        ['dropIndex', null, null],
        ['createTable', 'Audit.T', null],
        ['addColumn', 'user', null],
      ],
    );
    const created = ops[3];
    assert.ok(created?.kind === 'createTable' && created.foreignKeys[0]?.refTable === 'user');
  });

  it('SQL and revision Python write the schema, escaped for where it goes', () => {
    const schema = `we"ird'x`;
    const key = `${schema}.t`;
    assert.equal(quoteTable(key), `"we""ird'x"."t"`);
    const ops: MigrationOp[] = [
      {
        kind: 'createTable',
        table: key,
        columns: [{ name: 'id', type: 'integer', nullable: false, default: null }],
        primaryKey: null,
        uniques: [],
        foreignKeys: [],
        checks: [],
      },
      { kind: 'addColumn', table: key, column: { name: 'c', type: 'text', nullable: true, default: null } },
      { kind: 'createIndex', table: key, index: { name: 'ix_c', columns: ['c'], unique: false } },
      { kind: 'dropIndex', table: key, name: 'ix_c' },
      { kind: 'renameTable', from: key, to: `${schema}.u` },
      { kind: 'dropTable', table: `${schema}.u` },
    ];
    assert.deepEqual(opsToSql(ops, emptySchema()), [
      `CREATE TABLE "we""ird'x"."t" ("id" integer NOT NULL)`,
      `ALTER TABLE "we""ird'x"."t" ADD COLUMN "c" text`,
      `CREATE INDEX "ix_c" ON "we""ird'x"."t" ("c")`,
      `DROP INDEX "we""ird'x"."ix_c"`,
      `ALTER TABLE "we""ird'x"."t" RENAME TO "u"`,
      `DROP TABLE "we""ird'x"."u"`,
    ]);
    const python = opsToPython(ops, emptySchema(), {}).lines.join('\n');
    const pySchema = `'we"ird\\'x'`;
    for (const line of [
      `op.create_table('t',`,
      `    schema=${pySchema}`,
      `op.add_column('t', sa.Column('c', sa.Text(), nullable=True), schema=${pySchema})`,
      `op.create_index(op.f('ix_c'), 't', ['c'], unique=False, schema=${pySchema})`,
      `op.drop_index(op.f('ix_c'), table_name='t', schema=${pySchema})`,
      `op.rename_table('t', 'u', schema=${pySchema})`,
      `op.drop_table('u', schema=${pySchema})`,
    ])
      assert.ok(python.split('\n').includes(line), `${line}\nnot in\n${python}`);
    const batch = opsToPython([ops[1] as MigrationOp], emptySchema(), {}, { batch: true }).lines;
    assert.deepEqual(batch.slice(0, 2), [
      `with op.batch_alter_table('t', schema=${pySchema}) as batch_op:`,
      `    batch_op.add_column(sa.Column('c', sa.Text(), nullable=True))`,
    ]);
  });
});
