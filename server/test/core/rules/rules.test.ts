import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { findingsFor, RULES, rowCountRequests } from '../../../src/core/rules';
import { ignoredCodes } from '../../../src/core/rules/ignore';
import type { Schema } from '../../../src/core/schema/types';
import { col, schema, serial } from '../diff/build';
import { fakeModels, MODELS_FILE } from './models';

function run(head: Schema, models: Schema, opts: { above?: Record<string, string>; rowCounts?: Parameters<typeof findingsFor>[0]['rowCounts'] } = {}) {
  const { models: ms, text } = fakeModels(models, opts.above);
  return findingsFor({ models: ms, head, rowCounts: opts.rowCounts ?? [], readText: (f) => (f === MODELS_FILE ? text : undefined) });
}
function fakeModelsInput(models: Schema) {
  const { models: ms, text } = fakeModels(models);
  return { models: ms, readText: (f: string) => (f === MODELS_FILE ? text : undefined) };
}
const codes = (findings: Finding[]) => findings.map((f) => `${f.code}:${f.table}${f.column ? `.${f.column}` : ''}`).sort();
const user = (extra: Record<string, ReturnType<typeof col>> = {}) => ({
  columns: { id: serial('user'), email: col('character varying(120)'), ...extra },
  pk: ['id'],
});

