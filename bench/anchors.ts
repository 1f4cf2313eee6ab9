// Migration Guard against real Flask-Migrate / Alembic in one run, on the same workloads: a
// 200-model app (about 2,000 lines) and linear histories of 100, 1,000 and 5,000 revisions. Each row
// is the median of paired runs (ours, theirs, alternating) with the ratio, then every target of
// issue 17 with its measured median and whether it is met. Wall time suffers when other processes
// compete for the cores, so CPU time (ours and theirs, children included) is printed beside it.
// Usage: npm run bench -- anchors        BENCH_RUNS=N (default 5; 3 for the 5,000-revision rows)
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { postgresProblem, pythonOracleProblem, SYSTEM_PYTHON } from '../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../server/test/support/pgdb';
import { writeChain, writeModelsApp } from './support/generators';
import { median, medianSample, run, runOk, seconds, type Sample } from './support/measure';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const CLI = path.resolve(__dirname, '../dist/cli.js');

interface Row {
  what: string;
  ours: Sample;
  theirs: Sample | null;
}

interface Target {
  what: string;
  /** ms, or a ratio to theirs when `ratio` is set. */
  limit: number;
  ratio?: boolean;
  row: Row | undefined;
}

const rows: Row[] = [];
const targets: Target[] = [];
const env = { ...process.env, DATABASE_URL: '' };

const ours = (args: string[]) => runOk(`migration-guard ${args[0]}`, process.execPath, [CLI, ...args], { env });
/** A run only to fill the cache (its exit status is not the point: check exits 1 when changes are pending). */
const warmUp = (args: string[]) => void run(process.execPath, [CLI, ...args], { env });
const flask = (dir: string, url: string, args: string[]) =>
  runOk(`flask db ${args[0]}`, SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: url } });
const alembic = (dir: string, args: string[]) =>
  runOk(`alembic ${args[0]}`, SYSTEM_PYTHON, ['-m', 'alembic', '-c', path.join(dir, 'alembic.ini'), ...args], { cwd: dir });

/** Paired runs: ours then theirs (then `alsoRun`, a third measurement of the same pass), each after its own setup; medians of both. */
function measure(
  what: string,
  runs: number,
  oursRun: () => Sample,
  theirsRun: (() => Sample) | null,
  setup: () => void | Promise<void> = () => undefined,
  alsoRun: () => Promise<void> = async () => undefined,
): Promise<Row> {
  return (async () => {
    const a: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      await setup();
      a.push(oursRun());
      if (theirsRun) {
        await setup();
        b.push(theirsRun());
      }
      await alsoRun();
    }
    const row = { what, ours: medianSample(a), theirs: theirsRun ? medianSample(b) : null };
    rows.push(row);
    process.stdout.write(`  measured: ${what}\n`);
    return row;
  })();
}

function versionFiles(dir: string): string[] {
  const versions = path.join(dir, 'migrations', 'versions');
  return readdirSync(versions)
    .filter((f) => f.endsWith('.py'))
    .map((f) => path.join(versions, f));
}

/** CPU time (ms) a local process has used so far, from /proc (PostgreSQL's backend runs on this machine); null where unreadable. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL's own time for a script: the exact text, sent as one simple query on an open connection
 * (the script holds its BEGIN and COMMIT, so it is one transaction and one round trip). Wall time of
 * that query, and the CPU its backend process used for it.
 */
async function postgresAlone(url: string, script: string): Promise<{ wallMs: number; backendCpuMs: number | null }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
    const cpu0 = processCpuMs(pid);
    const t0 = performance.now();
    await client.query(script);
    const wallMs = performance.now() - t0;
    const cpu1 = processCpuMs(pid);
    return { wallMs, backendCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
  } finally {
    await client.end();
  }
}

/** PostgreSQL's own time for the 200-table upgrade's SQL, measured in the same passes as the upgrade row. */
interface PostgresFloor {
  row: Row;
  upgrade: Row;
  backendCpuMs: number | null;
}
let postgresFloor: PostgresFloor | null = null;

async function resetDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS migration_guard_backup CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

