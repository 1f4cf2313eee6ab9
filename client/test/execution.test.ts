import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionResult } from '../../server/src/db/executor';
import { executionReport, isExecutionResult, parseCurrentOutput, risksFromExecution } from '../src/model/execution';
import { moveArgs, revisionRange, sqlArgs } from '../src/model/cliArgs';
import { renameDetail, renameLabel, suggestMessage, validateMessage } from '../src/model/createMigration';

const dryRun: ExecutionResult = {
  status: 'dry-run',
  headsBefore: ['a1'],
  headsAfter: ['c3'],
  summary: 'Dry run: 2 revision(s) ran from a1 to c3, then were rolled back. Nothing changed.',
  steps: [
    {
      revision: 'b2',
      direction: 'up',
      message: 'drop email',
      statements: [{ sql: 'ALTER TABLE "user" DROP COLUMN email', rowCount: null }],
      backups: [
        {
          table: 'user',
          columns: ['email'],
          reason: 'dropColumn',
          backupTable: 'user__email__b2',
          revision: 'b2',
          direction: 'up',
          createdAt: 'now',
          rows: 3,
          keyColumns: ['id'],
          restoreSql: 'UPDATE "user" ...',
        },
      ],
    },
    {
      revision: 'c3',
      direction: 'up',
      message: null,
      statements: [],
      backups: [
        {
          table: 'audit',
          columns: null,
          reason: 'dropTable',
          backupTable: 'audit__c3',
          revision: 'c3',
          direction: 'up',
          createdAt: 'now',
          rows: 12,
          keyColumns: [],
          restoreSql: 'INSERT ...',
        },
        {
          table: 'post',
          columns: ['title'],
          reason: 'alterType',
          backupTable: 'post__title__c3',
          revision: 'c3',
          direction: 'up',
          createdAt: 'now',
          rows: 0,
          keyColumns: ['id'],
          restoreSql: 'UPDATE ...',
        },
      ],
    },
  ],
};

test("a dry run's backups become the risks the dialog names, with their row counts", () => {
  assert.ok(isExecutionResult(dryRun));
  assert.equal(isExecutionResult({ status: 'applied' }), false);
  assert.deepEqual(risksFromExecution(dryRun), [
    { table: 'user', column: 'email', code: 'DS103', action: 'dropped', rows: 3, revision: 'b2' },
    { table: 'audit', column: null, code: 'DS102', action: 'dropped', rows: 12, revision: 'c3' },
    { table: 'post', column: 'title', code: 'MF105', action: 'retyped (values are cast)', rows: 0, revision: 'c3' },
  ]);
});

test('the output report lists steps, backups with their restore SQL, and failures', () => {
  const lines = executionReport(dryRun);
  // The summary in the user's words (the CLI's English `summary` is never shown).
  assert.equal(lines[0], 'Dry run: would upgrade 2 revisions (b2 "drop email", c3). Rolled back: the database stays at a1.');
  assert.ok(lines.includes('  ↑ b2 drop email: 1 statement'));
  assert.ok(lines.includes('    backup user(email) → migration_guard_backup.user__email__b2 (3 rows)'));
  const failed = executionReport({
    ...dryRun,
    status: 'failed',
    steps: [],
    summary: 'Failed in revision b2; everything was rolled back.',
    failure: { revision: 'b2', statement: 'ALTER TABLE x', message: 'lock timeout', code: '55P03', reason: { kind: 'database-error', revision: 'b2' } },
  });
  assert.deepEqual(failed, [
    'Failed in revision b2; everything was rolled back, the database is unchanged at a1. The database said: lock timeout',
    '  revision: b2',
    '  statement: ALTER TABLE x',
    '  error: lock timeout (SQLSTATE 55P03)',
  ]);
});

test('`current --format json` is read in the shapes the CLI prints', () => {
  assert.deepEqual(parseCurrentOutput({ database: 'x', versionTable: true, heads: [{ revision: 'a1', head: false }] }), ['a1']);
  assert.deepEqual(parseCurrentOutput({ database: 'x', versionTable: false, heads: [] }), []);
  // Only the declared shape: a bare list is not what `current` prints.
  assert.equal(parseCurrentOutput(['a1', 'b2']), null);
  assert.equal(parseCurrentOutput('nonsense'), null);
  assert.equal(parseCurrentOutput(undefined), null);
});

