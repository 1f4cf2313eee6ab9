// Decides whether the end-to-end suite can run here, building the cached code-server when it can.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { TestContext } from 'node:test';
import { missingOracle } from '../../server/test/support/oracles';
import { CHROMIUM, codeServerReady, SETUP_SCRIPT } from './paths';

let problem: string | null | undefined;

/** Null when Chromium and the cached code-server are there (running the setup script if needed); otherwise why not. */
export function e2eProblem(): string | null {
  if (problem !== undefined) return problem;
  problem = findProblem();
  return problem;
}

function findProblem(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    return `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set MG_E2E_CHROMIUM)`;
  }
  if (codeServerReady()) return null;
  console.log('e2e: code-server is not in .e2e-cache yet, running scripts/e2e-setup.sh');
  const setup = spawnSync('bash', [SETUP_SCRIPT], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 10 * 60_000 });
  if (setup.status === 0 && codeServerReady()) return null;
  const why = (setup.stderr || String(setup.error ?? '')).trim().split('\n').slice(-3).join(' | ');
  return `code-server could not be installed by scripts/e2e-setup.sh (exit ${setup.status}): ${why}`;
}

/** Skips the test with the reason (fails it under CI=true) when the harness cannot run. */
export function needsE2e(t: TestContext): boolean {
  return missingOracle(t, e2eProblem());
}
