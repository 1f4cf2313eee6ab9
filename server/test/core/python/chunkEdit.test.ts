// splitAfterEdit (what a keystroke uses: the chunks of the text after one edit, from the chunks
// before it) always equals splitTopLevel of the edited text, for random edits of every fixture's
// Python files that open and close strings, brackets, decorators and classes. MG_FUZZ_SEED replays a run.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readProjectPythonFiles } from '../../../src/core/models';
import { splitAfterEdit, splitTopLevel, type TextChunk } from '../../../src/core/python/chunks';
import { seededRandom } from '../../support/random';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');
const SNIPPETS = [
  '(',
  ')',
  '[',
  '"',
  "'",
  '"""',
  "'''",
  '\\',
  '\n',
  '\n\n',
  '    ',
  '#',
  '@decorator\n',
  'class X:\n',
  'def f():\n',
  'else:\n',
  'x',
  ' = (',
  '',
];

const plain = (chunks: TextChunk[]) => chunks.map((c) => [c.start, c.end, c.row, c.text]);

describe('splitAfterEdit', () => {
  it('equals a split from scratch after every one of many random edits', () => {
    const seed = Number(process.env.MG_FUZZ_SEED ?? 4242);
    const next = seededRandom(seed);
    const files = ['classic', 'inheritance', 'typed', 'package'].flatMap((f) => readProjectPythonFiles(path.join(FIXTURES, f)));
    assert.ok(files.length > 5);
    let edits = 0;
    let resumed = 0;
    for (const file of files) {
      let text = file.text;
      let chunks = splitTopLevel(text);
      for (let round = 0; round < 60; round++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 40)));
        const newText = SNIPPETS[Math.floor(next() * SNIPPETS.length)] as string;
        const edited = text.slice(0, start) + newText + text.slice(end);
        const incremental = splitAfterEdit(chunks, edited, { start, end, newText });
        const fresh = splitTopLevel(edited);
        assert.deepEqual(
          plain(incremental),
          plain(fresh),
          `seed ${seed}, ${path.basename(file.path)} round ${round}: [${start}, ${end}) → ${JSON.stringify(newText)}`,
        );
        if (incremental.length > 0 && incremental[0]?.text === fresh[0]?.text) resumed++;
        text = edited;
        chunks = incremental;
        edits++;
      }
    }
    assert.ok(edits >= 300 && resumed > 0);
  });

  it('keeps the chunks after a keystroke in the middle of a long file, moved by its lines', () => {
    const classes = Array.from({ length: 50 }, (_, i) => `class C${i}(db.Model):\n    id = db.Column(db.Integer)\n\n`).join('');
    const before = splitTopLevel(classes);
    const at = classes.indexOf('class C25');
    const edited = `${classes.slice(0, at)}\n${classes.slice(at)}`;
    const after = splitAfterEdit(before, edited, { start: at, end: at, newText: '\n' });
    assert.deepEqual(plain(after), plain(splitTopLevel(edited)));
    assert.equal(after.at(-1)?.row, (before.at(-1)?.row ?? 0) + 1);
  });
});
