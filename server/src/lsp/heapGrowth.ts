// The first read of a workspace builds the server's whole live set in one burst (a 50,000-line models
// file: ~200 MB of facts and schema in about a second). With the steady 40% growth (nodeArgs.ts) V8
// runs a full collection each time the heap grows by 40%, marking everything read so far again and
// again: a third of that first read's CPU was garbage collection. So until the first diagnostics are
// out, the heap may grow by BURST_PERCENT before each full collection. Then the steady setting is back
// (V8 reads this flag each time it sets the next limit) and one full collection runs right away: the
// limit set during the burst would otherwise stand until the heap reached it (an 8,000-line file sat
// at 223 MB instead of ~125). Measured with `npm run bench -- lsp`.
//
// V8 applies a growth only when a full collection sets the next limit. Before the first one, its
// limit is a guess that it lowers after each young collection by how much survived (most of what a
// first read allocates does): the 50,000-line read met it at ~90-120 MB and marked all of that once,
// mid-burst (--trace-gc). So the burst starts with one full collection of the ~8 MB the server holds
// at start (a few ms), which sets the limit to 8 MB x (1 + BURST_PERCENT/100): above that read's peak,
// and no full collection runs until the first diagnostics are out.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const BURST_PERCENT = 3000;
/** In case no project ever publishes (no Alembic project, a failure): the steady setting comes back anyway. */
const SETTLE_AFTER_MS = 60_000;

let settled = true;

/** The growth the process was started with (`--heap-growing-percent=N`), or 0: V8's own heuristics. */
function startedWith(): number {
  for (const arg of process.execArgv) {
    const match = /^--heap[-_]growing[-_]percent=(\d+)$/.exec(arg);
    if (match) return Number(match[1]);
  }
  return 0;
}

/** Lets the heap grow fast while the workspace is read for the first time. */
export function growHeapForFirstRead(): void {
  settled = false;
  setFlagsFromString(`--heap-growing-percent=${BURST_PERCENT}`);
  collectGarbage();
  setTimeout(settleHeap, SETTLE_AFTER_MS).unref();
}

/** Back to the growth the process was started with, after the diagnostics just sent are written (idempotent). */
export function settleHeap(): void {
  if (settled) return;
  settled = true;
  restoreStartFlags();
  setImmediate(collectGarbage);
}

/**
 * The V8 flags this module changes, back as the process started. V8 rejects a code cache written under
 * other flags than it is read with, so the launcher (lsp/launch.ts) calls this before writing one.
 */
export function restoreStartFlags(): void {
  setFlagsFromString(`--heap-growing-percent=${startedWith()}`);
  setFlagsFromString('--no-expose-gc');
}

/** A full collection now, which sets the next limit with the growth now set. */
function collectGarbage(): void {
  // A context made after --expose-gc has a `gc` (the main one keeps none): Node's documented way.
  setFlagsFromString('--expose-gc');
  // Where a runtime (another Electron) gives none, nothing happens: the limit comes down at the next full collection.
  const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  setFlagsFromString('--no-expose-gc'); // as started (restoreStartFlags)
  gc?.();
}
