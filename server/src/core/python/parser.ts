// tree-sitter for Python, loaded once per process. Parsing never throws on bad input:
// tree-sitter always returns a tree, with ERROR / MISSING nodes where the text is half-typed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// Only types at the top: the runtime (and its WebAssembly) loads in initPythonParser, when a file must be parsed.
import type { Edit, Node, Parser, Point, Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree, Edit as SyntaxEdit, Point as SyntaxPoint };

let loading: Promise<Parser> | null = null;
let ready: Parser | null = null;

/** Where a .wasm file is: beside the bundle (dist/), or in its package when run from source. */
function resolveWasm(file: string, packageName: string): string {
  const besideBundle = typeof __dirname === 'string' ? path.join(__dirname, file) : '';
  if (besideBundle && existsSync(besideBundle)) return besideBundle;
  try {
    return require.resolve(`${packageName}/${file}`);
  } catch {
    throw new Error(`Migration Guard: cannot find ${file}; run "npm run build" or reinstall the package.`);
  }
}

/** Loads web-tree-sitter and the Python grammar. Safe to call many times; loads once. */
export function initPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    const { Language, Parser } = await import('web-tree-sitter');
    const runtime = resolveWasm('tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    // Bytes, not a path: given a path, web-tree-sitter reads it through `await import('fs/promises')`,
    // which starts Node's ESM loader in a CommonJS bundle (see esbuild.mjs, VENDOR_SOURCE).
    const language = await Language.load(readFileSync(resolveWasm('tree-sitter-python.wasm', 'tree-sitter-python')));
    const parser = new Parser();
    parser.setLanguage(language);
    ready = parser;
    return parser;
  })();
  return loading;
}

/** Whether initPythonParser() has finished (a file that needs tree-sitter can be parsed now). */
export function pythonParserReady(): boolean {
  return ready !== null;
}

function parserOrThrow(): Parser {
  if (!ready) throw new Error('initPythonParser() must be awaited before parsing');
  return ready;
}

/** A full parse. */
export function parsePython(text: string): Tree {
  const tree = parserOrThrow().parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Position of a character offset in text, in tree-sitter's row/column (UTF-16 code units here, as in LSP). */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** A text change: replace [start, end) of the old text (character offsets) with newText. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/**
 * Applies a change to the old tree and reparses incrementally.
 * The old tree is edited in place and should not be used afterwards.
 */
export function reparsePython(oldTree: Tree, oldText: string, change: TextChange): { tree: Tree; text: string } {
  const text = oldText.slice(0, change.start) + change.newText + oldText.slice(change.end);
  const newEnd = change.start + change.newText.length;
  // web-tree-sitter (0.25+) indexes JS strings by UTF-16 code unit, as LSP does.
  oldTree.edit({
    startIndex: change.start,
    oldEndIndex: change.end,
    newEndIndex: newEnd,
    startPosition: pointAt(oldText, change.start),
    oldEndPosition: pointAt(oldText, change.end),
    newEndPosition: pointAt(text, newEnd),
  });
  const tree = parserOrThrow().parse(text, oldTree);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return { tree, text };
}
