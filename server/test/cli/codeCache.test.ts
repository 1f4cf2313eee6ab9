// The launcher's V8 code cache (cli/launch/codeCache.ts): used only for the exact bundle text, Node
// version and verb it was written for and only when its checksum holds; a stale, truncated or corrupt
// file, a folder others may write, or two processes writing at once never change what a run prints.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CODE_CACHE_ENV, compileWithCodeCache, defaultCodeCacheDir, readCodeCache } from '../../src/cli/launch/codeCache';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURE = path.join(ROOT, 'test-fixtures', 'classic');

const temporary: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `mg-v8cache-${name}-`));
  temporary.push(dir);
  return dir;
};

/** A bundle that returns a value from a few functions (so the cache holds more than the top level). */
function writeBundle(dir: string, value: string): string {
  const file = path.join(dir, 'bundle.js');
  writeFileSync(
    file,
    `#!/usr/bin/env node\nfunction word() { return ${JSON.stringify(value)}; }\nmodule.exports = () => [1, 2, 3].map(() => word()).join('');\n`,
  );
  return file;
}

/** Compiles and runs the bundle as the launcher does; its status and the value it returned. */
function load(file: string, cacheDir: string | null, verb = 'schema') {
  const compiled = compileWithCodeCache(file, cacheDir, verb);
  const module = { exports: {} as unknown };
  compiled.wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file));
  return { compiled, value: (module.exports as () => string)() };
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8'));

