// Which classes are models: those deriving (through any chain of project classes) from a declarative
// base — Flask-SQLAlchemy's db.Model, declarative_base(), a DeclarativeBase subclass, @as_declarative.
// Found by inheritance, never by file name.
import { calleeName, dottedName, strValue, type PyExpr } from '../python/expr';
import type { Range } from '../source';
import type { ClassFact, ModuleFacts } from './moduleFacts';
import type { ProjectScope, Symbol } from './scope';
import type { CallableToken } from '../schema/conventionTokens';
import type { NamingConvention } from '../schema/naming';

export interface DeclarativeRoot {
  /** Flask-SQLAlchemy models get implicit __tablename__ from the class name. */
  flask: boolean;
  /** The MetaData naming_convention, when one is given. */
  namingConvention: NamingConvention | null;
  /** DeclarativeBase.type_annotation_map entries (Python type name → SQLAlchemy type expression), with their module. */
  typeAnnotationMap: { module: ModuleFacts; entries: { key: PyExpr; value: PyExpr }[] } | null;
}

export type ClassRole = 'model' | 'abstract' | 'base' | 'other';

export interface ClassInfo {
  module: ModuleFacts;
  cls: ClassFact;
  role: ClassRole;
  root: DeclarativeRoot | null;
  /** Project classes among the bases, in MRO-ish order (first base first). */
  parents: ClassInfo[];
  /** Bases from outside the project (or not resolved) that may add columns this tool cannot see. */
  opaqueBases?: string[];
  /** Where each opaque base is written in the class statement (same order as opaqueBases). */
  opaqueRanges?: Range[];
}

/** Bases that never add columns (flask_login's and Flask-Security's UserMixin/RoleMixin only add methods and properties). */
const INERT_BASE =
  /^(object|Exception|BaseException|dict|list|str|int|Generic|Protocol|typing\..*|abc\..*|enum\..*|sqlalchemy\..*|flask_sqlalchemy\..*|builtins\..*|dataclasses\..*|flask_login\.(?:mixins\.)?(?:UserMixin|AnonymousUserMixin)|flask_security\.(?:core\.)?(?:UserMixin|RoleMixin|WebAuthnMixin))$/;

const DECLARATIVE_BASE_CLASSES = new Set(['sqlalchemy.orm.DeclarativeBase', 'sqlalchemy.orm.DeclarativeBaseNoMeta']);
const DECLARATIVE_BASE_FACTORIES = new Set(['sqlalchemy.orm.declarative_base', 'sqlalchemy.ext.declarative.declarative_base']);
const CONVENTION_KEYS: Record<string, string> = {
  Index: 'ix',
  UniqueConstraint: 'uq',
  CheckConstraint: 'ck',
  ForeignKeyConstraint: 'fk',
  PrimaryKeyConstraint: 'pk',
};

/** A naming_convention value that is not a template: a function SQLAlchemy calls (followed when it is a project function of one `return`). */
function callableToken(scope: ProjectScope, module: ModuleFacts, value: PyExpr, key: string): CallableToken {
  const dotted = dottedName(value);
  let fn = dotted === null ? undefined : module.functions?.get(dotted);
  if (!fn && dotted !== null) {
    // Imported from another project module: the longest module prefix that is one holds it.
    const parts = scope.qualifyIn(module, dotted).split('.');
    const owner = parts.length > 1 ? scope.findModule(parts.slice(0, -1).join('.')) : null;
    fn = owner?.functions?.get(parts[parts.length - 1] as string);
  }
  return { kind: 'callable', name: dotted ?? key, params: fn?.params ?? [], body: fn?.returns ?? null };
}

/** A naming_convention dict (a literal, or a module-level name bound to one). */
function readConventionValue(scope: ProjectScope, module: ModuleFacts, convention: PyExpr | undefined): NamingConvention | null {
  let owner = module;
  if (convention?.kind === 'name') {
    const symbol = scope.resolve(module, convention.id);
    if (symbol?.kind === 'assignment') {
      convention = symbol.fact.value;
      owner = symbol.module;
    }
  }
  if (convention?.kind !== 'dict') return null;
  const out: NamingConvention = {};
  for (const { key, value } of convention.entries) {
    const template = strValue(value);
    const keyName = strValue(key) ?? CONVENTION_KEYS[(dottedName(key) ?? '').split('.').pop() ?? ''];
    if (!keyName) continue;
    out[keyName] = template !== undefined ? template : callableToken(scope, owner, value, keyName);
  }
  return out;
}

