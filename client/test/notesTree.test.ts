import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNotesGroup } from '../src/model/notesTree';

test('fifty replay notes make one node, worst first, each once, each opening its line', () => {
  const notes = Array.from({ length: 50 }, (_, i) => ({
    message: `op.execute(helper()) cannot be read statically (${i})`,
    severity: 'info' as const,
    uri: `file:///p/migrations/versions/r${String(i).padStart(2, '0')}.py`,
    line: i,
  }));
  notes.push({
    message: 'down_revision names unknown revision ffff',
    severity: 'error' as unknown as 'info',
    uri: 'file:///p/migrations/versions/r07.py',
    line: 3,
  });
  notes.push({ ...notes[0]! }); // the same note twice
  const group = buildNotesGroup('file:///p', notes);
  assert.ok(group);
  assert.equal(group.label, '51 notes');
  assert.equal(group.description, '1 error, 50 notes');
  assert.deepEqual(group.icon, { id: 'error', color: 'list.errorForeground' });
  assert.equal(group.notes.length, 51);
  assert.equal(group.notes[0]?.label, 'down_revision names unknown revision ffff');
  assert.equal(group.notes[0]?.description, 'r07.py:4');
  assert.equal(new Set(group.notes.map((n) => n.id)).size, 51, 'ids are unique');
  assert.equal(group.notes[1]?.uri, 'file:///p/migrations/versions/r00.py');
});

test('no notes, no node; notes without a file say so', () => {
  assert.equal(buildNotesGroup('file:///p', []), null);
  const group = buildNotesGroup('file:///p', [{ message: 'versions folder missing' }]);
  assert.equal(group?.label, '1 note');
  assert.equal(group?.description, 'all warnings');
  assert.equal(group?.notes[0]?.description, 'project');
});

test('a note of a known kind explains it in its tooltip', () => {
  const group = buildNotesGroup('file:///p', [
    { message: 'index "ix" does not exist at this point of the history', severity: 'error', kind: 'replay-conflict', uri: 'file:///p/v/a.py', line: 0 },
  ]);
  const tooltip = group?.notes[0]?.tooltip ?? '';
  assert.match(tooltip, /^a\.py:1: index "ix" does not exist/);
  assert.ok(tooltip.split('\n\n').length === 2, tooltip);
});
