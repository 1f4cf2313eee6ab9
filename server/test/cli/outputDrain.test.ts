// The bundled CLI hands every byte to a pipe before it exits: `sql DIR | psql` must never run a
// script cut at the pipe's 64 KiB buffer (process.exit() right after the write used to drop the rest).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sqlCommand } from '../../src/cli/commands/sql';
import { initPythonParser } from '../../src/core/python/parser';
import { runVerb } from '../db/cliRun';
import { revisionText } from '../core/history/support/alembicProject';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

/** Runs the bundled CLI with its stdout piped into a separate reader process; resolves with what the reader received. */
function pipeThroughChild(args: string[]): Promise<{ code: number | null; bytes: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const cli = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is another process, as `| psql` or `| wc -c` would be: it copies stdin to its stdout.
    const reader = spawn(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { stdio: ['pipe', 'pipe', 'inherit'] });
    cli.stdout.pipe(reader.stdin);
    let stderr = '';
    cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (d: Buffer) => chunks.push(d));
    let cliCode: number | null = null;
    cli.on('error', reject);
    cli.on('close', (code) => (cliCode = code));
    reader.on('close', () => resolve({ code: cliCode, bytes: Buffer.concat(chunks), stderr }));
  });
}

describe('cli: output is never truncated', () => {
  let dir = '';

  before(async () => {
    await initPythonParser();
    dir = mkdtempSync(path.join(tmpdir(), 'mg-drain-'));
    const versions = path.join(dir, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    writeFileSync(path.join(dir, 'migrations', 'env.py'), '');
    // Ten revisions of raw SQL, about 120 KB each: more than a megabyte of `sql` output.
    let down: string | null = null;
    for (let r = 0; r < 10; r++) {
      const id = `a${String(r).padStart(11, '0')}`;
      const values = Array.from({ length: 3000 }, (_, i) => `(${i}, 'row ${r}-${i} padding padding')`).join(', ');
      writeFileSync(
        path.join(versions, `${id}.py`),
        revisionText({ id, down, up: [`op.execute("INSERT INTO big (id, label) VALUES ${values}")`], downgrade: [] }),
      );
      down = id;
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pipes a 1 MB `sql` output through a child process byte for byte', async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" (npm test does)');
    const expected = await runVerb(sqlCommand, [dir, 'head']);
    assert.equal(expected.code, 0, expected.err);
    const expectedBytes = Buffer.from(expected.out);
    assert.ok(expectedBytes.length > 1_000_000, `the output is only ${expectedBytes.length} bytes`);
    const piped = await pipeThroughChild(['sql', dir, 'head']);
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.bytes.length, expectedBytes.length);
    const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
    assert.equal(md5(piped.bytes), md5(expectedBytes));
  });
});
