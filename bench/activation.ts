// Activation cost of the VS Code client: loading dist/extension.js and running activate(), each in a
// fresh plain Node process (no tsx hooks), against a stand-in `vscode` module — the editor's own work
// is not ours to time. The language server starts in the background and is not part of activation.
// Usage: npm run build && node --import tsx bench/activation.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');

// Runs in the child: a `vscode` stand-in with real event emitters; every other API is a no-op proxy.
// esbuild's __toESM copies a module's own keys, so the stand-in lists every name the real API exports.
const WORKER = `
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const [bundle, root] = process.argv.slice(1);
const noop = new Proxy(function () {}, {
  get: (_t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : noop),
  apply: () => noop, construct: () => noop, set: () => true,
});
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } }; }; }
  fire(e) { for (const l of this.listeners) l(e); }
  dispose() { this.listeners = []; }
}
const real = {
  EventEmitter,
  workspace: new Proxy({ isTrusted: true, getConfiguration: () => ({ get: (_k, d) => d }) }, { get: (t, k) => (k in t ? t[k] : noop) }),
};
const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
const names = new Set([...dts.matchAll(/^\\t?export (?:namespace|class|enum|const|function) (\\w+)/gm)].map((m) => m[1]));
for (const k of Object.keys(real)) names.add(k);
const vscode = new Proxy(real, {
  get: (t, k) => (k in t ? t[k] : noop),
  ownKeys: () => [...names],
  getOwnPropertyDescriptor: (t, k) => ({ configurable: true, enumerable: true, writable: true, value: k in t ? t[k] : noop }),
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
extension.activate({ subscriptions: [], secrets: noop, extensionUri: noop, asAbsolutePath: (p) => path.join(root, p) });
const t2 = performance.now();
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1 }) + '\\n');
process.exit(0);
`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function main(): void {
  if (!existsSync(BUNDLE)) {
    console.error('dist/extension.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  const runs = Number(process.argv[2] ?? 15);
  const samples: { loadMs: number; activateMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['-e', WORKER, BUNDLE, ROOT], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.error(`activation run failed:\n${child.stderr}`);
      process.exit(2);
    }
    samples.push(JSON.parse(line));
  }
  const report = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${name.padEnd(28)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms`);
  };
  console.log(`client activation: ${runs} fresh processes, dist/extension.js ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB`);
  report(
    '  load dist/extension.js',
    samples.map((s) => s.loadMs),
  );
  report(
    '  activate()',
    samples.map((s) => s.activateMs),
  );
  report(
    '  total',
    samples.map((s) => s.loadMs + s.activateMs),
  );
}

main();