/** naming_convention={...} from a MetaData(...) call (a dict literal or a module-level dict). */
function readNamingConvention(scope: ProjectScope, module: ModuleFacts, metadata: PyExpr | undefined): NamingConvention | null {
  if (metadata?.kind !== 'call') return null;
  if (!scope.qualifyIn(module, calleeName(metadata) ?? '').endsWith('MetaData')) return null;
  return readConventionValue(scope, module, metadata.kwargs.naming_convention);
}

/**
 * `db.Model.metadata.naming_convention = ...` / `db.metadata.naming_convention = ...` /
 * `Base.metadata.naming_convention = ...` in the module that makes `owner`: set before the models are
 * declared, it names their constraints as a MetaData(naming_convention=...) would.
 */
function assignedConvention(scope: ProjectScope, module: ModuleFacts, owner: string, attributes: string[]): NamingConvention | null {
  for (const attribute of attributes) {
    const assigned = module.assignments.get(`${owner}.${attribute}.naming_convention`);
    if (assigned) return readConventionValue(scope, module, assigned.value);
  }
  return null;
}

function rootFromDbObject(scope: ProjectScope, symbol: Symbol | null): DeclarativeRoot {
  if (symbol?.kind === 'assignment' && symbol.fact.value.kind === 'call') {
    const call = symbol.fact.value;
    let convention = readNamingConvention(scope, symbol.module, call.kwargs.metadata);
    let typeAnnotationMap: DeclarativeRoot['typeAnnotationMap'] = null;
    const modelClass = call.kwargs.model_class;
    if (modelClass) {
      // Flask-SQLAlchemy 3.1: SQLAlchemy(model_class=Base) with a DeclarativeBase subclass.
      const base = scope.resolve(symbol.module, dottedName(modelClass) ?? '');
      if (base?.kind === 'class') {
        convention ??= readNamingConvention(scope, base.module, base.cls.dunders.get('metadata')?.value ?? undefined);
        const map = base.cls.dunders.get('type_annotation_map')?.value;
        if (map?.kind === 'dict') typeAnnotationMap = { module: base.module, entries: map.entries };
      }
    }
    convention = assignedConvention(scope, symbol.module, symbol.name, ['Model.metadata', 'metadata']) ?? convention;
    return { flask: true, namingConvention: convention, typeAnnotationMap };
  }
  return { flask: true, namingConvention: null, typeAnnotationMap: null };
}

export class ClassClassifier {
  private readonly infos = new Map<ClassFact, ClassInfo>();
  private readonly inProgress = new Set<ClassFact>();

  constructor(private readonly scope: ProjectScope) {}

  all(): ClassInfo[] {
    for (const module of this.scope.modules) for (const cls of module.classes) this.classify(module, cls);
    return [...this.infos.values()];
  }

  classify(module: ModuleFacts, cls: ClassFact): ClassInfo {
    const known = this.infos.get(cls);
    if (known) return known;
    const info: ClassInfo = { module, cls, role: 'other', root: null, parents: [] };
    if (this.inProgress.has(cls)) return info; // class A(B) / class B(A): not valid Python, never loop
    this.inProgress.add(cls);
    if (this.isAsDeclarative(module, cls)) {
      info.role = 'base';
      info.root = this.ownRoot(module, cls, false);
    }
    for (const base of cls.bases) {
      const dotted = dottedName(base.kind === 'call' ? base.func : base);
      if (dotted === null) continue;
      const symbol = this.scope.resolve(module, dotted);
      const root = this.rootOf(module, dotted, symbol, base);
      if (root) {
        info.root ??= root;
        continue;
      }
      if (symbol?.kind === 'external' && DECLARATIVE_BASE_CLASSES.has(symbol.qualified)) {
        info.role = 'base';
        info.root = this.ownRoot(module, cls, false);
        continue;
      }
      if (symbol?.kind === 'class') {
        const parent = this.classify(symbol.module, symbol.cls);
        info.parents.push(parent);
        if (parent.root) info.root ??= parent.root;
      } else {
        const qualified = symbol?.kind === 'external' ? symbol.qualified : this.scope.qualifyIn(module, dotted);
        if (INERT_BASE.test(qualified) || INERT_BASE.test(dotted)) continue;
        // A library's mixin: read from the project's virtual environment when it is installed there.
        const library = this.scope.libraryClass(qualified);
        if (library) {
          const parent = this.classify(library.module, library.cls);
          info.parents.push(parent);
          if (parent.root) info.root ??= parent.root;
          continue;
        }
        (info.opaqueBases ??= []).push(qualified);
        (info.opaqueRanges ??= []).push(base.range);
      }
    }
    if (info.role !== 'base' && info.root) {
      const abstract = cls.dunders.get('__abstract__')?.value;
      info.role = abstract?.kind === 'bool' && abstract.value ? 'abstract' : 'model';
    }
    this.inProgress.delete(cls);
    this.infos.set(cls, info);
    return info;
  }