async function appRows(withOracle: boolean, db: TestDatabase | null): Promise<void> {
  const app = writeModelsApp(200);
  const url = db?.url ?? '';
  const saUrl = db?.sqlalchemyUrl ?? '';
  try {
    const clearVersions = () => versionFiles(app).forEach((f) => rmSync(f));
    warmUp(['check', app]); // fill the cache once; the cold rows use --no-cache
    const revision = await measure(
      '`revision --autogenerate` vs `flask db migrate` (200 models, new history)',
      RUNS,
      () => ours(['revision', app, '-m', 'bench', '--autogenerate']),
      withOracle && db ? () => flask(app, saUrl, ['migrate', '-m', 'bench']) : null,
      async () => {
        clearVersions();
        if (db) await resetDatabase(url);
      },
    );
    void revision;
    clearVersions();
    if (!db || !withOracle) {
      await measure('`check` (200 models), warm cache', RUNS, () => ours(['check', app]), null);
      return;
    }
    flask(app, saUrl, ['migrate', '-m', 'base']);
    // What our upgrade sends, as `sql APP head` prints it (BEGIN … COMMIT): PostgreSQL's floor for this upgrade.
    const upgradeSql = ours(['sql', app, 'head']).stdout;
    const alone: { wallMs: number; backendCpuMs: number | null }[] = [];
    const upgrade = await measure(
      '`upgrade` of the 200-table base onto an empty database',
      RUNS,
      () => ours(['upgrade', app, '--database-url', url]),
      () => flask(app, saUrl, ['upgrade']),
      () => resetDatabase(url),
      async () => {
        await resetDatabase(url);
        alone.push(await postgresAlone(url, upgradeSql));
      },
    );
    targets.push({ what: 'upgrade of the 200-table revision ≤ 0.33 × flask db upgrade', limit: 0.33, ratio: true, row: upgrade });
    const backend = alone.map((a) => a.backendCpuMs).filter((c): c is number => c !== null);
    const floorRow: Row = {
      what: 'PostgreSQL alone: the SQL of `sql APP head` for that upgrade, one simple query on an open connection (CPU: n/a, see below)',
      ours: { wallMs: median(alone.map((a) => a.wallMs)), cpuMs: null },
      theirs: upgrade.theirs,
    };
    rows.push(floorRow);
    postgresFloor = { row: floorRow, upgrade, backendCpuMs: backend.length === alone.length ? median(backend) : null };
    const noop = await measure(
      '`upgrade` when already at head',
      RUNS,
      () => ours(['upgrade', app, '--database-url', url]),
      () => flask(app, saUrl, ['upgrade']),
    );
    targets.push({ what: 'no-op upgrade ≤ 0.15 s (warm cache)', limit: 150, row: noop });
    const current = await measure(
      '`current`',
      RUNS,
      () => ours(['current', app, '--database-url', url]),
      () => flask(app, saUrl, ['current']),
    );
    targets.push({ what: 'current ≤ 0.15 s (warm cache)', limit: 150, row: current });
    const migrate = () => {
      const result = flask(app, saUrl, ['migrate', '-m', 'nothing']);
      if (!/No changes in schema detected/.test(result.stdout + result.stderr))
        throw new Error(`flask db migrate found changes against the base it generated:\n${result.stderr}`);
      return result;
    };
    const check = await measure('`check` vs `flask db migrate` (200 models, warm cache)', RUNS, () => checkInSync(app), migrate);
    targets.push({ what: 'check on the 200-model app ≤ 0.30 s warm', limit: 300, row: check });
    const cold = await measure('`check --no-cache` vs `flask db migrate` (200 models, cold)', RUNS, () => checkInSync(app, '--no-cache'), migrate);
    targets.push({ what: 'check on the 200-model app ≤ 0.6 s cold', limit: 600, row: cold });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

/** `check` must agree that the base Flask-Migrate generated matches the models (exit 0). */
function checkInSync(app: string, ...flags: string[]): Sample {
  const result = ours(['check', app, ...flags]);
  if (!/in sync/.test(result.stdout)) throw new Error(`check does not find the models in sync with flask's base:\n${result.stdout}`);
  return result;
}

async function chainRows(withOracle: boolean): Promise<void> {
  for (const length of [100, 1000, 5000]) {
    const runs = length >= 5000 ? Math.min(RUNS, 3) : RUNS;
    const chain = writeChain(length);
    try {
      const offline = withOracle ? () => alembic(chain.alembicDir, ['upgrade', 'head', '--sql']) : null;
      warmUp(['schema', chain.alembicDir, '--from', 'migrations']);
      const warm = await measure(
        `history of ${length.toLocaleString('en')}: \`schema --from migrations\` (warm) vs \`alembic upgrade head --sql\``,
        runs,
        () => ours(['schema', chain.alembicDir, '--from', 'migrations']),
        offline,
      );
      const cold = await measure(
        `history of ${length.toLocaleString('en')}: \`schema --from migrations --no-cache\` (cold) vs \`alembic upgrade head --sql\``,
        runs,
        () => ours(['schema', chain.alembicDir, '--from', 'migrations', '--no-cache']),
        offline,
      );
      if (length === 1000) {
        targets.push({ what: 'history of 1,000 revisions ≤ 0.15 s warm', limit: 150, row: warm });
        targets.push({ what: 'history of 1,000 revisions ≤ 0.5 s cold', limit: 500, row: cold });
      }
      if (length === 5000) {
        targets.push({ what: 'history of 5,000 revisions ≤ 0.4 s warm', limit: 400, row: warm });
        warmUp(['heads', chain.flaskDir]);
        const heads = await measure(
          'history of 5,000: `heads` vs `flask db heads`',
          runs,
          () => ours(['heads', chain.flaskDir]),
          withOracle ? () => flask(chain.flaskDir, 'postgresql+psycopg2://localhost/none', ['heads']) : null,
        );
        targets.push({ what: '`heads` at 5,000 revisions faster than `flask db heads`', limit: 1, ratio: true, row: heads });
        warmUp(['sql', chain.alembicDir, 'head']);
        const sql = await measure(
          '`sql DIR head` vs `alembic upgrade head --sql`, 5,000 revisions',
          runs,
          () => ours(['sql', chain.alembicDir, 'head']),
          offline,
        );
        targets.push({ what: '`sql head` at 5,000 revisions faster than `alembic upgrade head --sql`', limit: 1, ratio: true, row: sql });
      }
    } finally {
      rmSync(chain.alembicDir, { recursive: true, force: true });
      rmSync(chain.flaskDir, { recursive: true, force: true });
    }
  }
}

const cpu = (s: Sample | null) => (s?.cpuMs == null ? 'n/a' : seconds(s.cpuMs));

function report(): void {
  console.log(
    `\nmachine: ${cpus().length} core(s), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} — shared with other busy processes, so wall times include waiting for a core; CPU time is the work itself.`,
  );
  console.log(`medians of ${RUNS} paired runs (${Math.min(RUNS, 3)} for 5,000 revisions)\n`);
  console.log('| what | Flask-Migrate / Alembic: wall (CPU) | ours: wall (CPU) | ours / theirs: wall (CPU) |');
  console.log('|---|---|---|---|');
  for (const row of rows) {
    const ratio = row.theirs
      ? `${(row.ours.wallMs / row.theirs.wallMs).toFixed(2)} (${row.ours.cpuMs !== null && row.theirs.cpuMs ? (row.ours.cpuMs / row.theirs.cpuMs).toFixed(2) : 'n/a'})`
      : '—';
    console.log(
      `| ${row.what} | ${row.theirs ? `${seconds(row.theirs.wallMs)} (${cpu(row.theirs)})` : 'not measured'} | ${seconds(row.ours.wallMs)} (${cpu(row.ours)}) | ${ratio} |`,
    );
  }
  console.log('\nLanguage-server rows (keystroke p95, spawn to first diagnostics, memory): npm run bench -- lsp\n');
  console.log('targets:');
  for (const target of targets) {
    const row = target.row;
    if (!row || (target.ratio && !row.theirs)) {
      console.log(`  ${target.what}: not measured`);
      continue;
    }
    const wall = target.ratio && row.theirs ? row.ours.wallMs / row.theirs.wallMs : row.ours.wallMs;
    const cpuValue =
      row.ours.cpuMs === null ? null : target.ratio && row.theirs?.cpuMs ? row.ours.cpuMs / row.theirs.cpuMs : target.ratio ? null : row.ours.cpuMs;
    const show = (v: number) => (target.ratio ? v.toFixed(2) : seconds(v));
    const met = (v: number) => (target.ratio ? v < target.limit || (target.limit < 1 && v <= target.limit) : v <= target.limit);
    console.log(
      `  ${target.what}: wall ${show(wall)} ${met(wall) ? 'met' : 'NOT MET'}; CPU ${cpuValue === null ? 'n/a' : `${show(cpuValue)} ${met(cpuValue) ? 'met' : 'NOT MET'}`}`,
    );
  }
  reportPostgresFloor();
}

/** The 200-table upgrade against PostgreSQL's own time for the same SQL, measured in the same passes. */
function reportPostgresFloor(): void {
  const floor = postgresFloor;
  const flaskWall = floor?.upgrade.theirs?.wallMs;
  if (!floor || !flaskWall) return;
  const pgWall = floor.row.ours.wallMs;
  const oursWall = floor.upgrade.ours.wallMs;
  console.log(
    `\nPostgreSQL's floor for the 200-table upgrade: the same SQL alone takes ${seconds(pgWall)} wall (${(pgWall / flaskWall).toFixed(2)} × flask db upgrade's ${seconds(flaskWall)}; ` +
      `its backend's CPU ${floor.backendCpuMs === null ? 'n/a' : seconds(floor.backendCpuMs)}).`,
  );
  console.log(
    `  0.33 × flask db upgrade is ${seconds(0.33 * flaskWall)}: ${0.33 * flaskWall < pgWall ? 'below' : 'above'} PostgreSQL's own time for the SQL. ` +
      `Our upgrade takes ${seconds(oursWall)} wall, ${seconds(oursWall - pgWall)} above PostgreSQL alone (process start, reading the project, connecting, planning, locking and the version table).`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run "npm run build" first');
  const pyProblem = pythonOracleProblem();
  const pgProblem = await postgresProblem();
  if (pyProblem) console.log(`Flask-Migrate / Alembic not measured: ${pyProblem}`);
  if (pgProblem) console.log(`database rows not measured: ${pgProblem}`);
  const db = pgProblem === null ? await createTestDatabase('mg_bench_anchors') : null;
  try {
    await appRows(pyProblem === null, db);
    await chainRows(pyProblem === null);
  } finally {
    await db?.drop();
  }
  report();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
