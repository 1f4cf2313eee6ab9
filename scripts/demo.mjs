// `npm run demo`: the main job on a test fixture, step by step, with the real bundled CLI.
// Each step is one entry in STEPS; later issues append theirs (check, revision, upgrade …).
// Usage: node scripts/demo.mjs [fixture]   (default: test-fixtures/classic)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fixture = path.join(root, process.argv[2] ?? 'test-fixtures/classic');
const cli = path.join(root, 'dist', 'cli.js');
const relative = (p) => path.relative(root, p) || '.';

/** Runs a command, echoing it; stops the demo when it fails. */
function run(title, command, args, { allowExit = [0] } = {}) {
  console.log(`\n▶ ${title}\n$ ${[command === process.execPath ? 'node' : command, ...args.map((a) => (a.startsWith(root) ? relative(a) : a))].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: process.env });
  if (!allowExit.includes(result.status ?? -1)) {
    console.error(`\n✖ "${title}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return result.status;
}

const STEPS = [
  () => run('Build the extension, the language server and the CLI', process.execPath, [path.join(root, 'esbuild.mjs')]),
  () => run('The schema the model files describe (read with tree-sitter: no Python, no database)', process.execPath, [cli, 'schema', fixture, '--from', 'models', '--format', 'json']),
];

for (const step of STEPS) step();
console.log('\n✔ demo finished');