function cli(cacheDir: string, ...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" (npm test does)');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', [CODE_CACHE_ENV]: cacheDir } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('V8 code cache of the CLI bundle', () => {
  after(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it('the first run writes it, the next uses it, and both run the same code', () => {
    const dir = tempDir('roundtrip');
    const cacheDir = path.join(dir, 'cache');
    const file = writeBundle(dir, 'a');
    const first = load(file, cacheDir);
    assert.equal(first.compiled.status, 'miss');
    assert.equal(first.value, 'aaa');
    assert.equal(first.compiled.save(), true);
    assert.equal(cacheFiles(cacheDir).length, 1);
    assert.equal(statSync(cacheDir).mode & 0o077, 0, 'the folder is closed to others');
    const second = load(file, cacheDir);
    assert.equal(second.compiled.status, 'hit');
    assert.equal(second.value, 'aaa');
    assert.equal(second.compiled.save(), false, 'a hit writes nothing');
    // Each verb has its own file (they compile different parts of the bundle).
    assert.equal(load(file, cacheDir, 'check').compiled.status, 'miss');
  });

  it('an edited bundle of the same length is a miss and runs its new code', () => {
    const dir = tempDir('edited');
    const cacheDir = path.join(dir, 'cache');
    const file = writeBundle(dir, 'a');
    load(file, cacheDir).compiled.save();
    writeBundle(dir, 'b'); // same byte length: V8 itself would only compare lengths
    const edited = load(file, cacheDir);
    assert.equal(edited.compiled.status, 'miss');
    assert.equal(edited.value, 'bbb');
    edited.compiled.save();
    assert.equal(load(file, cacheDir).compiled.status, 'hit');
  });

  it('a truncated or changed cache file, or one for another Node, is never handed to V8', () => {
    const dir = tempDir('corrupt');
    const cacheDir = path.join(dir, 'cache');
    const file = writeBundle(dir, 'a');
    load(file, cacheDir).compiled.save();
    const cacheFile = path.join(cacheDir, cacheFiles(cacheDir)[0] as string);
    const whole = readFileSync(cacheFile);
    const sourceHash = (JSON.parse(whole.toString('utf8', 0, whole.indexOf(0x0a))) as { source: string }).source;
    assert.ok(readCodeCache(cacheFile, sourceHash), 'the written file reads back');

    const damaged = (bytes: Buffer) => {
      writeFileSync(cacheFile, bytes, { mode: 0o600 });
      assert.equal(readCodeCache(cacheFile, sourceHash), null);
      const run = load(file, cacheDir);
      assert.equal(run.compiled.status, 'miss');
      assert.equal(run.value, 'aaa');
      assert.equal(run.compiled.save(), true, 'rewritten');
      assert.equal(load(file, cacheDir).compiled.status, 'hit');
    };
    damaged(whole.subarray(0, whole.length - 10));
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] as number) ^ 0xff;
    damaged(flipped);
    damaged(Buffer.from(whole.toString('latin1').replace(process.version, 'v0.0.0'), 'latin1'));
    damaged(Buffer.from('not a cache\n'));
  });

  it('a folder or file that others may write is not used', { skip: process.platform === 'win32' ? 'POSIX permissions' : false }, () => {
    const dir = tempDir('open');
    const cacheDir = path.join(dir, 'cache');
    const file = writeBundle(dir, 'a');
    load(file, cacheDir).compiled.save();
    const cacheFile = path.join(cacheDir, cacheFiles(cacheDir)[0] as string);
    chmodSync(cacheFile, 0o666);
    assert.equal(load(file, cacheDir).compiled.status, 'miss');
    chmodSync(cacheFile, 0o600);
    assert.equal(load(file, cacheDir).compiled.status, 'hit');
    chmodSync(cacheDir, 0o777);
    const open = load(file, cacheDir);
    assert.equal(open.compiled.status, 'off');
    assert.equal(open.value, 'aaa');
    assert.equal(open.compiled.save(), false);
  });

  it('writing removes files of other bundles not written for a day, and keeps the rest', () => {
    const dir = tempDir('prune');
    const cacheDir = path.join(dir, 'cache');
    const file = writeBundle(dir, 'a');
    load(file, cacheDir, 'check').compiled.save();
    const old = path.join(cacheDir, '0123456789abcdef0123-v20.0.0-x64-schema.v8');
    const recent = path.join(cacheDir, 'fedcba98765432100123-v20.0.0-x64-schema.v8');
    const notOurs = path.join(cacheDir, 'notes.txt');
    for (const other of [old, recent, notOurs]) writeFileSync(other, 'x', { mode: 0o600 });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(notOurs, twoDaysAgo, twoDaysAgo);
    load(file, cacheDir, 'schema').compiled.save();
    assert.equal(existsSync(old), false);
    assert.equal(existsSync(recent), true);
    assert.equal(existsSync(notOurs), true);
    assert.equal(cacheFiles(cacheDir).filter((name) => !name.startsWith('fedcba')).length, 2, "this bundle's check and schema files stay");
  });

  it('no usable folder: the bundle runs without a cache', () => {
    const dir = tempDir('nofolder');
    const file = writeBundle(dir, 'a');
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    for (const cacheDir of [null, path.join(blocked, 'cache')]) {
      const run = load(file, cacheDir);
      assert.equal(run.compiled.status, 'off');
      assert.equal(run.value, 'aaa');
      assert.equal(run.compiled.save(), false);
    }
    assert.equal(defaultCodeCacheDir({ [CODE_CACHE_ENV]: 'off' }), null);
    assert.equal(defaultCodeCacheDir({ [CODE_CACHE_ENV]: dir }), dir);
  });

  it('the bundled CLI prints the same without a cache, writing it, and using it', () => {
    const project = tempDir('cli');
    cpSync(FIXTURE, project, { recursive: true });
    const cacheDir = path.join(tempDir('cli-cache'), 'v8');
    const args = ['schema', project, '--from', 'migrations', '--no-cache'];
    const uncached = cli('off', ...args);
    assert.equal(uncached.code, 0, uncached.err);
    assert.deepEqual(cli(cacheDir, ...args), uncached);
    const [written] = cacheFiles(cacheDir);
    assert.match(written ?? '', /-schema\.v8$/);
    const inode = statSync(path.join(cacheDir, written as string)).ino;
    assert.deepEqual(cli(cacheDir, ...args), uncached);
    assert.equal(statSync(path.join(cacheDir, written as string)).ino, inode, 'the second run used the file and did not write it again');
  });

  it('two CLI processes writing the cache at once leave one whole file', async () => {
    const project = tempDir('race');
    cpSync(FIXTURE, project, { recursive: true });
    const cacheDir = path.join(tempDir('race-cache'), 'v8');
    const args = ['heads', project, '--no-cache'];
    const expected = cli('off', ...args);
    const runAt = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', [CODE_CACHE_ENV]: cacheDir } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => (code === expected.code ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const outputs = await Promise.all([runAt(), runAt(), runAt(), runAt()]);
    for (const out of outputs) assert.equal(out, expected.out);
    assert.deepEqual(
      readdirSync(cacheDir).filter((name) => name.endsWith('.tmp')),
      [],
    );
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1);
    const cacheFile = path.join(cacheDir, files[0] as string);
    const whole = readFileSync(cacheFile);
    const sourceHash = (JSON.parse(whole.toString('utf8', 0, whole.indexOf(0x0a))) as { source: string }).source;
    assert.ok(readCodeCache(cacheFile, sourceHash), 'the surviving file is one writer whole file');
    const inode = statSync(cacheFile).ino;
    assert.deepEqual(cli(cacheDir, ...args), expected);
    assert.equal(statSync(cacheFile).ino, inode, 'and the next run uses it');
  });
});
