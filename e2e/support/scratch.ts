// Temp directories of one test file (workspace copies, code-server homes, packages), removed in its after hook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mg-e2e-${label}-`));
  created.push(dir);
  return dir;
}

/** Removes every directory scratchDir made; set MG_E2E_KEEP=1 to keep them for a look. */
export function removeScratchDirs(): void {
  if (process.env.MG_E2E_KEEP) return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
