// What the names in one Python module refer to: its import statements read into an alias map,
// so `sa.String`, `Int` (from sqlalchemy import Integer as Int) and `db.String` (Flask-SQLAlchemy)
// all resolve to one canonical dotted name such as `sqlalchemy.String`.
import type { SyntaxNode } from './parser';

export interface ImportMap {
  /** Local name → the dotted name it is bound to (`sa` → `sqlalchemy`, `Int` → `sqlalchemy.Integer`). */
  aliases: Map<string, string>;
  /** Modules imported with `from M import *`, in order. */
  starModules: string[];
  /** Local names bound to a Flask-SQLAlchemy `SQLAlchemy()` object (usually `db`). */
  flaskDb: Set<string>;
}

export function emptyImportMap(): ImportMap {
  return { aliases: new Map(), starModules: [], flaskDb: new Set() };
}

/** Names Flask-SQLAlchemy 3 re-exports on `db` from sqlalchemy.orm rather than from sqlalchemy. */
const FLASK_DB_ORM_NAMES = new Set([
  'relationship',
  'relation',
  'backref',
  'dynamic_loader',
  'column_property',
  'composite',
  'synonym',
  'deferred',
  'mapped_column',
  'Mapped',
  'declared_attr',
  'DeclarativeBase',
  'DeclarativeBaseNoMeta',
  'MappedAsDataclass',
  'declarative_base',
  'registry',
  'validates',
  'reconstructor',
  'joinedload',
  'selectinload',
  'subqueryload',
  'lazyload',
  'noload',
  'aliased',
  'with_polymorphic',
  'foreign',
  'remote',
  'query_expression',
  'with_expression',
]);

/** Names that belong to Flask-SQLAlchemy itself on `db`. */
const FLASK_DB_OWN_NAMES = new Set([
  'Model',
  'Table',
  'metadata',
  'metadatas',
  'session',
  'Query',
  'engine',
  'engines',
  'paginate',
  'get_or_404',
  'first_or_404',
  'one_or_404',
  'init_app',
  'create_all',
  'drop_all',
  'reflect',
  'get_engine',
]);

/** Submodules whose public names SQLAlchemy also exports at the top level. */
const SQLALCHEMY_TOP_LEVEL_PREFIXES = [
  'sqlalchemy.types.',
  'sqlalchemy.sql.sqltypes.',
  'sqlalchemy.sql.schema.',
  'sqlalchemy.schema.',
  'sqlalchemy.sql.expression.',
  'sqlalchemy.sql.elements.',
  'sqlalchemy.sql.functions.',
  'sqlalchemy.sql.',
];

/** One spelling per SQLAlchemy name: `sqlalchemy.types.String` → `sqlalchemy.String`, `…postgresql.json.JSONB` → `…postgresql.JSONB`. */
export function canonicalName(dotted: string): string {
  for (const prefix of SQLALCHEMY_TOP_LEVEL_PREFIXES) {
    if (dotted.startsWith(prefix)) {
      const rest = dotted.slice(prefix.length);
      // sqlalchemy.sql.func.now stays a func call; only strip the module part.
      return `sqlalchemy.${rest}`;
    }
  }
  const dialect = /^sqlalchemy\.dialects\.(postgresql|mysql|sqlite|oracle|mssql)\.[a-z_]+\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(dotted);
  if (dialect) return `sqlalchemy.dialects.${dialect[1]}.${dialect[2]}`;
  const orm = /^sqlalchemy\.(?:orm\.(?:decl_api|base|properties|relationships|attributes|_orm_constructors)|ext\.declarative)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(
    dotted,
  );
  if (orm) return `sqlalchemy.orm.${orm[1]}`;
  if (/^flask_sqlalchemy\.[a-z_]+\.SQLAlchemy$/.test(dotted)) return 'flask_sqlalchemy.SQLAlchemy';
  // sqlalchemy.testing.schema re-exports Column and mapped_column (some projects import them from there).
  const testing = /^sqlalchemy\.testing\.schema\.(Column|mapped_column|Table)$/.exec(dotted);
  if (testing) return testing[1] === 'mapped_column' ? 'sqlalchemy.orm.mapped_column' : `sqlalchemy.${testing[1]}`;
  // Flask-SQLAlchemy before 2.0 was also importable as flask.ext.sqlalchemy.
  if (dotted === 'flask.ext.sqlalchemy' || dotted.startsWith('flask.ext.sqlalchemy.'))
    return canonicalName(`flask_sqlalchemy${dotted.slice('flask.ext.sqlalchemy'.length)}`);
  return dotted;
}

