// Name resolution across the project's modules: what `User`, `models.User`, `Base` or `db` written in
// one module refers to, following `from .user import User` and re-exports in `__init__.py`.
import { dottedName } from '../python/expr';
import { qualifyName } from '../python/imports';
import type { LibraryModules } from './libraryModules';
import type { AssignmentFact, ClassFact, ModuleFacts } from './moduleFacts';

/** Star imports whose names are SQLAlchemy's, Alembic's or the standard typing module's (qualifyName reads those). */
const LIBRARY_STAR = /^(sqlalchemy|flask_sqlalchemy|alembic|typing)(\.|$)/;

export type Symbol =
  | { kind: 'class'; module: ModuleFacts; cls: ClassFact }
  | { kind: 'assignment'; module: ModuleFacts; name: string; fact: AssignmentFact }
  | { kind: 'module'; module: ModuleFacts }
  /** Something outside the project (sqlalchemy.String, flask_sqlalchemy.Model) by canonical name. */
  | { kind: 'external'; qualified: string };

/** Module dotted name of a file path relative to the project root (`app/models/user.py` → `app.models.user`). */
export function moduleNameOf(relativePath: string): { moduleName: string; isPackage: boolean } {
  const parts = relativePath
    .replace(/\\/g, '/')
    .replace(/\.pyi?$/, '')
    .split('/')
    .filter((p) => p && p !== '.');
  const isPackage = parts[parts.length - 1] === '__init__';
  if (isPackage) parts.pop();
  return { moduleName: parts.join('.'), isPackage };
}

export class ProjectScope {
  private readonly byName = new Map<string, ModuleFacts>();
  private readonly classIndex = new Map<ModuleFacts, Map<string, ClassFact>>();

  /** Top-level library packages a model's base class named: only these are looked up in site-packages. */
  private readonly enteredPackages = new Set<string>();

  /** `modules`: the project's own (only these are classified); `libraries`: its installed packages, read on demand. */
  constructor(
    readonly modules: ModuleFacts[],
    private readonly libraries?: LibraryModules,
  ) {
    for (const module of modules) {
      this.byName.set(module.moduleName, module);
      const classes = new Map<string, ClassFact>();
      for (const cls of module.classes) classes.set(cls.name, cls);
      this.classIndex.set(module, classes);
    }
  }

  /** A project module by dotted name; a suffix match allows `src/` layouts and scripts run from a subdirectory. */
  findModule(name: string): ModuleFacts | null {
    const exact = this.byName.get(name);
    if (exact) return exact;
    if (!name) return null;
    // `src/app/models.py` read from the repository root is module `src.app.models`, imported as `app.models`.
    let best: ModuleFacts | null = null;
    for (const [moduleName, module] of this.byName) {
      if (moduleName.endsWith(`.${name}`) && (!best || moduleName.length < best.moduleName.length)) best = module;
    }
    if (best) return best;
    // The project root is inside the package: `app.models` imported where the file is `models.py`.
    for (const [moduleName, module] of this.byName) {
      if (moduleName && name.endsWith(`.${moduleName}`) && (!best || moduleName.length > best.moduleName.length)) best = module;
    }
    return best;
  }

  classesOf(module: ModuleFacts): Map<string, ClassFact> {
    let classes = this.classIndex.get(module);
    if (!classes) {
      // A library module, read during this reading.
      classes = new Map(module.classes.map((c) => [c.name, c]));
      this.classIndex.set(module, classes);
    }
    return classes;
  }

  /**
   * A class from outside the project that a model derives from, read from the project's installed
   * packages (models/libraryModules.ts); null when the package is not installed or the class is not found.
   */
  libraryClass(qualified: string): Extract<Symbol, { kind: 'class' }> | null {
    const top = qualified.split('.')[0] ?? '';
    if (!this.libraries?.hasPackage(top)) return null;
    this.enteredPackages.add(top);
    const symbol = this.resolveQualified(qualified);
    return symbol.kind === 'class' ? symbol : null;
  }

  /** A module by dotted name: the project's own first, then an entered library package's. */
  private moduleNamed(name: string): ModuleFacts | null {
    const exact = this.byName.get(name);
    if (exact) return exact;
    if (this.libraries && this.enteredPackages.has(name.split('.')[0] ?? '')) {
      const library = this.libraries.module(name);
      if (library) return library;
    }
    return this.findModule(name);
  }

