// The code stays one a newcomer can live in: no source file over 400 lines (CONVENTIONS.md). A file
// that grows past it is split along a seam; this test names it before review does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LIMIT = 400;
const SOURCE_DIRS = ['client', 'server', 'e2e', 'bench', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'e2e-artifacts']);
const SOURCE = /\.(ts|mjs|cjs|js)$/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(name) || name.startsWith('.')) continue;
    const file = join(dir, name);
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (SOURCE.test(name)) out.push(file);
  }
  return out;
}

test(`no source file is over ${LIMIT} lines`, () => {
  const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))), join(ROOT, 'esbuild.mjs')];
  assert.ok(files.length > 100, `expected the project's sources, found ${files.length} files`);
  const over = files
    .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > LIMIT)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(over, [], `split these files along a seam:\n${over.join('\n')}`);
});
