// The persistent cache (.migration-guard/cache/): values read back equal what a fresh parse gives,
// and nothing stale is ever trusted: an edited file, another tool build, a truncated or corrupt
// pack, and two processes writing at once all end in the result a cache-less run gives.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NO_CACHE, cacheDirectory, openProjectCache } from '../../../src/core/cache/projectCache';
import { readPack } from '../../../src/core/cache/packFile';
import { useLocale } from '../../../src/core/locale';
import { loadHistory, revisionCached } from '../../../src/core/history/load';
import { replayDialectOf } from '../../../src/core/history/replay/dialect';
import { projectDialect } from '../../../src/core/project/database';
import { ProjectAnalysis, type ProjectOptions } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { ModelCache } from '../../../src/core/project/modelCache';
import { readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { schemaToJson } from '../../../src/core/schema/json';
import { AlembicProject } from '../history/support/alembicProject';
import { randomHistory } from '../history/support/randomHistory';
import { plainRanges } from '../../support/plainRanges';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');
// `uninitialized` has no migrations/ yet, and no cache is kept for it (cli/uninitialized.test.ts says so).
const FIXTURE_NAMES = readdirSync(FIXTURES).filter((name) => statSync(path.join(FIXTURES, name)).isDirectory() && name !== 'uninitialized');

const readFile = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** A copy of a fixture without any cache of its own. */
function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mg-cache-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
  return dir;
}

/** What a user sees of an analysis: findings, changes, notes and the two schemas. */
function outcome(root: string, options: Partial<ProjectOptions> = {}) {
  const [location] = discoverProjects(root);
  assert.ok(location, `a project at ${root}`);
  const analysis = new ProjectAnalysis(location, { readFile, ...options });
  const result = analysis.result();
  options.cache?.flush();
  return JSON.parse(
    JSON.stringify({
      findings: result.findings,
      changes: result.changes,
      notes: result.notes,
      graphNotes: result.graphNotes,
      heads: result.heads,
      models: schemaToJson(result.modelSchema.schema),
      head: schemaToJson(result.headSchema),
      revisions: result.revisions,
    }),
  ) as unknown;
}

/** The tool identity a pack was written for (its header). */
function readToolOf(root: string, name: string): string {
  const text = readFileSync(path.join(cacheDirectory(root), `${name}.cache`), 'utf8');
  return (JSON.parse(text.slice(0, text.indexOf('\n'))) as { tool: string }).tool;
}

