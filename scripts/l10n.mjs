// Extracts every l10n.t(...) / vscode.l10n.t(...) message of the client and the server into
// l10n/bundle.l10n.json with VS Code's own tool (@vscode/l10n-dev). Usage: node scripts/l10n.mjs [--out DIR]
// The Spanish bundle (l10n/bundle.l10n.es.json) is written by people; server/test/l10n.test.ts checks it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : 'l10n';
mkdirSync(outDir, { recursive: true });
const cli = join(require.resolve('@vscode/l10n-dev/package.json'), '..', 'dist', 'cli.js');
const result = spawnSync(process.execPath, [cli, 'export', '--outDir', outDir, 'client/src', 'server/src'], { encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
// The tool writes nothing when it finds no string; an empty bundle says the same thing explicitly.
const bundle = join(outDir, 'bundle.l10n.json');
if (!existsSync(bundle)) writeFileSync(bundle, '{}\n');
