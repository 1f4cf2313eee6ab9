// Pure: the command lines the client passes to dist/cli.js. One place, so the flags match the CLI.
import type { ExecutorKind } from '../config';

export interface MoveOptions {
  lockTimeoutMs: number;
  backup: boolean;
  executor: ExecutorKind;
  pythonPath: string;
  dryRun: boolean;
  /** How many SQLite file backups to keep (the migrationGuard.keepBackups setting). */
  keepBackups?: number;
}

export function moveArgs(verb: 'upgrade' | 'downgrade', dir: string, target: string, o: MoveOptions): string[] {
  const args = [verb, dir, target, '--format', 'json', '--lock-timeout', String(o.lockTimeoutMs)];
  if (o.dryRun) args.push('--dry-run');
  if (!o.backup) args.push('--no-backup');
  if (o.keepBackups !== undefined) args.push('--keep-backups', String(o.keepBackups));
  if (o.executor !== 'auto') args.push('--executor', o.executor);
  if (o.pythonPath.trim()) args.push('--python', o.pythonPath.trim());
  return args;
}

/** `sql DIR [FROM:]TO`: the formatted SQL of a range, as text. */
export function sqlArgs(dir: string, from: string | null, to: string): string[] {
  return ['sql', dir, from === null ? to : `${from}:${to}`];
}

export function currentArgs(dir: string): string[] {
  return ['current', dir, '--format', 'json'];
}

export function stampArgs(dir: string, revision: string): string[] {
  return ['stamp', dir, revision, '--format', 'json'];
}

/** `merge DIR -m MSG`: a merge revision joining every head (an empty message gives Flask-Migrate's "empty message"). */
export function mergeArgs(dir: string, message: string): string[] {
  return ['merge', dir, ...(message.trim() ? ['-m', message] : []), '--format', 'json'];
}

export function roundTripArgs(dir: string, steps: number): string[] {
  return ['roundtrip', dir, '--steps', String(steps), '--format', 'json'];
}

/** The revision range whose SQL a single revision item shows: from its (first) parent, or base. */
export function revisionRange(revision: string, parents: string[]): { from: string | null; to: string } {
  return { from: parents[0] ?? 'base', to: revision };
}