/** The package a relative import starts from: `from .x` in `app/models/user.py` (module `app.models.user`) → `app.models`. */
function resolveRelative(dots: number, rest: string, moduleName: string | undefined, isPackage: boolean): string {
  if (moduleName === undefined) return '.'.repeat(dots) + rest;
  const parts = moduleName.split('.').filter(Boolean);
  // A package's __init__ is its own package; a plain module's package is its parent.
  const base = isPackage ? parts : parts.slice(0, -1);
  const up = base.slice(0, Math.max(0, base.length - (dots - 1)));
  return [...up, ...(rest ? [rest] : [])].join('.');
}

export interface ReadImportsOptions {
  /** The module's own dotted name (`app.models.user`), for relative imports. Without it they keep their leading dots. */
  moduleName?: string;
  /** True for a package's `__init__.py`. */
  isPackage?: boolean;
}

/**
 * What one import-like statement does to the module's names, recorded as plain data so that a
 * statement read once (its parse tree gone) can be applied again in order.
 */
export type ImportAction =
  | { kind: 'alias'; name: string; target: string }
  | { kind: 'star'; module: string }
  | { kind: 'flaskDb'; name: string; callee: string }
  | { kind: 'flaskDbSubclass'; name: string; bases: string[] };

/** A map-like sink for import actions (the alias map is applied in statement order). */
interface ActionSink {
  aliases: { set(name: string, target: string): void };
  starModules: { push(module: string): void };
}

function readImportStatement(node: SyntaxNode, map: ActionSink): void {
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias) map.aliases.set(alias, canonicalName(name));
    } else if (child.type === 'dotted_name') {
      // `import a.b.c` binds `a`.
      const first = child.text.split('.')[0];
      if (first) map.aliases.set(first, first);
    }
  }
}

function readFromImport(node: SyntaxNode, map: ActionSink, options: ReadImportsOptions): void {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  let moduleName: string;
  if (moduleNode.type === 'relative_import') {
    const dots = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix')?.text.length ?? 1;
    const rest = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name')?.text ?? '';
    moduleName = resolveRelative(dots, rest, options.moduleName, options.isPackage ?? false);
  } else {
    moduleName = moduleNode.text;
  }
  if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) {
    map.starModules.push(moduleName);
    return;
  }
  const join = (name: string) => (moduleName === '' || moduleName.endsWith('.') ? `${moduleName}${name}` : `${moduleName}.${name}`);
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias) map.aliases.set(alias, canonicalName(join(name)));
    } else if (child.type === 'dotted_name') {
      map.aliases.set(child.text, canonicalName(join(child.text)));
    }
  }
}

/** `db = SQLAlchemy(...)` (optionally annotated): a candidate Flask-SQLAlchemy object, checked when applied. */
function readFlaskDbAssignment(node: SyntaxNode, actions: ImportAction[]): void {
  const assignment = node.namedChildren[0];
  if (assignment?.type !== 'assignment') return;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || right?.type !== 'call') return;
  const callee = right.childForFieldName('function')?.text.replace(/\s+/g, '');
  if (callee) actions.push({ kind: 'flaskDb', name: left.text, callee });
}

/**
 * `class RedashSQLAlchemy(SQLAlchemy): ...` — a project's own subclass of Flask-SQLAlchemy's
 * SQLAlchemy: its instances are `db` objects too, so the class name stands for SQLAlchemy.
 */
function readFlaskDbSubclass(node: SyntaxNode, actions: ImportAction[]): void {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (definition?.type !== 'class_definition') return;
  const name = definition.childForFieldName('name')?.text;
  const bases = definition.childForFieldName('superclasses')?.namedChildren ?? [];
  if (!name) return;
  const dotted = bases.flatMap((base) => (base !== null && (base.type === 'identifier' || base.type === 'attribute') ? [base.text.replace(/\s+/g, '')] : []));
  if (dotted.length > 0) actions.push({ kind: 'flaskDbSubclass', name, bases: dotted });
}

