import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../src/model/statusText';

test('status shows the current revision and the pending change count', () => {
  const s = statusText({
    projectName: 'shop',
    current: ['ae1027a6acf0ff'],
    unappliedRevisions: 1,
    pendingChanges: 2,
    findings: 1,
    databaseLabel: 'postgresql://u:***@h/db',
  });
  assert.equal(s.text, '$(database) ae1027a6acf0 · 2 pending');
  assert.equal(s.accessibilityLabel, 'Migration Guard: database ae1027a6acf0, 2 pending changes');
  assert.equal(
    s.tooltip,
    [
      'Migration Guard — shop',
      'Database at ae1027a6acf0ff — postgresql://u:***@h/db',
      '1 revision not applied.',
      '2 model changes not in any migration yet.',
      '1 finding in the models.',
      'Click to open the Migrations view.',
    ].join('\n'),
  );
  assert.equal(s.warning, true);
});

test('no database and an empty database read differently; nothing pending hides the count', () => {
  const none = statusText({ projectName: 'p', current: null, unappliedRevisions: null, pendingChanges: 0, findings: 0, databaseLabel: null });
  assert.equal(none.text, '$(database) no database');
  assert.match(none.tooltip, /No database configured/);
  assert.equal(none.warning, false);
  const empty = statusText({ projectName: 'p', current: [], unappliedRevisions: 3, pendingChanges: 1, findings: 0, databaseLabel: null });
  assert.equal(empty.text, '$(database) base · 1 pending');
  assert.match(empty.tooltip, /3 revisions not applied/);
});

test('a database that refuses the connection reads "cannot connect", with the reason, never "no database"', () => {
  const s = statusText({
    projectName: 'p',
    state: 'cannot-connect',
    current: null,
    reason: 'password authentication failed for user "app"',
    unappliedRevisions: null,
    pendingChanges: 0,
    findings: 0,
    databaseLabel: 'postgresql://app:***@h/db',
  });
  assert.equal(s.text, '$(database) cannot connect');
  assert.match(s.tooltip, /Cannot connect to the database: password authentication failed/);
  assert.equal(s.warning, true);
  const none = statusText({
    projectName: 'p',
    state: 'not-configured',
    current: null,
    unappliedRevisions: null,
    pendingChanges: 0,
    findings: 0,
    databaseLabel: null,
  });
  assert.equal(none.text, '$(database) no database');
});

test('a revision the project does not know is flagged', () => {
  const s = statusText({
    projectName: 'p',
    state: 'connected',
    current: ['ffff0000aaaa'],
    unknownRevisions: ['ffff0000aaaa'],
    unappliedRevisions: 3,
    pendingChanges: 0,
    findings: 0,
    databaseLabel: null,
  });
  assert.equal(s.text, '$(database) ffff0000aaaa (unknown)');
  assert.match(s.tooltip, /no revision file of this project declares/);
});

test('no models found: the tooltip never says the models match the head, and the item warns', () => {
  const s = statusText({
    projectName: 'p',
    current: null,
    unappliedRevisions: null,
    pendingChanges: 0,
    findings: 0,
    modelsNotFound: true,
    databaseLabel: null,
  });
  assert.match(s.tooltip, /No models were found: the models were not compared with the migration head\./);
  assert.doesNotMatch(s.tooltip, /Models match the migration head/);
  assert.equal(s.warning, true);
});
