// One build for everything: the VS Code client, the language server and the CLI.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version, dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));

/** A hash of the engine's sources and dependencies: the persistent cache is keyed on it (a rebuilt engine never reads old entries). */
function engineBuildId() {
  const hash = createHash('sha1').update(JSON.stringify(dependencies));
  const visit = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (name.endsWith('.ts')) hash.update(`${full}\0`).update(readFileSync(full));
    }
  };
  visit('server/src/core');
  return hash.digest('hex').slice(0, 16);
}

const IMPORT_META_URL = 'var __mgImportMetaUrl = require("url").pathToFileURL(__filename).href;';

/** @type {esbuild.BuildOptions} */
const base = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: true,
  logLevel: 'warning',
  // pg optionally requires pg-native; we never use it.
  external: ['pg-native'],
  // web-tree-sitter's loader calls createRequire(import.meta.url); in a CJS bundle that URL must be this file's.
  define: { MIGRATION_GUARD_VERSION: JSON.stringify(version), MIGRATION_GUARD_BUILD: JSON.stringify(engineBuildId()), 'import.meta.url': '__mgImportMetaUrl' },
  banner: { js: IMPORT_META_URL },
};

// Big libraries loaded only on first use (dynamic import / require where they are needed) live in
// their own files beside the bundles: Node then reads and compiles them only when a verb needs them,
// instead of scanning 1.4 MB of them at every start. Beside, not below: PGlite finds its .wasm next to
// import.meta.url.
const VENDOR_BUNDLES = {
  'sql-formatter': 'vendor-sql-formatter.js',
  'web-tree-sitter': 'vendor-web-tree-sitter.js',
  '@electric-sql/pglite': 'vendor-pglite.js',
};
const vendorFilter = new RegExp(
  `^(${Object.keys(VENDOR_BUNDLES)
    .map((name) => name.replace(/[/.]/g, '\\$&'))
    .join('|')})$`,
);
/**
 * web-tree-sitter's CommonJS build: its ES module build loads Node's builtins with `await import()`,
 * and the first import() in a process starts Node's whole ESM loader (~20 ms of CPU at every start of
 * the language server, cpu-prof). (Language.load gets bytes, not a path, for the same reason: python/parser.ts.)
 */
const VENDOR_SOURCE = { 'web-tree-sitter': 'module.exports = require("web-tree-sitter");' };
/** @type {esbuild.Plugin} */
const vendorsOutside = {
  name: 'vendors-outside',
  setup(build) {
    build.onResolve({ filter: vendorFilter }, (args) => ({ path: `./${VENDOR_BUNDLES[args.path]}`, external: true }));
  },
};
/**
 * pg asks at load time whether it runs on Cloudflare Workers, by `typeof Response` and a `new Response()`:
 * on Node 20 that first touch of the global loads all of undici (20-40 ms of every database verb, and
 * the editor's CLI runs). These bundles run on Node and Electron only, so the answer is no. The build fails
 * if pg's text changes, so an upgrade of pg cannot drop this silently.
 */
const PG_CLOUDFLARE_PROBE = 'function isCloudflareRuntime() {';
/** @type {esbuild.Plugin} */
const pgOnNodeOnly = {
  name: 'pg-on-node-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(PG_CLOUDFLARE_PROBE)) throw new Error(`${args.path}: pg's Cloudflare probe not found (see esbuild.mjs pgOnNodeOnly)`);
      return {
        contents: text.replace(PG_CLOUDFLARE_PROBE, `${PG_CLOUDFLARE_PROBE}\n  return false; // Node and Electron only: see esbuild.mjs\n`),
        loader: 'js',
      };
    });
  },
};
// import() of a vendor bundle as require(): through the ESM loader, Node would scan the file for its exports first.
const vendorAware = { plugins: [vendorsOutside, pgOnNodeOnly], supported: { 'dynamic-import': false } };

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'pg-native'] },
  // dist/server.js is a small launcher that loads the language server through V8's code cache (lsp/launch.ts).
  { entryPoints: ['server/src/lsp/launch.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server-engine.js', ...vendorAware },
  // dist/cli.js is a small launcher that loads the engine through V8's code cache (cli/launch/main.ts).
  { entryPoints: ['server/src/cli/launch/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-engine.js', ...vendorAware },
  ...Object.entries(VENDOR_BUNDLES).map(([name, file]) => ({
    stdin: { contents: VENDOR_SOURCE[name] ?? `export * from ${JSON.stringify(name)};`, resolveDir: process.cwd(), sourcefile: `${name}-vendor.js` },
    outfile: `dist/${file}`,
  })),
];

function copyWasm() {
  mkdirSync('dist', { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
  copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
  // The embedded PGlite database loads these next to the bundle (import.meta.url), as tree-sitter does.
  const pgliteDist = dirname(require.resolve('@electric-sql/pglite'));
  for (const file of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) copyFileSync(join(pgliteDist, file), `dist/${file}`);
}

function reportSizes(results) {
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${file.padEnd(24)} ${(info.bytes / 1024).toFixed(0).padStart(6)} KiB`);
    }
  }
}

const existing = entries.filter((e) => {
  if (!e.entryPoints) return true;
  try {
    require.resolve(`./${e.entryPoints[0]}`);
    return true;
  } catch {
    return false;
  }
});

copyWasm();
if (watch) {
  for (const entry of existing) await (await esbuild.context({ ...base, ...entry })).watch();
  console.log('watching…');
} else {
  reportSizes(await Promise.all(existing.map((entry) => esbuild.build({ ...base, ...entry }))));
}
