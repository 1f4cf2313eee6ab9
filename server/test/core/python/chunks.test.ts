// Top-level chunks: each class or function with its decorators on its own, runs of other statements
// together, compound statements kept whole, and an unclosed bracket cut off at the next class.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitTopLevel } from '../../../src/core/python/chunks';

function firstLines(text: string): string[] {
  const chunks = splitTopLevel(text);
  // Chunks cover the text exactly, in order, each starting at a line start.
  assert.equal(chunks.map((c) => c.text).join(''), text);
  for (const chunk of chunks) {
    assert.equal(text.slice(chunk.start, chunk.end), chunk.text);
    assert.equal(text.slice(0, chunk.start).split('\n').length - 1, chunk.row);
    assert.ok(chunk.start === 0 || text[chunk.start - 1] === '\n');
  }
  return chunks.map((c) => c.text.split('\n')[0] as string);
}

describe('splitTopLevel', () => {
  it('puts each class and function on its own, and groups the statements between them', () => {
    const text = [
      'import sqlalchemy as sa',
      'db = 1',
      '',
      'class A:',
      '    x = 1',
      '',
      '# a comment',
      '',
      'def f():',
      '    return 1',
      'y = 2',
      'z = 3',
      '',
    ].join('\n');
    assert.deepEqual(firstLines(text), ['import sqlalchemy as sa', 'class A:', 'def f():', 'y = 2']);
  });

  it('keeps decorators, else/except branches, closing brackets and continuations with their statement', () => {
    const text = [
      '@decorator(',
      '    arg=1,',
      ')',
      '@other',
      'class A:',
      '    pass',
      'try:',
      '    import x',
      'except ImportError:',
      '    x = None',
      'finally:',
      '    pass',
      'if a:',
      '    b = 1',
      'elif c:',
      '    b = 2',
      'else:',
      '    b = 3',
      'value = (',
      '1,',
      ')',
      'other = 1 + \\',
      'class_ = 2',
      '',
    ].join('\n');
    assert.deepEqual(firstLines(text), ['@decorator(', 'try:']);
  });

  it('ignores what looks like code inside strings and comments', () => {
    const text = ['class A:', '    """', 'class NotAClass:', '    """', '    s = "(" # (', "    t = '['", 'class B:', '    pass', ''].join('\n');
    assert.deepEqual(firstLines(text), ['class A:', 'class B:']);
  });

  it('cuts an unclosed bracket off at the next class, def or import', () => {
    const text = ['class A:', '    x = Column(', '', 'class B:', '    y = 1', 'settings = dict(', 'def f():', '    pass', 'import os', ''].join('\n');
    assert.deepEqual(firstLines(text), ['class A:', 'class B:', 'settings = dict(', 'def f():', 'import os']);
  });

  it('splits a 50,000-line file with an unclosed bracket near the top into its classes', () => {
    const lines = ['x = foo('];
    for (let i = 0; i < 2500; i++) lines.push(`class T${i}:`, ...Array.from({ length: 19 }, (_, c) => `    c${c} = Column(String(${c}))`));
    const chunks = splitTopLevel(lines.join('\n'));
    assert.equal(chunks.length, 2501);
  });

  it('handles empty text and text without a final newline', () => {
    assert.deepEqual(splitTopLevel(''), []);
    assert.deepEqual(firstLines('class A:\n    pass'), ['class A:']);
  });
});
