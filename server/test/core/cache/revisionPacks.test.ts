// The revisions' two packs (revision-graph.cache: ids, links, docstrings, file notes; revision-bodies.cache:
// the upgrade/downgrade ops): an edited file, another tool build, a truncated or damaged pack of either
// kind, a graph pack paired with a bodies pack it was not written with, and two processes writing the
// pair at once all end in what a cache-less read gives, and the pair is rebuilt.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NO_CACHE, cacheDirectory, openProjectCache } from '../../../src/core/cache/projectCache';
import { readPack, readPackLink, verifyPack } from '../../../src/core/cache/packFile';
import { SplitPackCache } from '../../../src/core/cache/splitPack';
import { loadHistory } from '../../../src/core/history/load';
import { initPythonParser } from '../../../src/core/python/parser';
import { AlembicProject } from '../history/support/alembicProject';
import { randomHistory } from '../history/support/randomHistory';

const GRAPH = 'revision-graph.cache';
const BODIES = 'revision-bodies.cache';

/** What a history read gives: every revision whole (bodies included) and the graph's order. */
function readAll(root: string, cache = openProjectCache(root)) {
  const history = loadHistory(root, { cache: cache.revisions });
  const value = JSON.parse(JSON.stringify({ revisions: history.revisions, ordered: history.graph.ordered, notes: history.notes })) as unknown;
  cache.flush();
  return value;
}

/** The tool build the graph pack was written for (its header). */
function readToolOf(root: string): string {
  const text = readFileSync(path.join(cacheDirectory(root), GRAPH), 'utf8');
  return (JSON.parse(text.slice(0, text.indexOf('\n'))) as { tool: string }).tool;
}

/** How many revision files a fresh cache object would serve without a parse. */
function served(root: string): number {
  const cache = openProjectCache(root);
  return loadHistory(root).revisions.filter((r) => cache.revisions.has(r.path, readFileSync(r.path, 'utf8'))).length;
}