describe('persistent cache', () => {
  const dirs: string[] = [];
  const temp = (dir: string) => (dirs.push(dir), dir);
  before(() => initPythonParser());
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of FIXTURE_NAMES) {
    it(`${name}: cold, warm and cache-less analyses agree, and warm reads parse nothing`, () => {
      const root = temp(copyFixture(name));
      const fresh = outcome(root, { cache: NO_CACHE });
      const cold = outcome(root, { cache: openProjectCache(root) });
      assert.ok(existsSync(path.join(cacheDirectory(root), 'revision-graph.cache')));
      assert.ok(existsSync(path.join(cacheDirectory(root), 'revision-bodies.cache')));
      assert.ok(existsSync(path.join(cacheDirectory(root), 'models.cache')));
      const warmCache = openProjectCache(root);
      const warm = outcome(root, { cache: warmCache });
      assert.deepEqual(cold, fresh);
      assert.deepEqual(warm, fresh);
      // Every file came from the cache: a fresh cache object says so without a parse.
      const [location] = discoverProjects(root);
      const files = readProjectPythonFiles(root).filter((f) => !f.path.includes(`${path.sep}migrations${path.sep}`));
      assert.ok(
        files.some((f) => warmCache.models.has(f.path, f.text)),
        'model files are cached',
      );
      // Under the reading for the project's dialect (a SQLite project's dialect tests are read for SQLite)
      // and the models' naming convention (it names what revisions leave unnamed).
      assert.ok(location);
      const convention = new ProjectAnalysis(location, { readFile, cache: NO_CACHE }).namingConvention() ?? undefined;
      for (const revision of loadHistory(location.root).revisions)
        assert.ok(
          revisionCached(revision.path, readFile(revision.path) ?? '', warmCache.revisions, replayDialectOf(projectDialect(root)), convention),
          `${revision.path} is cached`,
        );
    });
  }

  it('revisions read back from the cache are deep-equal to a fresh parse (random history of 300)', () => {
    const project = new AlembicProject('postgresql://localhost/none');
    temp(project.dir);
    project.writeRevisions(randomHistory(11, 300).revisions);
    const fresh = loadHistory(project.dir);
    const cache = openProjectCache(project.dir);
    loadHistory(project.dir, { cache: cache.revisions });
    cache.flush();
    const again = openProjectCache(project.dir);
    const cached = loadHistory(project.dir, { cache: again.revisions });
    assert.deepStrictEqual(plainRanges(cached.revisions), plainRanges(fresh.revisions));
    assert.deepStrictEqual(plainRanges(cached.graph.ordered), plainRanges(fresh.graph.ordered));
    for (const revision of fresh.revisions) assert.ok(again.revisions.has(revision.path, readFileSync(revision.path, 'utf8')));
  });

  it('model facts read back from the cache give the same model schema, and an edit after a cached read parses in full', () => {
    const root = temp(copyFixture('classic'));
    const files = readProjectPythonFiles(root);
    const plain = new ModelCache(root);
    for (const file of files) plain.set(file.path, file.text);
    const cache = openProjectCache(root);
    const writer = new ModelCache(root, cache);
    for (const file of files) writer.set(file.path, file.text);
    cache.flush();
    const reader = new ModelCache(root, openProjectCache(root));
    for (const file of files) assert.equal(reader.needsParse(file.path, file.text), false);
    for (const file of files) reader.set(file.path, file.text);
    assert.deepStrictEqual(schemaToJson(reader.schema().schema), schemaToJson(plain.schema().schema));
    assert.deepStrictEqual(plainRanges(reader.schema().sources), plainRanges(plain.schema().sources));
    assert.deepStrictEqual(plainRanges(reader.schema().notes), plainRanges(plain.schema().notes));
    // The first keystroke in a file known only from the cache: no tree yet, so it is parsed whole.
    const models = files.find((f) => f.text.includes('class User'));
    assert.ok(models);
    const at = models.text.indexOf('class User');
    const insert = { start: at, end: at, newText: 'class Extra(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\n' };
    reader.apply(models.path, insert);
    plain.apply(models.path, insert);
    assert.deepStrictEqual(schemaToJson(reader.schema().schema), schemaToJson(plain.schema().schema));
    assert.ok(reader.schema().schema.tables.extra);
    for (const c of [plain, writer, reader]) c.dispose();
  });

  it('an edited model or revision file is read again, never taken from the cache', () => {
    const root = temp(copyFixture('classic'));
    outcome(root, { cache: openProjectCache(root) });
    const modelFile = readProjectPythonFiles(root).find((f) => f.text.includes('class User'));
    assert.ok(modelFile);
    writeFileSync(
      modelFile.path,
      modelFile.text.replace('class User', 'class Member(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\nclass User'),
    );
    const [location] = discoverProjects(root);
    const revisionFile = loadHistory(location?.root ?? root).revisions.find((r) => r.upgrade.ops.length > 0);
    assert.ok(revisionFile);
    const revisionText = readFileSync(revisionFile.path, 'utf8');
    writeFileSync(
      revisionFile.path,
      revisionText.replace(
        /def upgrade\(\):\n/,
        "def upgrade():\n    op.create_table('audit_log', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))\n",
      ),
    );
    const warm = outcome(root, { cache: openProjectCache(root) }) as { models: { tables: Record<string, unknown> }; head: { tables: Record<string, unknown> } };
    assert.ok(warm.models.tables.member, 'the new model is seen');
    assert.ok(warm.head.tables.audit_log, 'the edited revision is replayed again');
    assert.deepEqual(warm, outcome(root, { cache: NO_CACHE }));
  });

  it('a replay that took a table from the models is replayed again when that model changes, and reused when another does', () => {
    const root = temp(copyFixture('stamped-create-all'));
    const cache = openProjectCache(root);
    const first = outcome(root, { cache }) as { head: { tables: Record<string, { columns: Record<string, unknown> }> } };
    assert.ok(first.head.tables.user, 'user is baselined from the models');
    const models = path.join(root, 'models.py');
    const text = readFileSync(models, 'utf8');
    writeFileSync(
      models,
      text.replace(
        '    name = db.Column(db.String(80), nullable=False)\n',
        '    name = db.Column(db.String(80), nullable=False)\n    nickname = db.Column(db.String(40))\n',
      ),
    );
    const edited = outcome(root, { cache: openProjectCache(root) }) as typeof first;
    assert.deepEqual(edited, outcome(root, { cache: NO_CACHE }));
    assert.ok(edited.head.tables.user?.columns.nickname, 'the new baseline is used');
    // A model no revision relies on: the cached replay stays valid (and the result is still the fresh one).
    writeFileSync(models, `${readFileSync(models, 'utf8')}\n\nclass Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n`);
    const probe = openProjectCache(root);
    const [location] = discoverProjects(root);
    assert.ok(location);
    assert.deepEqual(outcome(root, { cache: probe }), outcome(root, { cache: NO_CACHE }));
  });

  it('notes are kept per language: a Spanish run and an English run never serve each other their notes', () => {
    const root = temp(copyFixture('classic'));
    const [location] = discoverProjects(root);
    const revision = loadHistory(location?.root ?? root).revisions.find((r) => r.upgrade.ops.length > 0);
    assert.ok(revision);
    writeFileSync(revision.path, readFileSync(revision.path, 'utf8').replace(/def upgrade\(\):\n/, 'def upgrade():\n    op.execute(some_sql())\n'));
    const noteMessages = (value: unknown) =>
      (value as { revisions: { upgrade: { notes: { message: string }[] } }[] }).revisions.flatMap((r) => r.upgrade.notes.map((n) => n.message));
    try {
      useLocale('es');
      const spanish = outcome(root, { cache: openProjectCache(root) });
      assert.ok(
        noteMessages(spanish).some((m) => m.startsWith('op.execute con una expresión de SQLAlchemy')),
        JSON.stringify(noteMessages(spanish)),
      );
      assert.ok(existsSync(path.join(cacheDirectory(root), 'revision-graph.es.cache')));
      useLocale('en');
      const english = outcome(root, { cache: openProjectCache(root) });
      assert.ok(
        noteMessages(english).some((m) => m.startsWith('op.execute with a SQLAlchemy expression')),
        JSON.stringify(noteMessages(english)),
      );
      assert.deepEqual(english, outcome(root, { cache: NO_CACHE }));
      useLocale('es');
      assert.deepEqual(outcome(root, { cache: openProjectCache(root) }), spanish, 'the Spanish packs are still there, warm');
    } finally {
      useLocale('en');
    }
  });

  it('a cache written by another tool build is ignored and rewritten', () => {
    const root = temp(copyFixture('classic'));
    const fresh = outcome(root, { cache: NO_CACHE });
    outcome(root, { cache: openProjectCache(root, { tool: '0.1.0+old' }) });
    const file = path.join(cacheDirectory(root), 'revision-graph.cache');
    assert.ok(readPack(file, { kind: 'revision-graph', tool: '0.1.0+old' }));
    const upgraded = openProjectCache(root, { tool: '0.2.0+new' });
    const [location] = discoverProjects(root);
    const one = loadHistory(location?.root ?? root).revisions[0];
    assert.ok(one);
    assert.equal(upgraded.revisions.has(one.path, readFileSync(one.path, 'utf8')), false, "an old build's entry is a miss");
    assert.deepEqual(outcome(root, { cache: upgraded }), fresh);
    assert.equal(readPack(file, { kind: 'revision-graph', tool: '0.1.0+old' }), null, 'rewritten for the new build');
    assert.ok(readPack(file, { kind: 'revision-graph', tool: '0.2.0+new' }));
  });

  it('a truncated, corrupted or garbage pack is a miss, the result is unchanged, and the pack is rebuilt', () => {
    const root = temp(copyFixture('classic'));
    const fresh = outcome(root, { cache: NO_CACHE });
    const damages: [string, (text: string) => string][] = [
      ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
      ['header only', (text) => text.slice(0, text.indexOf('\n') + 1)],
      [
        'one character changed',
        (text) => {
          const at = Math.floor(text.length * 0.75);
          return text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1);
        },
      ],
      ['empty', () => ''],
      ['garbage', () => '\u0000\u0001not a cache\n{"magic":'],
    ];
    for (const [label, damage] of damages) {
      outcome(root, { cache: openProjectCache(root) });
      for (const name of ['revision-graph.cache', 'revision-bodies.cache', 'models.cache', 'replays.cache']) {
        const file = path.join(cacheDirectory(root), name);
        writeFileSync(file, damage(readFileSync(file, 'utf8')));
        assert.equal(readPack(file, { kind: name.replace('.cache', ''), tool: 'any' }), null);
      }
      assert.deepEqual(outcome(root, { cache: openProjectCache(root) }), fresh, label);
      for (const name of ['revision-graph', 'revision-bodies', 'models', 'replays']) {
        const probe = openProjectCache(root);
        const pack = readFileSync(path.join(cacheDirectory(root), `${name}.cache`), 'utf8');
        assert.ok(pack.includes('"magic":"migration-guard-cache"'), `${label}: ${name} rebuilt`);
        assert.ok(probe.enabled);
      }
    }
  });

  it('a forged entry (right content hash, wrong value) in a pack with a bad checksum is never used', () => {
    const root = temp(copyFixture('classic'));
    const fresh = outcome(root, { cache: NO_CACHE });
    outcome(root, { cache: openProjectCache(root) });
    const file = path.join(cacheDirectory(root), 'replays.cache');
    const text = readFileSync(file, 'utf8');
    // Make the cached head schema lie (drop every table) without fixing the checksum.
    writeFileSync(file, text.replace(/"tables":\{.*?\},"enums"/, '"tables":{},"enums"'));
    assert.deepEqual(outcome(root, { cache: openProjectCache(root) }), fresh);
  });

  it('two processes writing the same pack at once leave one whole pack, never a mix', async () => {
    const root = temp(mkdtempSync(path.join(tmpdir(), 'mg-cache-race-')));
    const packModule = path.resolve(__dirname, '../../../src/core/cache/packFile.ts');
    const file = path.join(root, 'race.cache');
    const writer = (tag: string) => `
      const { writePack } = require(${JSON.stringify(packModule)});
      for (let round = 0; round < 60; round++) {
        const entries = new Map();
        for (let i = 0; i < 400; i++) entries.set('f' + i, { hash: ${JSON.stringify(tag)} + round, encoded: JSON.stringify({ tag: ${JSON.stringify(tag)}, i, pad: 'x'.repeat(200) }) });
        if (!writePack(${JSON.stringify(file)}, { kind: 'race', tool: 't' }, entries)) throw new Error('write failed');
      }`;
    const run = (tag: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', writer(tag)], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', resolve);
      });
    const reads: (number | null)[] = [];
    const racing = Promise.all([run('a'), run('b')]);
    let done = false;
    void racing.then(() => (done = true));
    // Read while both write: every read is either nothing yet or one writer's whole pack.
    while (!done) {
      const pack = readPack(file, { kind: 'race', tool: 't' });
      if (pack) {
        const tags = new Set([...pack.values()].map((e) => (JSON.parse(e.encoded) as { tag: string }).tag));
        assert.equal(tags.size, 1, 'one writer per pack');
        assert.equal(pack.size, 400);
        reads.push(pack.size);
      } else reads.push(null);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await racing, [0, 0]);
    const final = readPack(file, { kind: 'race', tool: 't' });
    assert.ok(final && final.size === 400);
    assert.deepEqual(
      readdirSync(root).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('two analyses of one project flushing at once leave a cache that gives the fresh result', async () => {
    const root = temp(copyFixture('classic'));
    const fresh = outcome(root, { cache: NO_CACHE });
    const analysisModule = path.resolve(__dirname, '../../../src/core/project/analysis.ts');
    const script = `
      const { readFileSync } = require('node:fs');
      const { initPythonParser } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/python/parser.ts'))});
      const { discoverProjects } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/project/discover.ts'))});
      const { openProjectCache } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/cache/projectCache.ts'))});
      const { ProjectAnalysis } = require(${JSON.stringify(analysisModule)});
      initPythonParser().then(() => {
        const root = ${JSON.stringify(root)};
        const cache = openProjectCache(root);
        new ProjectAnalysis(discoverProjects(root)[0], { readFile: (f) => readFileSync(f, 'utf8'), cache }).result();
        cache.flush();
      });`;
    const run = () =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', resolve),
      );
    for (let round = 0; round < 3; round++) {
      rmSync(path.join(root, '.migration-guard'), { recursive: true, force: true });
      assert.deepEqual(await Promise.all([run(), run()]), [0, 0]);
      for (const name of ['revision-graph', 'revision-bodies', 'models', 'replays'])
        assert.ok(readPack(path.join(cacheDirectory(root), `${name}.cache`), { kind: name, tool: readToolOf(root, name) }), `${name} is whole`);
      assert.deepEqual(outcome(root, { cache: openProjectCache(root) }), fresh);
    }
  });

  it('NO_CACHE writes nothing', () => {
    const root = temp(copyFixture('classic'));
    outcome(root, { cache: NO_CACHE });
    assert.equal(existsSync(path.join(root, '.migration-guard')), false);
  });
});
