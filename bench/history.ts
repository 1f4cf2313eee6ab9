// Replaying a generated 500-revision Alembic chain from its files, cold (fresh process, first parse),
// against real `alembic upgrade head` on the same chain in PostgreSQL. Target: replay under 1 s.
// Usage: npm run bench -- history
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { initPythonParser } from '../server/src/core/python/parser';
import { loadHistory } from '../server/src/core/history/load';
import { schemaAtRevision } from '../server/src/core/history/schemaAtRevision';
import { schemaToJson } from '../server/src/core/schema/json';
import { introspectSchema } from '../server/src/db/introspect';
import { postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase } from '../server/test/support/pgdb';
import { AlembicProject } from '../server/test/core/history/support/alembicProject';
import { randomHistory } from '../server/test/core/history/support/randomHistory';

const REVISIONS = 500;
const TARGET_MS = 1000;

/** CPU time (ms) used by this process's finished child processes, from /proc (Linux); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    // Fields after the ")" of the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

const verdict = (ms: number) => (ms < TARGET_MS ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const { revisions } = randomHistory(7, REVISIONS);
  const pgProblem = await postgresProblem();
  const pyProblem = pythonOracleProblem();
  const db = pgProblem === null && pyProblem === null ? await createTestDatabase('mg_bench_history') : null;
  // Without the oracles, the project still gets a placeholder URL: only the replay is timed.
  const project = new AlembicProject(db?.sqlalchemyUrl ?? 'postgresql+psycopg2://localhost/none');
  try {
    project.writeRevisions(revisions);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await initPythonParser();
    const t1 = performance.now();
    const history = loadHistory(project.dir);
    const t2 = performance.now();
    const replayed = schemaAtRevision(history, 'head');
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // The product path: a fresh process running the bundled CLI (node start-up and JSON output included).
    const cli = path.resolve(__dirname, '../dist/cli.js');
    let cliMs: number | null = null;
    let cliCpuMs: number | null = null;
    if (existsSync(cli)) {
      const cpuBefore = childrenCpuMs();
      const c0 = performance.now();
      const run = spawnSync(process.execPath, [cli, 'schema', project.dir, '--from', 'migrations'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      cliMs = performance.now() - c0;
      const cpuAfter = childrenCpuMs();
      cliCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      if (run.status !== 0 || run.stdout !== `${JSON.stringify(schemaToJson(replayed.schema), null, 2)}\n`)
        throw new Error(`dist/cli.js schema gave a different result: ${run.stderr}`);
    }
    const replayMs = t3 - t0;
    const tables = Object.keys(replayed.schema.tables).length;
    const ops = history.revisions.reduce((n, r) => n + r.upgrade.ops.length, 0);
    console.log(`revisions: ${history.revisions.length}, upgrade ops: ${ops}, tables at head: ${tables}`);
    // Wall time suffers when other processes compete for the cores; CPU time shows the work itself.
    console.log(
      `machine load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} core(s)`,
    );
    console.log(
      `cold in-process replay (under tsx): ${cpuMs.toFixed(0)} ms CPU, ${replayMs.toFixed(0)} ms wall (parser init ${(t1 - t0).toFixed(0)} ms, read+parse ${(t2 - t1).toFixed(0)} ms, replay ${(t3 - t2).toFixed(0)} ms wall)`,
    );
    console.log(
      `  target < ${TARGET_MS} ms: CPU time ${verdict(cpuMs)}, wall time ${verdict(replayMs)}${cpuMs < TARGET_MS && replayMs >= TARGET_MS ? ' (wall time inflated by load)' : ''}`,
    );
    if (cliMs !== null) {
      console.log(
        `cold CLI process (dist/cli.js schema --from migrations, node start-up included): ${cliCpuMs === null ? 'CPU n/a' : `${cliCpuMs.toFixed(0)} ms CPU`}, ${cliMs.toFixed(0)} ms wall`,
      );
      console.log(
        `  target < ${TARGET_MS} ms: ${cliCpuMs === null ? '' : `CPU time ${verdict(cliCpuMs)}, `}wall time ${verdict(cliMs)}${cliCpuMs !== null && cliCpuMs < TARGET_MS && cliMs >= TARGET_MS ? ' (wall time inflated by load)' : ''}`,
      );
    } else console.log('cold CLI process: skipped (run "npm run build" first)');
    if (!db) {
      console.log(`alembic upgrade head: skipped (${pgProblem ?? pyProblem})`);
      return;
    }
    const a0 = performance.now();
    project.alembic('upgrade', 'head');
    const alembicMs = performance.now() - a0;
    console.log(`real alembic upgrade head on PostgreSQL: ${alembicMs.toFixed(0)} ms`);
    console.log(
      `ratio: in-process replay is ${(alembicMs / replayMs).toFixed(1)}x faster than alembic upgrade head${cliMs !== null ? `; the cold CLI ${(alembicMs / cliMs).toFixed(1)}x` : ''}`,
    );
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const same = JSON.stringify(schemaToJson(await introspectSchema(client))) === JSON.stringify(schemaToJson(replayed.schema));
      console.log(`replayed schema ${same ? 'equals' : 'DIFFERS FROM'} the database alembic built`);
      if (!same) process.exitCode = 1;
    } finally {
      await client.end();
    }
  } finally {
    project.remove();
    await db?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