  private readonly resolved = new Map<ModuleFacts, Map<string, Symbol | null>>();

  /** Resolves a dotted name as written in `module`. Memoized (a reading resolves `db.Model` once per class). */
  resolve(module: ModuleFacts, dotted: string, depth = 0): Symbol | null {
    if (depth > 0) return this.resolveAt(module, dotted, depth);
    let perModule = this.resolved.get(module);
    if (!perModule) this.resolved.set(module, (perModule = new Map()));
    let symbol = perModule.get(dotted);
    if (symbol === undefined) perModule.set(dotted, (symbol = this.resolveAt(module, dotted, 0)));
    return symbol;
  }

  /** `seen`: the modules a star-import lookup already entered (starImported). */
  private resolveAt(module: ModuleFacts, dotted: string, depth: number, seen?: Set<ModuleFacts>): Symbol | null {
    if (depth > 12) return null;
    const [head = '', ...rest] = dotted.split('.');
    const local = this.localSymbol(module, head);
    if (local) return this.member(local, rest, depth);
    const qualified = qualifyName(dotted, module.imports);
    if (qualified !== dotted || module.imports.aliases.has(head)) return this.resolveQualified(qualified, depth);
    if (head.startsWith('_') || module.imports.starModules.length === 0) return null;
    return this.starImported(module, dotted, depth, seen ?? new Set([module]));
  }

  /**
   * A name that `from pkg.base import *` brought in: the project module's own binding of it (the last
   * star import that has one wins, as in Python; names starting with `_` are never star-imported).
   * SQLAlchemy's own star imports are qualifyName's. Each module is entered once per lookup, so star
   * imports in a cycle (a package's `__init__` and its modules) cost one pass over them.
   */
  private starImported(module: ModuleFacts, dotted: string, depth: number, seen: Set<ModuleFacts>): Symbol | null {
    const stars = module.imports.starModules;
    for (let i = stars.length - 1; i >= 0; i--) {
      const name = stars[i] as string;
      if (LIBRARY_STAR.test(name)) continue;
      const source = this.byName.get(name) ?? this.findModule(name);
      if (!source || seen.has(source)) continue;
      seen.add(source);
      const symbol = this.resolveAt(source, dotted, depth + 1, seen);
      if (symbol) return symbol;
    }
    return null;
  }

  /** A name defined in the module itself (a class or an assignment). */
  private localSymbol(module: ModuleFacts, name: string): Symbol | null {
    const cls = this.classesOf(module).get(name);
    if (cls) return { kind: 'class', module, cls };
    const fact = module.assignments.get(name);
    if (fact) return { kind: 'assignment', module, name, fact };
    return null;
  }

  /** `a.b.c` relative to a symbol: modules have members, the rest has none we follow. */
  private member(symbol: Symbol, rest: string[], depth: number): Symbol | null {
    if (rest.length === 0) return symbol;
    if (symbol.kind === 'module') return this.resolve(symbol.module, rest.join('.'), depth + 1);
    if (symbol.kind === 'external') return { kind: 'external', qualified: `${symbol.qualified}.${rest.join('.')}` };
    if (symbol.kind === 'assignment') {
      // `db.Model` where `db = SQLAlchemy()`: resolved through the module's own qualifyName.
      const qualified = qualifyName(`${symbol.name}.${rest.join('.')}`, symbol.module.imports);
      if (qualified.startsWith('sqlalchemy') || qualified.startsWith('flask_sqlalchemy')) return { kind: 'external', qualified };
      // `db = _DB()`, an instance of a project class that wraps SQLAlchemy (`Model = _Base`, `Column = Column`).
      const value = symbol.fact.value;
      const made = value.kind === 'call' ? dottedName(value.func) : null;
      const cls = made === null ? null : this.resolve(symbol.module, made, depth + 1);
      if (cls?.kind === 'class') return this.classAttribute(cls, rest, depth);
    }
    return null;
  }