describe('rules', () => {
  it('lists one rule per code, every code of the contract', () => {
    assert.deepEqual(RULES.map((r) => r.code).sort(), [
      'BC101',
      'BC102',
      'DS102',
      'DS103',
      'MF101',
      'MF103',
      'MF104',
      'MF105',
      'MF106',
      'MG001',
      'MG002',
      'MG003',
      'MG004',
      'PG101',
      'PG301',
    ]);
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length, 'rule names are unique');
  });

  it('every record carries its text, examples and fixes', () => {
    for (const rule of RULES) {
      for (const field of ['title', 'summary', 'data', 'safe'] as const) assert.ok(rule.text[field].trim().length > 10, `${rule.code}.text.${field}`);
      assert.ok(rule.text.dialects.postgresql.length > 10, `${rule.code}: PostgreSQL notes`);
      assert.ok(rule.examples.length > 0, `${rule.code}: examples`);
      assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/);
      if (rule.preferredFix) assert.ok(rule.fixes.includes(rule.preferredFix), `${rule.code}: preferred fix is one of its fixes`);
    }
  });

  it("asks the database for the counts each record declares, on the finding's table and column", () => {
    const { findings } = run(
      schema({ user: user({ name: col('character varying(100)'), bio: col('text') }) }),
      schema({ user: user({ name: col('character varying(20)', false), age: col('integer', false) }) }),
    );
    assert.deepEqual(
      rowCountRequests(findings)
        .map((r) => [r.code, r.measure, r.table, r.column ?? null, r.toType ?? null])
        .sort(),
      [
        ['DS103', 'nonNullValues', 'user', 'bio', null],
        ['MF103', 'tableRows', 'user', null, null],
        ['MF104', 'nullValues', 'user', 'name', null],
        ['MF105', 'valuesNotFitting', 'user', 'name', 'character varying(20)'],
        ['PG301', 'tableEstimate', 'user', null, null],
      ],
    );
    const counted = run(schema({ user: user({ bio: col('text') }) }), schema({ user: user({ age: col('integer', false) }) }), {
      rowCounts: [
        { code: 'MF103', table: 'user', totalRows: 12, rowsAtRisk: 12 },
        { code: 'DS103', table: 'user', column: 'bio', totalRows: 12, rowsAtRisk: 5 },
      ],
    }).findings;
    assert.deepEqual(
      counted.filter((f) => f.rows).map((f) => [f.code, f.rows]),
      [
        ['DS103', { total: 12, atRisk: 5 }],
        ['MF103', { total: 12, atRisk: 12 }],
      ],
    );
    assert.match(counted.find((f) => f.code === 'MF103')?.message ?? '', /The dev database has 12 rows there\./);
    // A size and estimate for PG301 travel in `rows`; a count that could not be read says why, and the message has no number.
    const sized = run(schema({ user: user({ n: col('integer') }) }), schema({ user: user({ n: col('bigint') }) }), {
      rowCounts: [{ code: 'PG301', table: 'user', totalRows: 120000, rowsAtRisk: 120000, bytes: 9 * 1024 * 1024 }],
    }).findings;
    assert.deepEqual(sized.find((f) => f.code === 'PG301')?.rows, { total: 120000, atRisk: 120000, bytes: 9 * 1024 * 1024 });
    const unread = run(schema({ user: user({ bio: col('text') }) }), schema({ user: user() }), {
      rowCounts: [{ code: 'DS103', table: 'user', column: 'bio', totalRows: 0, rowsAtRisk: 0, problem: 'column "user.bio" is not in the database' }],
    }).findings.find((f) => f.code === 'DS103');
    assert.equal(unread?.rowsUnavailable, 'column "user.bio" is not in the database');
    assert.equal(unread?.rows, undefined);
    assert.doesNotMatch(unread?.message ?? '', /in the dev database/);
  });

  it('reports nothing when models and head agree', () => {
    assert.deepEqual(run(schema({ user: user() }), schema({ user: user() })).findings, []);
  });

  it('DS103 points at the class of a dropped column and uses the row count when known', () => {
    const { findings } = run(schema({ user: user({ bio: col('text') }) }), schema({ user: user() }), {
      rowCounts: [{ code: 'DS103', table: 'user', column: 'bio', totalRows: 2000, rowsAtRisk: 1204 }],
    });
    const ds = findings.find((f) => f.code === 'DS103') as Finding;
    assert.equal(ds.message.startsWith('Dropping `user.bio` destroys data (1,204 non-null values in the dev database)'), true, ds.message);
    assert.deepEqual([ds.file, ds.range.start.line, ds.destructive, ds.severity], [MODELS_FILE, 2, true, 'warning']);
    assert.deepEqual(
      ds.fixes.map((f) => f.kind),
      ['ignore'],
    );
    assert.deepEqual(codes(findings), ['DS103:user.bio', 'MG001:user']);
  });

  it('DS102 for a dropped table, pointing at a table that referenced it', () => {
    const head = schema({
      user: user(),
      audit: { columns: { id: serial('audit') }, pk: ['id'] },
      post: { columns: { id: serial('post'), audit_id: col('integer') }, pk: ['id'], fks: [{ columns: ['audit_id'], refTable: 'audit' }] },
    });
    const models = schema({ user: user(), post: { columns: { id: serial('post') }, pk: ['id'] } });
    const { findings } = run(head, models, { rowCounts: [{ code: 'DS102', table: 'audit', totalRows: 7, rowsAtRisk: 7 }] });
    const ds = findings.find((f) => f.code === 'DS102') as Finding;
    assert.match(ds.message, /^Dropping table `audit` destroys 7 rows in the dev database/);
    assert.equal(ds.range.start.line, fakeModels(models).text.split('\n').indexOf('class Post(db.Model):'));
  });

  it('BC102: an unambiguous drop + add is a rename by default, a warning, with no DS103 or MF103 for the pair', () => {
    const { findings, changes, renames } = run(schema({ user: user({ name: col('text', false) }) }), schema({ user: user({ full_name: col('text', false) }) }));
    assert.deepEqual(codes(findings), ['BC102:user.full_name', 'MG001:user']);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['renameColumn'],
    );
    assert.deepEqual(renames.assumed, [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }]);
    const bc = findings.find((f) => f.code === 'BC102') as Finding;
    assert.equal(bc.destructive, false);
    assert.match(bc.message, /renames it and keeps every value.*--no-rename user\.name=full_name/);
    assert.deepEqual(bc.fixes[0]?.kind, 'rename');
  });

  it('BC102: a rename with a type or nullability change in the same family is still a rename, plus what the change itself risks', () => {
    const { findings, changes } = run(
      schema({ user: user({ name: col('character varying(100)', true) }) }),
      schema({ user: user({ full_name: col('character varying(20)', false) }) }),
    );
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['renameColumn', 'alterColumn'],
    );
    assert.deepEqual(codes(findings), ['BC102:user.full_name', 'MF104:user.full_name', 'MF105:user.full_name', 'MG001:user', 'PG301:user.full_name']);
  });

  it('BC102: different type families never pair; two candidates are ambiguous: drop + add, DS103 kept, the readings listed', () => {
    const apart = run(schema({ user: user({ name: col('text') }) }), schema({ user: user({ age: col('integer') }) }));
    assert.deepEqual(codes(apart.findings), ['DS103:user.name', 'MG001:user']);
    const { findings, changes, renames } = run(
      schema({ user: user({ name: col('text'), nick: col('character varying(20)') }) }),
      schema({ user: user({ full_name: col('text') }) }),
    );
    assert.deepEqual(changes.map((c) => c.kind).sort(), ['addColumn', 'dropColumn', 'dropColumn']);
    assert.deepEqual(renames.assumed, []);
    assert.deepEqual(codes(findings), ['BC102:user.full_name', 'DS103:user.name', 'DS103:user.nick', 'MG001:user']);
    const bc = findings.find((f) => f.code === 'BC102') as Finding;
    assert.equal(bc.destructive, true);
    assert.match(bc.message, /^Ambiguous rename: .*`name` → `full_name`; `nick` → `full_name`/);
    assert.deepEqual(bc.fixes.filter((f) => f.kind === 'rename').length, 2);
  });

  it('BC102: a chained reading (name → slug while pretty_name → name) makes the pair ambiguous', () => {
    const head = schema({ user: user({ name: col('character varying(50)'), pretty_name: col('character varying(100)') }) });
    const models = schema({ user: user({ slug: col('character varying(50)'), name: col('character varying(100)') }) });
    const { findings, renames } = run(head, models);
    assert.deepEqual(renames.assumed, []);
    assert.deepEqual(renames.ambiguous[0]?.readings, [
      [{ kind: 'column', table: 'user', from: 'pretty_name', to: 'slug' }],
      [
        { kind: 'column', table: 'user', from: 'name', to: 'slug' },
        { kind: 'column', table: 'user', from: 'pretty_name', to: 'name' },
      ],
    ]);
    assert.match((findings.find((f) => f.code === 'BC102') as Finding).message, /`name` → `slug` with `pretty_name` → `name`/);
    const chosen = findingsFor({ ...fakeModelsInput(models), head, renames: renames.ambiguous[0]?.readings[1] });
    assert.deepEqual(
      chosen.changes.map((c) => `${c.kind}:${'renamedFrom' in c ? c.renamedFrom : ''}>${c.column ?? ''}`),
      ['renameColumn:name>slug', 'renameColumn:pretty_name>name'],
    );
    assert.deepEqual(codes(chosen.findings), ['MG001:user']);
  });

  it('BC101: a table whose name changed with the same columns is renamed by default; no DS102', () => {
    const { findings, changes } = run(
      schema({ user: user() }),
      schema({ account: { ...user(), columns: { id: serial('account'), email: col('character varying(120)') } } }),
    );
    assert.deepEqual(codes(findings), ['BC101:account', 'MG001:account']);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['renameTable'],
    );
    assert.equal((findings.find((f) => f.code === 'BC101') as Finding).destructive, false);
  });

  it('a chosen rename leaves only the pending migration', () => {
    const { models, text } = fakeModels(schema({ user: user({ full_name: col('text') }) }));
    const result = findingsFor({
      models,
      head: schema({ user: user({ name: col('text') }) }),
      renames: [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }],
      readText: () => text,
    });
    assert.deepEqual(codes(result.findings), ['MG001:user']);
    assert.match(result.findings[0]?.message ?? '', /column name renamed to full_name/);
  });

  it('MF103 for a NOT NULL column without server default on an existing table, with both safe fixes', () => {
    const { findings } = run(
      schema({ user: user() }),
      schema({ user: user({ age: col('integer', false) }), post: { columns: { id: serial('post'), title: col('text', false) }, pk: ['id'] } }),
    );
    assert.deepEqual(codes(findings), ['MF103:user.age', 'MG001:post']);
    const mg = findings.find((f) => f.code === 'MG001') as Finding;
    assert.match(mg.message, /^2 changes pending: table `post` \(table created\); table `user` \(column age added\)\./);
    assert.equal(
      mg.range.start.line,
      fakeModels(schema({ user: user({ age: col('integer', false) }), post: { columns: { id: serial('post'), title: col('text', false) }, pk: ['id'] } }))
        .text.split('\n')
        .indexOf('class Post(db.Model):'),
    );
    const mf = findings.find((f) => f.code === 'MF103') as Finding;
    assert.deepEqual(
      mf.fixes.map((f) => f.kind),
      ['twoStep', 'serverDefault', 'ignore'],
    );
    assert.equal(mf.range.start.line, 5);
    // Each suggestion says what the existing rows get.
    assert.match(mf.fixes[1]?.title ?? '', /^Give it server_default="0": existing rows get 0$/);
  });

  it('MF103 on a string column: the two-step recipe comes first and says the empty string is a placeholder', () => {
    const { findings } = run(schema({ user: user() }), schema({ user: user({ nickname: col('character varying(40)', false) }) }));
    const mf = findings.find((f) => f.code === 'MF103') as Finding;
    assert.equal(mf.fixes[0]?.kind, 'twoStep');
    assert.match(mf.fixes[0]?.title ?? '', /fill the existing rows with an empty string \(''\) \(edit the UPDATE to put real values\)/);
    assert.match(mf.fixes[1]?.title ?? '', /server_default="": existing rows get an empty string/);
  });

  it('MF104, MF105 and PG301 for a column made NOT NULL and narrowed', () => {
    const { findings } = run(
      schema({ user: user({ name: col('character varying(100)') }) }),
      schema({ user: user({ name: col('character varying(20)', false) }) }),
      { rowCounts: [{ code: 'MF104', table: 'user', column: 'name', totalRows: 10, rowsAtRisk: 3 }] },
    );
    assert.deepEqual(codes(findings), ['MF104:user.name', 'MF105:user.name', 'MG001:user', 'PG301:user.name']);
    assert.match(findings.find((f) => f.code === 'MF104')?.message ?? '', /3 rows with NULL/);
    assert.match(
      findings.find((f) => f.code === 'MF105')?.message ?? '',
      /fails if any value does not fit \(here: values longer than 20 characters\)\. PostgreSQL refuses; nothing is lost\./,
    );
  });

  it('no MF105 or PG301 for widening a varchar; PG301 without MF105 for integer → bigint', () => {
    const widened = run(schema({ user: user() }), schema({ user: { ...user(), columns: { id: serial('user'), email: col('character varying(200)') } } }));
    assert.deepEqual(codes(widened.findings), ['MG001:user']);
    const bigger = run(schema({ user: user({ n: col('integer') }) }), schema({ user: user({ n: col('bigint') }) }));
    assert.deepEqual(codes(bigger.findings), ['MG001:user', 'PG301:user.n']);
  });

  it('MF101 and PG101 for a unique index on an existing column; none on a new table', () => {
    const head = schema({ user: user() });
    const models = schema({
      user: { ...user(), indexes: [{ name: 'ix_user_email', columns: ['email'], unique: true }] },
      post: { columns: { id: serial('post'), slug: col('text') }, pk: ['id'], uniques: [['slug']], indexes: [{ name: 'ix_post_slug', columns: ['slug'] }] },
    });
    const { findings } = run(head, models);
    assert.deepEqual(codes(findings), ['MF101:user.email', 'MG001:post', 'PG101:user.email']);
    const mf = findings.find((f) => f.code === 'MF101') as Finding;
    assert.deepEqual(mf.fixes[0], {
      kind: 'inspectRows',
      title: 'Show the duplicate values',
      sql: 'SELECT "email", count(*) FROM "user" GROUP BY "email" HAVING count(*) > 1',
    });
  });

  it('MF105 is info when enum labels differ only in case: a model storing member names against a type of values (Alembic writes nothing)', () => {
    // flask-expenses-manager: Enum(AlertStatus) gives PENDING, SENT; its history created the type with pending, sent.
    const base = { alert: { columns: { id: serial('alert'), status: col('alertstatus') }, pk: ['id'] } };
    const { findings } = run(schema(base, { alertstatus: ['pending', 'sent'] }), schema(base, { alertstatus: ['PENDING', 'SENT'] }));
    const mf = findings.find((f) => f.code === 'MF105');
    assert.equal(mf?.severity, 'info');
    assert.match(mf?.message ?? '', /differ from the migrations' only in letter case \(models: 'PENDING', 'SENT'; migrations: 'pending', 'sent'\)/);
    assert.match(mf?.message ?? '', /values_callable/);
    // A real removal next to a case change stays a warning.
    const removal = run(schema(base, { alertstatus: ['pending', 'sent'] }), schema(base, { alertstatus: ['PENDING'] }));
    assert.equal(removal.findings.find((f) => f.code === 'MF105')?.severity, 'warning');
  });

  it('MF105 when enum labels are removed', () => {
    const base = { doc: { columns: { id: serial('doc'), s: col('status') }, pk: ['id'] } };
    const { findings } = run(schema(base, { status: ['a', 'b'] }), schema(base, { status: ['a'] }));
    assert.deepEqual(codes(findings), ['MF105:', 'MG001:', 'PG301:doc']);
    assert.match(findings.find((f) => f.code === 'PG301')?.message ?? '', /recreates the type: `doc` is rewritten/);
    assert.match(findings[0]?.message ?? '', /Removing 'b' from enum `status`/);
  });

  it('MG001 is one information finding per project, summarising every pending change', () => {
    const head = schema({ user: user({ bio: col('text') }), post: { columns: { id: serial('post') }, pk: ['id'] } }, { status: ['a'] });
    const models = schema(
      { user: user(), post: { columns: { id: serial('post'), title: col('text') }, pk: ['id'] }, tag: { columns: { id: serial('tag') }, pk: ['id'] } },
      { status: ['a', 'b'] },
    );
    const { findings, changes } = run(head, models);
    const mg = findings.filter((f) => f.code === 'MG001');
    assert.equal(mg.length, 1, JSON.stringify(mg));
    assert.equal(changes.length, 4);
    assert.deepEqual([mg[0]?.severity, mg[0]?.destructive, mg[0]?.fixes.map((f) => f.kind)], ['info', false, ['createMigration']]);
    assert.match(mg[0]?.message ?? '', /^4 changes pending: /);
    for (const part of [
      'values b added to enum status',
      'table `tag` (table created)',
      'table `post` (column title added)',
      'table `user` (column bio dropped)',
    ])
      assert.ok(mg[0]?.message.includes(part), `${part} in ${mg[0]?.message}`);
    // Enum changes come first, but the finding sits on the first changed table the models declare.
    assert.notEqual(mg[0]?.table, '');
    assert.equal(
      mg[0]?.range.start.line,
      fakeModels(models)
        .text.split('\n')
        .indexOf(`class ${(mg[0]?.table ?? '').replace(/^./, (c) => c.toUpperCase())}(db.Model):`),
    );
  });

  it('honours "# migration-guard: ignore" comments above or on the model line', () => {
    const head = schema({ user: user({ name: col('character varying(100)') }) });
    const models = schema({ user: user({ name: col('character varying(20)') }) });
    assert.deepEqual(codes(run(head, models, { above: { 'user.name': '# migration-guard: ignore MF105' } }).findings), ['MG001:user', 'PG301:user.name']);
    assert.deepEqual(codes(run(head, models, { above: { 'user.name': '# migration-guard: ignore MF105, PG301' } }).findings), ['MG001:user']);
    assert.deepEqual(codes(run(head, models, { above: { 'user.name': '# migration-guard: ignore DS103' } }).findings), [
      'MF105:user.name',
      'MG001:user',
      'PG301:user.name',
    ]);
    assert.deepEqual([...(ignoredCodes('x = 1  # migration-guard: ignore ds103') as Set<string>)], ['DS103']);
    assert.equal(ignoredCodes('# migration-guard: ignore'), '*');
    assert.equal(ignoredCodes('# something else'), null);
  });
});
