import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationText, describeRisk, rowsAtRisk, type MovePlan } from '../src/model/confirmation';

const plan: MovePlan = {
  direction: 'upgrade',
  target: 'head',
  steps: [
    { revision: 'b2', message: 'drop email' },
    { revision: 'c3', message: null },
  ],
  risks: [
    { table: 'user', column: 'email', code: 'DS103', action: 'dropped', rows: 1250, values: 1200, revision: 'b2' },
    { table: 'audit_log', column: null, code: 'DS102', action: 'dropped', rows: 3 },
  ],
  database: 'postgresql://app:***@db:5432/shop',
  backup: true,
};

test('the confirmation names every table and column at risk with its row counts', () => {
  const text = confirmationText(plan);
  assert.equal(text.message, 'Upgrade to head destroys data: 1,203 rows in 1 table and 1 column.');
  assert.equal(text.confirmLabel, 'Upgrade and Drop Data');
  assert.equal(
    text.detail,
    [
      'Database: postgresql://app:***@db:5432/shop',
      'Runs 2 revisions: b2 (drop email) → c3',
      '',
      'Data at risk:',
      '• column user.email dropped in b2 (1,250 rows, 1,200 non-null values) [DS103]',
      '• table audit_log dropped (3 rows) [DS102]',
      '',
      'A backup of these tables and columns is copied into the schema migration_guard_backup first; the output shows how to restore it.',
    ].join('\n'),
  );
});

test('without a backup the dialog says the move cannot be undone', () => {
  const text = confirmationText({ ...plan, direction: 'downgrade', target: '-1', backup: false, steps: [] });
  assert.equal(text.confirmLabel, 'Downgrade and Drop Data');
  assert.match(text.message, /^Downgrade to -1 destroys data/);
  assert.match(text.detail, /Backup is turned off \(migrationGuard\.backupBeforeDestructive\): this cannot be undone\.$/);
  assert.doesNotMatch(text.detail, /Runs/);
});

test('unknown row counts are said plainly instead of guessed', () => {
  const risks = [{ table: 't', column: 'c', code: 'MF105', action: 'narrowed to character varying(20)', rows: null }];
  assert.equal(rowsAtRisk(risks), null);
  assert.equal(describeRisk(risks[0]!), 'column t.c narrowed to character varying(20) (row count unknown) [MF105]');
  assert.equal(confirmationText({ ...plan, risks }).message, 'Upgrade to head destroys data in 1 column.');
});

test('rows are counted once per table and singular forms read right', () => {
  assert.equal(
    rowsAtRisk([
      { table: 'user', column: 'a', code: 'DS103', action: 'dropped', rows: 10, values: 4 },
      { table: 'user', column: 'b', code: 'DS103', action: 'dropped', rows: 10, values: 9 },
      { table: 'team', column: null, code: 'DS102', action: 'dropped', rows: 1 },
    ]),
    10,
  );
  assert.equal(describeRisk({ table: 'team', column: null, code: 'DS102', action: 'dropped', rows: 1 }), 'table team dropped (1 row) [DS102]');
});

test('on SQLite the dialog says the file is copied next to itself, never migration_guard_backup', () => {
  const text = confirmationText({ ...plan, sqliteFile: '/home/ada/blog/app.db' });
  assert.match(
    text.detail,
    /The database file is copied next to itself first \(app\.db\.migration-guard-<revision>-<time>\.bak\); Restore from Backup puts back one column or the whole file\./,
  );
  assert.doesNotMatch(text.detail, /migration_guard_backup/);
});