  /**
   * `Wrapper.Model` / `wrapper_instance.Column`: a class attribute that names something else
   * (`Model = _Base`), found in the class or its project bases and resolved where it is written.
   * Attributes holding other values (columns, literals) and methods are not followed.
   */
  private classAttribute(symbol: Extract<Symbol, { kind: 'class' }>, rest: string[], depth: number): Symbol | null {
    if (depth > 12) return null;
    const [name = '', ...more] = rest;
    const attribute = symbol.cls.attributes.find((a) => a.name === name) ?? symbol.cls.dunders.get(name);
    const value = attribute?.value;
    if (value && (value.kind === 'name' || value.kind === 'attr')) {
      const target = this.resolve(symbol.module, dottedName(value) as string, depth + 1);
      return target ? this.member(target, more, depth + 1) : null;
    }
    // A method ending in `return sa.Table(...)` is a Table factory (what such wrappers add is the MetaData
    // argument, which the Table reader skips); other forwarding methods may change arguments: not followed.
    const forward = attribute ? undefined : symbol.cls.forwards.find((f) => f.name === name);
    if (forward) {
      const target = this.resolve(symbol.module, forward.callee, depth + 1);
      return target?.kind === 'external' && target.qualified === 'sqlalchemy.Table' && more.length === 0 ? target : null;
    }
    if (attribute || symbol.cls.methods.includes(name)) return null;
    for (const base of symbol.cls.bases) {
      const dotted = dottedName(base);
      const parent = dotted === null ? null : this.resolve(symbol.module, dotted, depth + 1);
      const found = parent?.kind === 'class' ? this.classAttribute(parent, rest, depth + 1) : null;
      if (found) return found;
    }
    return null;
  }

  /** A canonical dotted name: a project module member, or external. */
  resolveQualified(qualified: string, depth = 0): Symbol {
    if (qualified.startsWith('sqlalchemy') || qualified.startsWith('flask_sqlalchemy') || qualified.startsWith('typing')) {
      return { kind: 'external', qualified };
    }
    const parts = qualified.split('.');
    // Longest module prefix that is a project module: modules named exactly first, then the suffix
    // matches of findModule (and library modules). Otherwise, with the root inside the package,
    // `core.db.sqlalchemy.core.db` (the name db in module core.db.sqlalchemy.core) would match module
    // `core.db` as a suffix.
    for (const exact of [true, false]) {
      for (let cut = parts.length; cut >= 1; cut--) {
        const name = parts.slice(0, cut).join('.');
        const module = exact ? (this.byName.get(name) ?? null) : this.moduleNamed(name);
        if (!module) continue;
        const rest = parts.slice(cut);
        if (rest.length === 0) return { kind: 'module', module };
        const found = this.resolve(module, rest.join('.'), depth + 1);
        if (found) return found;
      }
    }
    // The project directory itself is a package (DIR/__init__.py, module ""): `from . import db` in
    // DIR/models.py, or `from app import db` when DIR is the `app` package.
    const rootPackage = this.byName.get('');
    if (rootPackage) {
      for (const candidate of [qualified, parts.slice(1).join('.')]) {
        if (!candidate) continue;
        const found = this.resolve(rootPackage, candidate, depth + 1);
        if (found && (found.kind !== 'external' || found.qualified !== candidate)) return found;
      }
    }
    return { kind: 'external', qualified };
  }

  private readonly qualified = new Map<ModuleFacts, Map<string, string>>();

  /** Canonical name of what a dotted name refers to, following project re-exports (`from app import db`). Memoized. */
  qualifyIn(module: ModuleFacts, dotted: string): string {
    let perModule = this.qualified.get(module);
    if (!perModule) this.qualified.set(module, (perModule = new Map()));
    let result = perModule.get(dotted);
    if (result === undefined) perModule.set(dotted, (result = this.computeQualified(module, dotted)));
    return result;
  }

  private computeQualified(module: ModuleFacts, dotted: string): string {
    const symbol = this.resolve(module, dotted);
    if (!symbol) return qualifyName(dotted, module.imports);
    if (symbol.kind === 'external') return symbol.qualified;
    if (symbol.kind === 'assignment' && symbol.module.imports.flaskDb.has(symbol.name)) return 'flask_sqlalchemy.SQLAlchemy()';
    if (symbol.kind === 'module') return symbol.module.moduleName;
    return `${symbol.module.moduleName}.${symbol.kind === 'class' ? symbol.cls.name : symbol.name}`;
  }
}