test('CLI command lines carry the settings as the CLI spells its flags', () => {
  const base = { lockTimeoutMs: 5000, backup: true, executor: 'auto' as const, pythonPath: '', dryRun: false };
  assert.deepEqual(moveArgs('upgrade', '/p', 'head', base), ['upgrade', '/p', 'head', '--format', 'json', '--lock-timeout', '5000']);
  assert.deepEqual(moveArgs('upgrade', '/p', 'head', { ...base, keepBackups: 3 }), [
    'upgrade',
    '/p',
    'head',
    '--format',
    'json',
    '--lock-timeout',
    '5000',
    '--keep-backups',
    '3',
  ]);
  assert.deepEqual(moveArgs('downgrade', '/p', '-1', { ...base, dryRun: true, backup: false, executor: 'native', pythonPath: ' /venv/bin/python ' }), [
    'downgrade',
    '/p',
    '-1',
    '--format',
    'json',
    '--lock-timeout',
    '5000',
    '--dry-run',
    '--no-backup',
    '--executor',
    'native',
    '--python',
    '/venv/bin/python',
  ]);
  assert.deepEqual(sqlArgs('/p', null, 'head'), ['sql', '/p', 'head']);
  assert.deepEqual(sqlArgs('/p', 'a1', 'b2'), ['sql', '/p', 'a1:b2']);
  assert.deepEqual(revisionRange('b2', ['a1']), { from: 'a1', to: 'b2' });
  assert.deepEqual(revisionRange('a1', []), { from: 'base', to: 'a1' });
});

test('Create Migration suggests a message from the changes and explains rename choices', () => {
  const change = (description: string) => ({ description, kind: 'dropColumn', table: 't', column: 'c' });
  assert.equal(suggestMessage([]), '');
  assert.equal(suggestMessage([change('drop column user.email')]), 'drop column user.email');
  assert.equal(suggestMessage([change('drop column user.email'), change('add table tag'), change('x')]), 'drop column user.email and 2 more changes');
  assert.match(validateMessage('  ') ?? '', /flask db migrate -m/);
  assert.equal(validateMessage('add email'), null);
  const rename = { kind: 'column' as const, table: 'user', from: 'email', to: 'email_address' };
  assert.equal(renameLabel(rename), 'Rename column user.email → email_address');
  assert.equal(renameDetail(rename), 'Keeps the data. Unchecked: user.email is dropped with its data and email_address is added empty.');
  assert.equal(renameLabel({ kind: 'table', from: 'people', to: 'person' }), 'Rename table people → person');
});

test("raw SQL risks come from the plan's targets even without a backup, and unreadable SQL is named as not checked", async () => {
  const { confirmationText } = await import('../src/model/confirmation');
  const { uncheckedFromExecution } = await import('../src/model/execution');
  const result: ExecutionResult = {
    status: 'dry-run',
    headsBefore: ['a1'],
    headsAfter: ['b2'],
    summary: 'Dry run.',
    steps: [
      {
        revision: 'b2',
        direction: 'up',
        message: 'raw',
        statements: [],
        backups: [],
        atRisk: [
          { table: 'raw', columns: null, reason: 'dropTable', sql: 'DROP TABLE raw' },
          { table: 'log', columns: null, reason: 'deleteRows', sql: 'DELETE FROM log' },
        ],
        unchecked: [{ sql: 'DO $$ BEGIN EXECUTE x; END $$' }],
      },
    ],
  };
  assert.deepEqual(risksFromExecution(result), [
    { table: 'raw', column: null, code: 'DS102', action: 'dropped', rows: null, revision: 'b2' },
    { table: 'log', column: null, code: 'SQL', action: 'rows deleted by raw SQL', rows: null, revision: 'b2' },
  ]);
  const unchecked = uncheckedFromExecution(result);
  assert.deepEqual(unchecked, ['b2: DO $$ BEGIN EXECUTE x; END $$']);
  const text = confirmationText({
    direction: 'upgrade',
    target: 'head',
    steps: [{ revision: 'b2', message: 'raw' }],
    risks: [],
    unchecked,
    database: 'db',
    backup: true,
  });
  assert.match(text.message, /could not check for data loss/);
  assert.match(text.detail, /Not checked \(raw SQL[^\n]*\n• b2: DO \$\$ BEGIN EXECUTE x; END \$\$/);
});

test('on SQLite (no backup tables) the risks carry the rows and non-null values the executor counted in the file', () => {
  const result: ExecutionResult = {
    status: 'dry-run',
    headsBefore: ['a1'],
    headsAfter: ['b2'],
    summary: 'Dry run.',
    steps: [
      {
        revision: 'b2',
        direction: 'up',
        message: 'drop',
        statements: [],
        backups: [],
        atRisk: [{ table: 'user', columns: ['about_me'], reason: 'dropColumn', counted: { rows: 3, values: { about_me: 2 } } }],
      },
    ],
  };
  assert.deepEqual(risksFromExecution(result), [{ table: 'user', column: 'about_me', code: 'DS103', action: 'dropped', rows: 3, values: 2, revision: 'b2' }]);
});
