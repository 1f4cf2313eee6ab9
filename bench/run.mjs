// Runs the benchmarks: every bench/*.ts (or the ones named), each in its own Node process through tsx.
// Speed is measured here, never asserted in tests. Usage: npm run bench [-- name ...]   e.g. npm run bench -- models
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const selected = wanted.length ? all.filter((name) => wanted.includes(name)) : all;
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const name of selected) {
  console.log(`\n== bench/${name}.ts`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`)], { stdio: 'inherit', cwd: path.dirname(here) });
  if (result.status !== 0) {
    failed++;
    console.error(`bench/${name}.ts exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
