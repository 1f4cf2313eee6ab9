// Where the end-to-end harness finds its tools and puts its output.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_DIR = process.env.MG_E2E_CACHE ?? join(PROJECT_ROOT, '.e2e-cache');
export const CODE_SERVER_PREFIX = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SETUP_SCRIPT = join(PROJECT_ROOT, 'scripts', 'e2e-setup.sh');
export const CHROMIUM = process.env.MG_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'e2e-artifacts');
export const FIXTURES_DIR = join(PROJECT_ROOT, 'test-fixtures');

/** The stamp scripts/e2e-setup.sh writes once code-server is fully built for this Node ABI. */
export function codeServerReady(): boolean {
  if (!existsSync(CODE_SERVER_PREFIX)) return false;
  const stamp = `.ready-recipe2-node-abi${process.versions.modules}`;
  return readdirSync(CODE_SERVER_PREFIX).includes(stamp) && existsSync(CODE_SERVER_ENTRY);
}
