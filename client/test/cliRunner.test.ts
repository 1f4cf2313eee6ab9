// runCli starts a real Node child: the URL travels in its environment (never its argv), stderr lines
// stream as they come, and aborting kills the child promptly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonOutput, runCli, runCliQueued } from '../src/db/cliRunner';

const dir = mkdtempSync(join(tmpdir(), 'mg-cli-runner-'));
const echo = join(dir, 'echo.js');
writeFileSync(
  echo,
  [
    "process.stderr.write('step one\\nstep two\\n');",
    'console.log(JSON.stringify({ argv: process.argv.slice(2), url: process.env.DATABASE_URL ?? null, cwd: process.cwd() }));',
  ].join('\n'),
);
const sleeper = join(dir, 'sleep.js');
// A child that runs until it is killed: the test proves that aborting ends it.
writeFileSync(sleeper, "process.stderr.write('started\\n'); setInterval(() => {}, 1000);");

test('the database URL goes through the environment, not the command line', async () => {
  const lines: string[] = [];
  const url = 'postgresql://app:s3cret@db:5432/shop';
  const result = await runCli({ cliPath: echo, args: ['upgrade', '.', 'head'], cwd: dir, databaseUrl: url, onStderrLine: (l) => lines.push(l) });
  assert.equal(result.exitCode, 0);
  const out = parseJsonOutput(result.stdout) as { argv: string[]; url: string; cwd: string };
  assert.deepEqual(out.argv, ['upgrade', '.', 'head']);
  assert.equal(out.url, url);
  assert.ok(!out.argv.join(' ').includes('s3cret'));
  assert.deepEqual(lines, ['step one', 'step two']);
});

test('"embedded" is passed as --database-url embedded', async () => {
  const result = await runCli({ cliPath: echo, args: ['current', '.'], cwd: dir, databaseUrl: 'embedded' });
  const out = parseJsonOutput(result.stdout) as { argv: string[]; url: string | null };
  assert.deepEqual(out.argv, ['current', '.', '--database-url', 'embedded']);
  assert.notEqual(out.url, 'embedded');
});

test('a project of another alembic.ini section (id ending in #SECTION) runs with --name SECTION right after the verb', async () => {
  const project = 'file:///work/shop#analytics%20db';
  const result = await runCli({ cliPath: echo, args: ['upgrade', '.', '--', 'head'], cwd: dir, project });
  assert.deepEqual((parseJsonOutput(result.stdout) as { argv: string[] }).argv, ['upgrade', '--name', 'analytics db', '.', '--', 'head']);
  const plain = await runCli({ cliPath: echo, args: ['current', '.'], cwd: dir, project: 'file:///work/shop' });
  assert.deepEqual((parseJsonOutput(plain.stdout) as { argv: string[] }).argv, ['current', '.']);
});

test('aborting kills the child and reports the run as cancelled', async () => {
  const abort = new AbortController();
  const started = Date.now();
  const run = runCli({ cliPath: sleeper, args: [], cwd: dir, signal: abort.signal, onStderrLine: () => abort.abort() });
  const result = await run;
  assert.equal(result.cancelled, true);
  assert.notEqual(result.exitCode, 0);
  assert.ok(Date.now() - started < 30_000);
});

test('JSON output is found even after progress lines', () => {
  assert.deepEqual(parseJsonOutput('Database: x\n{"status":"applied"}\n'), { status: 'applied' });
  assert.deepEqual(parseJsonOutput('{\n  "a": 1\n}\n'), { a: 1 });
  assert.equal(parseJsonOutput(''), undefined);
  assert.equal(parseJsonOutput('no json here'), undefined);
});

test('queued runs for one project never overlap', async () => {
  const stamp = join(dir, 'stamp.js');
  writeFileSync(stamp, 'const t0 = Date.now(); setTimeout(() => { console.log(JSON.stringify({ t0, t1: Date.now() })); }, 300);');
  const other = mkdtempSync(join(tmpdir(), 'mg-cli-runner-other-'));
  const runs = await Promise.all([
    runCliQueued({ cliPath: stamp, args: [], cwd: dir }),
    runCliQueued({ cliPath: stamp, args: [], cwd: dir }),
    runCliQueued({ cliPath: stamp, args: [], cwd: other }),
  ]);
  const [a, b, c] = runs.map((r) => parseJsonOutput(r.stdout) as { t0: number; t1: number });
  assert.ok(a && b && c);
  assert.ok(b.t0 >= a.t1, `second run started ${b.t0 - a.t1} ms before the first ended`);
  assert.equal(runs[2]?.exitCode, 0, 'a run for another project has its own queue');
});