describe('revision packs: graph and bodies', () => {
  const projects: AlembicProject[] = [];
  const project = (seed: number, length = 40) => {
    const made = new AlembicProject('postgresql://localhost/none');
    made.writeRevisions(randomHistory(seed, length).revisions);
    projects.push(made);
    return made.dir;
  };
  const pack = (root: string, name: string) => path.join(cacheDirectory(root), name);
  before(() => initPythonParser());
  after(() => {
    for (const made of projects) rmSync(made.dir, { recursive: true, force: true });
  });

  it('writes two packs, the graph pack naming the checksum of its bodies pack, and serves every file from them', () => {
    const root = project(3);
    const fresh = readAll(root, openProjectCache(root, { tool: 't' }));
    const bodies = verifyPack(pack(root, BODIES), { kind: 'revision-bodies', tool: 't' });
    assert.ok(bodies);
    assert.equal(readPackLink(pack(root, GRAPH), { kind: 'revision-graph', tool: 't' }), bodies.sha1);
    const graph = readPack(pack(root, GRAPH), { kind: 'revision-graph', tool: 't' });
    assert.ok(graph && graph.size === 40);
    for (const entry of graph.values()) assert.ok(!entry.encoded.includes('"ops"'), 'no body in the graph pack');
    const warm = openProjectCache(root, { tool: 't' });
    assert.deepEqual(readAll(root, warm), fresh);
  });

  it('an edited revision file is parsed again (its new ops are used); the others are still served', () => {
    const root = project(5);
    readAll(root);
    const edited = loadHistory(root).revisions.find((r) => r.upgrade.ops.length > 0);
    assert.ok(edited);
    const text = readFileSync(edited.path, 'utf8');
    writeFileSync(
      edited.path,
      text.replace(
        /def upgrade\(\):\n/,
        "def upgrade():\n    op.create_table('audit_log', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))\n",
      ),
    );
    assert.equal(served(root), 39, 'only the edited file is a miss');
    const warm = readAll(root) as { revisions: { path: string; upgrade: { ops: { kind: string; table?: string }[] } }[] };
    assert.deepEqual(warm, readAll(root, NO_CACHE));
    assert.ok(warm.revisions.find((r) => r.path === edited.path)?.upgrade.ops.some((op) => op.table === 'audit_log'));
    assert.equal(served(root), 40, 'rewritten with the new text');
  });

  it('packs of another tool build are a miss, and both are rewritten for the new one', () => {
    const root = project(6);
    const fresh = readAll(root, openProjectCache(root, { tool: 'old' }));
    const upgraded = openProjectCache(root, { tool: 'new' });
    const one = loadHistory(root).revisions[0];
    assert.ok(one);
    assert.equal(upgraded.revisions.has(one.path, readFileSync(one.path, 'utf8')), false);
    assert.deepEqual(readAll(root, upgraded), fresh);
    assert.equal(verifyPack(pack(root, GRAPH), { kind: 'revision-graph', tool: 'old' }), null);
    assert.ok(verifyPack(pack(root, GRAPH), { kind: 'revision-graph', tool: 'new' }));
    assert.ok(verifyPack(pack(root, BODIES), { kind: 'revision-bodies', tool: 'new' }));
  });

  for (const damaged of [GRAPH, BODIES]) {
    it(`a truncated or changed ${damaged} makes every file a miss (no revision without its body), and the pair is rebuilt`, () => {
      const root = project(7);
      const fresh = readAll(root);
      const file = pack(root, damaged);
      const changeOne = (t: Buffer) => {
        const copy = Buffer.from(t);
        const at = Math.floor(copy.length * 0.75);
        copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
        return copy;
      };
      for (const damage of [(t: Buffer) => t.subarray(0, Math.floor(t.length / 2)), changeOne]) {
        readAll(root);
        writeFileSync(file, damage(readFileSync(file)));
        assert.equal(served(root), 0);
        assert.deepEqual(readAll(root), fresh);
        assert.equal(served(root), 40, 'rebuilt');
      }
    });
  }

  it('a graph pack with a whole bodies pack it was not written with (another state of the files) is a miss', () => {
    const root = project(8);
    readAll(root);
    const bodiesOfFirstState = readFileSync(pack(root, BODIES));
    // Another state of every file: new texts, new graph and bodies packs, each whole.
    for (const revision of loadHistory(root).revisions)
      writeFileSync(revision.path, readFileSync(revision.path, 'utf8').replace(/def downgrade\(\):\n/, 'def downgrade():\n    op.drop_table("extra")\n'));
    const fresh = readAll(root, NO_CACHE);
    readAll(root);
    assert.equal(served(root), 40);
    // The graph pack of these texts beside the whole bodies pack of the first ones (a restored or copied file).
    writeFileSync(pack(root, BODIES), bodiesOfFirstState);
    assert.ok(verifyPack(pack(root, BODIES), { kind: 'revision-bodies', tool: readToolOf(root) }), 'the bodies pack itself is whole');
    assert.equal(served(root), 0, 'not the bodies pack this graph pack was written with');
    assert.deepEqual(readAll(root), fresh);
    assert.equal(served(root), 40, 'rebuilt');
  });

  it('two processes writing the pair at once leave a graph pack and bodies pack from one writer, or a miss', async () => {
    const root = project(9, 2);
    const dir = cacheDirectory(root);
    const packModule = path.resolve(__dirname, '../../../src/core/cache/splitPack.ts');
    const files = (tool: string) => ({
      head: { file: path.join(dir, GRAPH), identity: { kind: 'revision-graph', tool } },
      detail: { file: path.join(dir, BODIES), identity: { kind: 'revision-bodies', tool } },
    });
    const options = { root, fileToken: false, structured: false, lazy: ['upgrade', 'downgrade'] };
    // Same keys and texts from both writers, different values: a mixed pair would pair one writer's heads with the other's bodies.
    const writer = (tag: string) => `
      const { SplitPackCache } = require(${JSON.stringify(packModule)});
      for (let round = 0; round < 40; round++) {
        const cache = new SplitPackCache(${JSON.stringify(files('t'))}, ${JSON.stringify(options)});
        for (let i = 0; i < 300; i++) cache.set('f' + i, 'same text ' + i, { tag: '${tag}' + round, upgrade: { tag: '${tag}' + round, pad: 'x'.repeat(300) }, downgrade: { i } });
        if (!cache.flush()) throw new Error('write failed');
      }`;
    const run = (tag: string) =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, ['--import', 'tsx', '-e', writer(tag)], { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', resolve),
      );
    const racing = Promise.all([run('a'), run('b')]);
    let done = false;
    void racing.then(() => (done = true));
    let whole = 0;
    while (!done) {
      const reader = new SplitPackCache<{ tag: string; upgrade: { tag: string } }>(files('t'), options);
      const values = Array.from({ length: 300 }, (_, i) => reader.get(`f${i}`, `same text ${i}`));
      if (values.every((v) => v !== undefined)) {
        const tags = new Set(values.flatMap((v) => [v?.tag, v?.upgrade.tag]));
        assert.equal(tags.size, 1, `one writer's pair: ${[...tags].join(', ')}`);
        whole++;
      } else
        assert.ok(
          values.every((v) => v === undefined),
          'all or nothing',
        );
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await racing, [0, 0]);
    // The last two renames may come from different writers: then a miss, and the next write makes a whole pair.
    const last = new SplitPackCache<{ tag: string; upgrade: { tag: string } }>(files('t'), options);
    const final = last.get('f0', 'same text 0');
    if (final) assert.equal(final.upgrade.tag, final.tag);
    else {
      last.set('f0', 'same text 0', { tag: 'c', upgrade: { tag: 'c' } });
      assert.ok(last.flush());
      assert.equal(new SplitPackCache<{ tag: string; upgrade: { tag: string } }>(files('t'), options).get('f0', 'same text 0')?.upgrade.tag, 'c');
    }
    process.stdout.write(`# whole pairs read during the race: ${whole}\n`);
  });
});
