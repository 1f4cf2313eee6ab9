// Module-level calls that are handed model classes (or their tables) may create tables and columns
// when the models are imported: coaster's `add_primary_relationship(Project, 'primary_venue', Venue,
// ...)` builds `project_venue_primary`, a versioning helper adds `<table>_history`. The models reader
// cannot see what such a call builds. A function of the project's own modules is followed (its body
// as functionFacts.ts read it: a call it hands the model to is followed in turn); one that builds
// schema, one from outside the project and one that cannot be found are recorded here, so that what
// they may build is uncertain (project/importTimeTables.ts), never a drop with a data-loss warning.
import { calleeName, dottedName, type PyExpr } from '../python/expr';
import type { SourceLocation } from '../source';
import type { FunctionFact } from './functionFacts';
import type { ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

export interface ImportTimeCall {
  /** The callee as written, for the note (`add_primary_relationship`). */
  callee: string;
  /** The module-level statement that makes the call. */
  location: SourceLocation;
  /** The tables of the model classes and Table objects it is handed, in argument order. */
  tables: string[];
  /** Why it is not followed: from outside the project, not found in it, or it builds schema (`builds` says what). */
  why: 'external' | 'unfound' | 'builds';
  /** For `builds`: what builds schema, as written (`class Version`, `sa.Table(...)`), and in which function. */
  builds?: { what: string; inFunction?: string };
}

/** Calls that create tables or columns whatever they are handed. */
const SCHEMA_BUILDERS = new Set(['Table', 'Column', 'mapped_column', 'column_property', 'setattr', 'append_column', 'append_constraint']);

/** Python builtins that only compute a value or look something up. */
const PURE_BUILTINS = new Set(
  'str int float bool len repr list dict tuple set frozenset sorted reversed min max sum any all isinstance issubclass format range enumerate zip hasattr getattr print id hash iter next callable vars dir super'.split(
    ' ',
  ),
);

/**
 * Namespaces whose functions build no table when handed a model: the standard library, SQLAlchemy
 * itself, and libraries that only read models (admin views, serialisers, forms, login and security
 * datastores).
 */
const INERT_NAMESPACES =
  /^(sqlalchemy|flask_sqlalchemy|typing|typing_extensions|builtins|functools|textwrap|re|json|datetime|itertools|collections|os|warnings|logging|dataclasses|enum|uuid|decimal|inspect|abc|copy|operator|flask_admin|flask_security|flask_login|marshmallow|marshmallow_sqlalchemy|flask_marshmallow|wtforms|wtforms_alchemy|flask_wtf)(\.|$)/;

const MAX_DEPTH = 4;

export interface ImportTimeReader {
  scope: ProjectScope;
  /** The canonical name of a dotted name written in a module (imports and project re-exports followed). */
  qualify: (module: ModuleFacts, dotted: string) => string;
  /** The table a name written in a module stands for: a model class's, or a module-level Table object's; null otherwise. */
  tableOf: (module: ModuleFacts, dotted: string) => string | null;
}

type Resolved = { kind: 'inert' } | { kind: 'function'; module: ModuleFacts; fn: FunctionFact } | { kind: 'external' } | { kind: 'unfound' };

function lastName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** What a callee written in `module` is: a project function, something inert, or a function we cannot follow. */
function resolveCallee(reader: ImportTimeReader, module: ModuleFacts, callee: string): Resolved {
  const head = callee.split('.')[0] ?? callee;
  const local = module.functions?.get(callee);
  if (local) return { kind: 'function', module, fn: local };
  const qualified = reader.qualify(module, callee);
  if (qualified === callee && !module.imports.aliases.has(head)) {
    // Not imported: a builtin, a local value's method (`column.type.options.get`), or a name we cannot see.
    if (callee.includes('.') || PURE_BUILTINS.has(callee)) return { kind: 'inert' };
    return { kind: 'unfound' };
  }
  if (INERT_NAMESPACES.test(qualified)) return { kind: 'inert' };
  // The longest module prefix that is a project module holds the function.
  const parts = qualified.split('.');
  for (let cut = parts.length - 1; cut >= 1; cut--) {
    const owner = reader.scope.findModule(parts.slice(0, cut).join('.'));
    if (!owner) continue;
    const fn = parts.length - cut === 1 ? owner.functions?.get(parts[cut] as string) : undefined;
    return fn ? { kind: 'function', module: owner, fn } : { kind: 'unfound' };
  }
  return { kind: 'external' };
}

/** Why calling `fn` with a model may build schema; null when following it shows it does not. */
function buildsSchema(
  reader: ImportTimeReader,
  module: ModuleFacts,
  fn: FunctionFact,
  depth: number,
  seen: Set<FunctionFact>,
): Omit<ImportTimeCall, 'callee' | 'location' | 'tables'> | null {
  if (fn.builds !== null) return { why: 'builds', builds: { what: fn.builds, inFunction: fn.name } };
  if (seen.has(fn)) return null;
  seen.add(fn);
  for (const call of fn.calls) {
    if (call.callee === null) {
      if (call.handed) return { why: 'builds', builds: { what: '(...)', inFunction: fn.name } };
      continue;
    }
    if (SCHEMA_BUILDERS.has(lastName(call.callee))) return { why: 'builds', builds: { what: `${call.callee}(...)`, inFunction: fn.name } };
    if (!call.handed) continue;
    const head = call.callee.split('.')[0] ?? '';
    // A method of the parameter itself (`model.query.filter(...)`): only the builders above alter it.
    if (fn.params.includes(head) && call.callee.includes('.')) continue;
    const resolved = resolveCallee(reader, module, call.callee);
    if (resolved.kind === 'inert') continue;
    if (resolved.kind !== 'function' || depth >= MAX_DEPTH) return { why: 'builds', builds: { what: `${call.callee}(...)`, inFunction: fn.name } };
    const inner = buildsSchema(reader, resolved.module, resolved.fn, depth + 1, seen);
    if (inner) return inner;
  }
  return null;
}

/** The tables of the model classes and Table objects among a call's arguments (`Project`, `Project.__table__`, `[A, B]`). */
function handedTables(reader: ImportTimeReader, module: ModuleFacts, call: Extract<PyExpr, { kind: 'call' }>): string[] {
  const out: string[] = [];
  const visit = (expr: PyExpr) => {
    if (expr.kind === 'list' || expr.kind === 'tuple' || expr.kind === 'set') {
      expr.items.forEach(visit);
      return;
    }
    const target = expr.kind === 'attr' && expr.attr === '__table__' ? expr.object : expr;
    const dotted = target.kind === 'name' || target.kind === 'attr' ? dottedName(target) : null;
    const table = dotted ? reader.tableOf(module, dotted) : null;
    if (table && !out.includes(table)) out.push(table);
  };
  call.args.forEach(visit);
  Object.values(call.kwargs).forEach(visit);
  return out;
}

/** The module-level calls of `modules` handed model classes whose effect on the schema cannot be ruled out. */
export function importTimeCalls(modules: ModuleFacts[], reader: ImportTimeReader): ImportTimeCall[] {
  const out: ImportTimeCall[] = [];
  for (const module of modules) {
    const statements = [
      ...module.calls.map((expr) => ({ expr, range: expr.range })),
      ...[...module.assignments.values()].map((a) => ({ expr: a.value, range: a.range })),
    ];
    for (const { expr, range } of statements) {
      if (expr.kind !== 'call') continue;
      const callee = calleeName(expr);
      if (callee === null) continue;
      const tables = handedTables(reader, module, expr);
      if (tables.length === 0) continue;
      const location = { file: module.path, range };
      // `setattr(User, "extra", Column(...))` adds a column, whatever namespace it comes from.
      if (callee === 'setattr') {
        out.push({ callee, location, tables, why: 'builds', builds: { what: 'setattr(...)' } });
        continue;
      }
      const resolved = resolveCallee(reader, module, callee);
      if (resolved.kind === 'inert') continue;
      if (resolved.kind === 'function') {
        const builds = buildsSchema(reader, resolved.module, resolved.fn, 0, new Set());
        if (builds) out.push({ callee, location, tables, ...builds });
        continue;
      }
      out.push({ callee, location, tables, why: resolved.kind });
    }
  }
  return out.sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.range.start.line - b.location.range.start.line);
}
