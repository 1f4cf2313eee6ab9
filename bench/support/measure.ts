// Timing child processes: wall time, and the CPU time the child used (from /proc, Linux), so a
// result on a busy shared machine can be read for the work itself as well as for the waiting.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Sample {
  wallMs: number;
  /** Null where /proc is missing. */
  cpuMs: number | null;
}

/** CPU time (ms) used by this process's finished children: cutime + cstime, in 100 Hz ticks. */
export function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

export interface Run extends Sample {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  return {
    wallMs,
    cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? String(result.error ?? ''),
  };
}

/** Runs and fails loudly: a benchmark of a failing command measures nothing. */
export function runOk(label: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status}:\n${result.stderr.slice(-2000)}`);
  return result;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function medianSample(samples: Sample[]): Sample {
  const cpu = samples.map((s) => s.cpuMs).filter((c): c is number => c !== null);
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: cpu.length === samples.length ? median(cpu) : null };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