const NESTING = new Set(['if_statement', 'try_statement', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause', 'block']);

/** Module-level statements, including those nested in `if`/`try` blocks (e.g. `if TYPE_CHECKING:`). */
function* moduleStatements(node: SyntaxNode): Generator<SyntaxNode> {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (NESTING.has(child.type)) {
      yield* moduleStatements(child);
    } else {
      yield child;
    }
  }
}

/** The import actions of a module's (or a chunk's) statements, in order. */
export function readImportActions(root: SyntaxNode, options: ReadImportsOptions = {}): ImportAction[] {
  const actions: ImportAction[] = [];
  const sink: ActionSink = {
    aliases: { set: (name, target) => actions.push({ kind: 'alias', name, target }) },
    starModules: { push: (module) => actions.push({ kind: 'star', module }) },
  };
  for (const statement of moduleStatements(root)) {
    const type = statement.type;
    if (type === 'import_statement') readImportStatement(statement, sink);
    else if (type === 'import_from_statement') readFromImport(statement, sink, options);
    else if (type === 'expression_statement') readFlaskDbAssignment(statement, actions);
    else if (type === 'class_definition' || type === 'decorated_definition') readFlaskDbSubclass(statement, actions);
  }
  return actions;
}

/** Applies import actions in order (a `db = SQLAlchemy()` counts only if `SQLAlchemy` is bound by then). */
export function applyImportActions(actions: readonly ImportAction[], map: ImportMap): void {
  for (const action of actions) {
    if (action.kind === 'alias') map.aliases.set(action.name, action.target);
    else if (action.kind === 'star') map.starModules.push(action.module);
    else if (action.kind === 'flaskDb') {
      if (qualifyName(action.callee, map) === 'flask_sqlalchemy.SQLAlchemy') map.flaskDb.add(action.name);
    } else if (action.bases.some((base) => qualifyName(base, map) === 'flask_sqlalchemy.SQLAlchemy'))
      map.aliases.set(action.name, 'flask_sqlalchemy.SQLAlchemy');
  }
}

/** Reads a module's imports (and `db = SQLAlchemy()` objects) from its tree's root node. */
export function readImports(root: SyntaxNode, options: ReadImportsOptions = {}): ImportMap {
  const map = emptyImportMap();
  applyImportActions(readImportActions(root, options), map);
  return map;
}

/** What an attribute of a Flask-SQLAlchemy `db` object refers to. */
function flaskDbAttribute(rest: string): string {
  const [first = ''] = rest.split('.');
  if (FLASK_DB_OWN_NAMES.has(first)) return `flask_sqlalchemy.${rest}`;
  if (FLASK_DB_ORM_NAMES.has(first)) return `sqlalchemy.orm.${rest}`;
  return canonicalName(`sqlalchemy.${rest}`);
}

/**
 * The canonical dotted name a dotted expression refers to in this module.
 * `sa.String` → `sqlalchemy.String`; `Int` → `sqlalchemy.Integer`; `db.String` → `sqlalchemy.String`;
 * `db.Model` → `flask_sqlalchemy.Model`. A name the module does not import comes back unchanged.
 */
export function qualifyName(dotted: string, imports: ImportMap): string {
  const dot = dotted.indexOf('.');
  const head = dot === -1 ? dotted : dotted.slice(0, dot);
  const rest = dot === -1 ? '' : dotted.slice(dot + 1);
  if (imports.flaskDb.has(head)) return rest ? flaskDbAttribute(rest) : 'flask_sqlalchemy.SQLAlchemy()';
  const bound = imports.aliases.get(head);
  if (bound !== undefined) return canonicalName(rest ? `${bound}.${rest}` : bound);
  // `from sqlalchemy import *` makes every SQLAlchemy name available bare.
  for (const module of imports.starModules) {
    if (module === 'sqlalchemy' || module.startsWith('sqlalchemy.')) return canonicalName(`${module}.${dotted}`);
  }
  return dotted;
}
