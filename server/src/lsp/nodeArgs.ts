// Node flags the language server runs with (the extension forks it with these, and so do the tests and
// the benchmark). The server lives as long as the editor, and V8's defaults favour throughput over
// footprint: a 16 MB semi-space and an old space that doubles before collecting. Each keystroke
// allocates a short-lived schema, so with the defaults the process sat at ~270 MB on an 8,000-line
// models file that holds ~80 MB live. Measured with `npm run bench -- lsp`: CPU per edit unchanged.
// (The first read of the workspace grows the heap faster for a while: see heapGrowth.ts.)
export const STEADY_HEAP_GROWING_PERCENT = 40;

/**
 * V8's optimizing compiler, as for the CLI (cli/launch/main.ts): optimize later and without inlining.
 * perf on the cold first read of the 50,000-line file: about a third of the server's CPU was TurboFan
 * on its background threads, compiling code that the first read runs only a few times more. With
 * these two, that read took ~150 ms less CPU, and the CPU per keystroke did not grow (2,000 and 8,000
 * lines, `npm run bench -- lsp`).
 */
const TIERING = ['--no-turbo-inlining', '--interrupt-budget=135168'];

/**
 * tree-sitter's WebAssembly stays on V8's baseline compiler (Liftoff). A cold read parses only a few
 * chunks, yet its lexer got hot enough for V8 to compile it again with TurboFan on the helper threads:
 * ~100-145 ms of CPU (perf) for the 50,000-line unbalanced file, more than the parse itself. Liftoff
 * code parses a whole 47,500-line revision in about the same CPU once compiling is counted, and the
 * keystroke rows did not move (`npm run bench -- lsp`).
 */
const WASM = ['--liftoff-only'];

/**
 * Young-generation collections on the main thread alone. On two cores the parallel scavenger's
 * helpers mostly waited for each other: the first read's helper-thread CPU fell by ~80 ms, its main
 * thread grew by less (the survivors are copied once either way).
 */
const SCAVENGE = ['--no-parallel-scavenge'];

export const SERVER_NODE_ARGS: readonly string[] = [
  '--max-semi-space-size=2',
  `--heap-growing-percent=${STEADY_HEAP_GROWING_PERCENT}`,
  ...TIERING,
  ...WASM,
  ...SCAVENGE,
];