  /**
   * The naming convention of the MetaData a Table(...) call is created on: `db.Table(...)`'s db,
   * `Table(name, Base.metadata, ...)`, `Table(name, metadata, ...)` with `metadata = MetaData(...)`.
   */
  tableConvention(module: ModuleFacts, call: Extract<PyExpr, { kind: 'call' }>): NamingConvention | null {
    const callee = calleeName(call) ?? '';
    if (this.scope.qualifyIn(module, callee) === 'flask_sqlalchemy.Table') {
      const head = callee.split('.').slice(0, -1).join('.');
      return head ? rootFromDbObject(this.scope, this.scope.resolve(module, head)).namingConvention : null;
    }
    const metadata = call.args[1] ?? call.kwargs.metadata;
    if (metadata?.kind === 'call') return readNamingConvention(this.scope, module, metadata);
    if (metadata?.kind === 'name') {
      const symbol = this.scope.resolve(module, metadata.id);
      return symbol?.kind === 'assignment' ? readNamingConvention(this.scope, symbol.module, symbol.fact.value) : null;
    }
    if (metadata?.kind === 'attr' && metadata.attr === 'metadata') {
      const owner = dottedName(metadata.object);
      const symbol = owner === null ? null : this.scope.resolve(module, owner);
      if (symbol?.kind === 'class') return this.classify(symbol.module, symbol.cls).root?.namingConvention ?? null;
      if (symbol?.kind === 'assignment') {
        if (symbol.module.imports.flaskDb.has(symbol.name)) return rootFromDbObject(this.scope, symbol).namingConvention;
        const root = this.rootOf(symbol.module, symbol.name, symbol, symbol.fact.value);
        return root?.namingConvention ?? null;
      }
    }
    return null;
  }

  private isAsDeclarative(module: ModuleFacts, cls: ClassFact): boolean {
    return cls.decorators.some((d) => /(^|\.)as_declarative(_base)?$/.test(this.scope.qualifyIn(module, calleeName(d) ?? '')));
  }

  private ownRoot(module: ModuleFacts, cls: ClassFact, flask: boolean): DeclarativeRoot {
    const mapExpr = cls.dunders.get('type_annotation_map')?.value;
    return {
      flask,
      namingConvention:
        assignedConvention(this.scope, module, cls.name, ['metadata']) ??
        readNamingConvention(this.scope, module, cls.dunders.get('metadata')?.value ?? undefined),
      typeAnnotationMap: mapExpr?.kind === 'dict' ? { module, entries: mapExpr.entries } : null,
    };
  }

  /** A base expression that is itself a declarative root (db.Model, a declarative_base() result). */
  private rootOf(module: ModuleFacts, dotted: string, symbol: Symbol | null, base: PyExpr): DeclarativeRoot | null {
    if (symbol?.kind === 'external' && symbol.qualified === 'flask_sqlalchemy.Model') {
      const head = dotted.split('.').slice(0, -1).join('.');
      const owner = head ? this.scope.resolve(module, head) : null;
      // `from flask_sqlalchemy import Model` (or flask_sqlalchemy.Model) is the plain class handed to
      // SQLAlchemy(model_class=...), not a declarative base: what derives from it is a mixin, not a table.
      if (!owner || (owner.kind === 'external' && /^flask_sqlalchemy(\.model)?$/.test(owner.qualified))) return null;
      return rootFromDbObject(this.scope, owner);
    }
    if (symbol?.kind === 'assignment' && symbol.fact.value.kind === 'call') {
      const call = symbol.fact.value;
      const factory = this.scope.qualifyIn(symbol.module, calleeName(call) ?? '');
      if (DECLARATIVE_BASE_FACTORIES.has(factory) || factory.endsWith('.generate_base')) {
        const convention =
          assignedConvention(this.scope, symbol.module, symbol.name, ['metadata']) ?? readNamingConvention(this.scope, symbol.module, call.kwargs.metadata);
        return { flask: false, namingConvention: convention, typeAnnotationMap: null };
      }
      if (factory === 'flask_sqlalchemy.SQLAlchemy' && base.kind !== 'call') return null;
    }
    // `Model = db.Model` alias.
    if (symbol?.kind === 'assignment') {
      const aliased = dottedName(symbol.fact.value);
      if (aliased && aliased !== dotted) {
        const target = this.scope.resolve(symbol.module, aliased);
        if (target?.kind === 'external' && target.qualified === 'flask_sqlalchemy.Model') return this.rootOf(symbol.module, aliased, target, symbol.fact.value);
      }
    }
    return null;
  }
}
