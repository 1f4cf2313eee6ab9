// dist/server.js: the language server's first file. It loads the server bundle (dist/server-engine.js,
// built from lsp/main.ts) through V8's code cache, as the CLI's launcher does (cli/launch/main.ts):
// the next start then skips compiling the 1.7 MB bundle and the functions the first read needed.
// Measured on the cold first read of the 50,000-line file (`npm run bench -- lsp`). The cache is
// written when the process exits, with the bytecode of everything it ran; a start that used it writes
// nothing. The V8 flags must then be those the bundle was compiled with, or V8 rejects the cache (a
// miss, written again): the flags heapGrowth.ts changes are put back first.
import Module from 'node:module';
import path from 'node:path';
import { compileWithCodeCache, defaultCodeCacheDir } from '../cli/launch/codeCache';
import { restoreStartFlags } from './heapGrowth';

function loadServer(): void {
  const file = path.join(__dirname, 'server-engine.js');
  const compiled = compileWithCodeCache(file, defaultCodeCacheDir(), 'language-server');
  if (compiled.status !== 'hit' && compiled.status !== 'off')
    process.once('exit', () => {
      // V8 flags are the process's, so this copy of heapGrowth.ts puts back those the server's copy changed.
      restoreStartFlags();
      compiled.save();
    });
  const engine = new Module(file, module);
  engine.filename = file;
  const requireFromEngine = Module.createRequire(file);
  compiled.wrapper.call(engine.exports, engine.exports, requireFromEngine, engine, file, path.dirname(file));
}

loadServer();
