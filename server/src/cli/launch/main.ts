// dist/cli.js: the CLI's first file. It tunes V8 for a short run and loads the engine bundle
// (dist/cli-engine.js, built from cli/main.ts) through V8's code cache, then runs the command line.
import Module from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { VERB_NAMES } from '../verbNames';
import { compileWithCodeCache, defaultCodeCacheDir } from './codeCache';

/**
 * A CLI run lasts 0.1–3 s, and V8's optimizing compiler spent about a third of the process CPU of a
 * cold 1,000-revision read (perf, on its background threads) on code that runs only a few times more.
 * Optimizing later and without inlining cut that run's CPU by about a quarter, and the 5,000-revision
 * `sql` (the longest) did not get slower (bench/anchors.ts). Only tiering changes; what code does cannot.
 */
const V8_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=135168'];

interface Engine {
  runCli(): void;
}

function loadEngine(): Engine {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
  const file = path.join(__dirname, 'cli-engine.js');
  const verb = process.argv[2] ?? '';
  const compiled = compileWithCodeCache(file, defaultCodeCacheDir(), (VERB_NAMES as readonly string[]).includes(verb) ? verb : '');
  // After the run, the bytecode of everything it compiled is what the next run of this verb needs.
  if (compiled.status !== 'hit' && compiled.status !== 'off') process.once('exit', () => compiled.save());
  const engine = new Module(file, module);
  engine.filename = file;
  const requireFromEngine = Module.createRequire(file);
  compiled.wrapper.call(engine.exports, engine.exports, requireFromEngine, engine, file, path.dirname(file));
  return engine.exports as Engine;
}

loadEngine().runCli();
