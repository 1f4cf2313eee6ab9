// Runs every *.test.ts under server/test, client/test and e2e with Node's own test runner (through tsx).
// Usage: node scripts/run-tests.mjs [filter-substring ...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['server/test', 'client/test', 'e2e'];
const filters = process.argv.slice(2);

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) collect(file, out);
    else if (name.endsWith('.test.ts')) out.push(file);
  }
  return out;
}

const files = roots
  .flatMap((root) => collect(root, []))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The end-to-end tests and the grammar test read the cached code-server install: make it (once, cached)
// before any test starts, so no test depends on another having run first. A failure here is reported
// by the tests that need it (skipped with the reason locally, failed under CI=true).
if (files.some((f) => f.startsWith('e2e') || f.includes('grammar'))) {
  const setup = spawnSync('bash', ['scripts/e2e-setup.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (setup.status !== 0) console.error(`run-tests: scripts/e2e-setup.sh exited ${setup.status}; the tests that need code-server will say why`);
}
// Two cores: run two test files at a time. Each file that needs PostgreSQL makes its own database.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
