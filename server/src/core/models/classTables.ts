// Declarative classes → table declarations, following SQLAlchemy's and Flask-SQLAlchemy's rules:
// where __tablename__ comes from, mixin / __abstract__ columns copied into each model, single-table
// subclasses adding columns to the parent's table, joined-table subclasses getting their own.
import * as l10n from '@vscode/l10n';
import { dottedName } from '../python/expr';
import type { Range, SourceLocation } from '../source';
import { interpretAnnotation, type MappedAnnotation } from './annotations';
import type { ClassInfo } from './bases';
import { asColumnCall, readColumn, type ColumnContext, type ColumnRef } from './columns';
import type { ModuleContexts } from './context';
import type { ColumnDecl, TableDecl } from './decls';
import type { UnnamedModel } from './types';
import type { AttributeFact } from './moduleFacts';
import { bindKey } from './bindKey';
import { mroOf } from './mro';
import { emptyTableParts, readTableArgs, schemaOption, type TableParts } from './tableArgs';
import { inlineTableOptions } from './constants';
import { tableKey } from '../schema/tableKey';
import type { ColumnReadCache } from './columnCache';
import { tableFromTableCall } from './tableObjects';
import { ANY_COLUMN, isColumnProperty, NOT_COLUMNS, unseenColumnNames } from './attributeKinds';
import { OPAQUE_TEXT, relocated } from './libraryModules';
import { attributeForClass, evaluateForClass, type ClassEvalHost } from './classEval';

export { ANY_COLUMN } from './attributeKinds';

/** Flask-SQLAlchemy 3's camel_to_snake_case. */
export function camelToSnakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1')
    .toLowerCase()
    .replace(/^_+/, '');
}

type Mapping = { kind: 'own'; table: string; tablenameRange?: Range } | { kind: 'single'; parent: ClassInfo } | { kind: 'none' };

export class ClassTableReader {
  private readonly mappings = new Map<ClassInfo, Mapping>();

  constructor(
    private readonly infos: ClassInfo[],
    private readonly contexts: ModuleContexts,
    private readonly cache?: ColumnReadCache,
  ) {}

  private isMappedParent(info: ClassInfo, of: ClassInfo): boolean {
    return info !== of && info.role === 'model';
  }

  /** What declared_attrs evaluated per model (classEval.ts) ask of the models. */
  private readonly evalHost: ClassEvalHost = {
    stringConstant: (module, dotted) => this.contexts.stringConstant(module, dotted),
    tableName: (info) => this.mappedTable(info),
  };

  /** The table (without schema) a model maps to, its own or its single-table parent's. */
  private mappedTable(info: ClassInfo): string | null {
    const mapping = ((owner) => (owner ? this.mapping(owner) : null))(this.ownerOf(info));
    return mapping?.kind === 'own' ? mapping.table : null;
  }

  /** A `__tablename__` value: a string, a module constant, or a declared_attr computed for the model (classEval.ts). */
  private tablenameValue(fact: AttributeFact, owner: ClassInfo, forClass: ClassInfo): string | null {
    const value = fact.declaredAttr && fact.value ? evaluateForClass(fact.value, owner, forClass, this.evalHost) : fact.value;
    if (value?.kind === 'str') return value.value;
    if (value?.kind === 'name' || value?.kind === 'attr') {
      const dotted = dottedName(value);
      const constant = dotted === null ? null : this.contexts.stringConstant(owner.module, dotted);
      if (constant !== null) return constant;
    }
    this.contexts.note(owner.module, l10n.t('__tablename__ cannot be evaluated statically; this model is skipped'), fact.range, 'unresolved-name');
    if (!this.unnamed.some((u) => u.info === forClass)) this.unnamed.push({ info: forClass, tablename: { file: owner.module.path, range: fact.range } });
    return null;
  }

  /** Models skipped because their __tablename__ cannot be read (they map some table nobody can name). */
  private readonly unnamed: { info: ClassInfo; tablename: SourceLocation }[] = [];

  /** The skipped models with the columns they declare (call after tables()). */
  unnamedModels(): UnnamedModel[] {
    return this.unnamed.map(({ info, tablename }) => ({
      className: info.cls.name,
      location: { file: info.module.path, range: info.cls.nameRange },
      tablename,
      columns: this.columnsOf(info).map((c) => c.name),
    }));
  }

  mapping(info: ClassInfo): Mapping {
    const known = this.mappings.get(info);
    if (known) return known;
    this.mappings.set(info, { kind: 'none' }); // guards cycles
    const result = this.computeMapping(info);
    this.mappings.set(info, result);
    return result;
  }

  private computeMapping(info: ClassInfo): Mapping {
    if (info.role !== 'model') return { kind: 'none' };
    const mro = mroOf(info);
    const mappedParent = mro.slice(1).find((c) => c.role === 'model');
    const tableDunder = info.cls.dunders.get('__table__');
    if (tableDunder) {
      const name = tableDunder.value?.kind === 'call' ? tableDunder.value.args[0] : undefined;
      if (name?.kind === 'str') return { kind: 'own', table: name.value };
    }
    let explicit: { fact: AttributeFact; owner: ClassInfo } | null = null;
    for (const c of mro) {
      const fact = c.cls.dunders.get('__tablename__');
      if (!fact) continue;
      explicit = { fact, owner: c };
      break;
    }
    if (info.root?.flask) return this.flaskMapping(info, explicit, mappedParent);
    if (explicit && !this.isMappedParent(explicit.owner, info)) {
      const table = this.tablenameValue(explicit.fact, explicit.owner, info);
      return table === null ? { kind: 'none' } : { kind: 'own', table, tablenameRange: explicit.fact.range };
    }
    if (mappedParent) return { kind: 'single', parent: mappedParent };
    this.contexts.note(info.module, l10n.t('model {0} has no __tablename__; SQLAlchemy cannot map it', info.cls.name), info.cls.nameRange, 'unresolved-name');
    return { kind: 'none' };
  }

  /** Flask-SQLAlchemy 3: should_set_tablename, then __table_cls__'s primary-key test for single-table inheritance. */
  private flaskMapping(info: ClassInfo, explicit: { fact: AttributeFact; owner: ClassInfo } | null, mappedParent: ClassInfo | undefined): Mapping {
    let table: string | null = camelToSnakeCase(info.cls.name);
    let tablenameRange: Range | undefined;
    if (explicit && (explicit.fact.declaredAttr || !this.isMappedParent(explicit.owner, info))) {
      table = this.tablenameValue(explicit.fact, explicit.owner, info);
      tablenameRange = explicit.fact.range;
    }
    if (table === null) return { kind: 'none' };
    if (mappedParent && !this.hasOwnPrimaryKey(info)) return { kind: 'single', parent: mappedParent };
    return { kind: 'own', table, ...(tablenameRange ? { tablenameRange } : {}) };
  }

  private hasOwnPrimaryKey(info: ClassInfo): boolean {
    if (this.columnsOf(info).some((c) => c.primaryKey)) return true;
    const args = this.tableArgsOf(info);
    return args.primaryKey !== null;
  }

  /** Classes whose attributes a model's table receives: itself and non-mapped ancestors (mixins, abstract). */
  private contributors(info: ClassInfo): ClassInfo[] {
    const mro = mroOf(info);
    // Attributes a mapped parent already maps (its own and its mixins') are not copied again (attribute_is_overridden).
    const inherited = new Set<ClassInfo>();
    for (const parent of mro.slice(1)) if (parent.role === 'model') for (const c of mroOf(parent)) inherited.add(c);
    return mro.filter((c) => c === info || (c.role !== 'model' && !inherited.has(c)));
  }

  private readonly columnCache = new Map<ClassInfo, ColumnDecl[]>();
  /** Per class: names of attributes set by calls this tool cannot read, which may be columns. */
  private readonly unseenCache = new Map<ClassInfo, string[]>();

  /** Column names a model may have that its attributes do not show (see unseenColumnNames). */
  unseenColumnsOf(info: ClassInfo): string[] {
    this.columnsOf(info);
    return this.unseenCache.get(info) ?? [];
  }
  private readonly argsCache = new Map<ClassInfo, TableParts>();

  /** The columns declared by a model and its mixins (read once per class; notes reported then). */
  columnsOf(info: ClassInfo): ColumnDecl[] {
    let columns = this.columnCache.get(info);
    if (!columns) this.columnCache.set(info, (columns = this.readColumns(info)));
    return columns;
  }

  /**
   * The nearest class in the MRO wins an attribute name. Kept per class between readings when every
   * attribute's read was (columnCache.ts): a keystroke re-reads only the classes it touched.
   */
  private readColumns(info: ClassInfo): ColumnDecl[] {
    const contributors = this.contributors(info);
    this.noteOpaqueBases(info, contributors);
    const cache = this.cache;
    if (!cache || contributors.some((c) => (info.root ?? c.root)?.typeAnnotationMap)) return this.readColumnsOf(info, contributors);
    const kept = cache.classColumns(info.cls, contributors, (module, message, range, kind) => this.contexts.note(module, message, range, kind));
    if (kept) {
      this.unseenCache.set(info, kept.unseen);
      return kept.columns;
    }
    return cache.readClass(info.cls, contributors, (setModule) => {
      const columns = this.readColumnsOf(info, contributors, setModule);
      return { columns, unseen: this.unseenCache.get(info) ?? [] };
    }).columns;
  }

  /** A base from outside the project that could not be read: the table's columns may be incomplete. */
  private noteOpaqueBases(info: ClassInfo, contributors: ClassInfo[]): void {
    for (const contributor of contributors) {
      contributor.opaqueBases?.forEach((base, i) => {
        const range = contributor.opaqueRanges?.[i];
        // A library class's own unreadable base is shown at the model that uses it.
        const at = contributor.module.library || !range ? { module: info.module, range: info.cls.nameRange } : { module: contributor.module, range };
        this.contexts.note(at.module, OPAQUE_TEXT.opaqueBase(base), at.range, 'unseen-columns');
      });
    }
  }

  private readColumnsOf(info: ClassInfo, contributors: ClassInfo[], setModule?: (path: string) => void): ColumnDecl[] {
    const seen = new Set<string>();
    const unseen: string[] = [];
    this.unseenCache.set(info, unseen);
    const declared: { decl: ColumnDecl; late: boolean; order: number }[] = [];
    // A base class from outside the project (a library's mixin) may add any column.
    if (contributors.some((c) => c.opaqueBases && c.opaqueBases.length > 0)) unseen.push(ANY_COLUMN);
    contributors.forEach((contributor, depth) => {
      const root = info.root ?? contributor.root;
      const context = this.contexts.columnContext(contributor.module, root);
      setModule?.(contributor.module.path);
      for (const written of contributor.cls.attributes) {
        if (seen.has(written.name)) continue;
        seen.add(written.name);
        const attribute = attributeForClass(written, contributor, info, this.evalHost);
        const read = this.readAttribute(attribute, contributor, context, root, attribute !== written);
        if (!read) unseen.push(...unseenColumnNames(attribute, context));
        // A library mixin's column is shown (and its findings anchored) at the model class.
        const decl = read && contributor.module.library ? relocated(read, info.module.path, info.cls.nameRange) : read;
        // Mixin columns were created before the class body's; declared_attr ones at mapping time, last.
        if (decl) declared.push({ decl, late: attribute.declaredAttr, order: (contributors.length - depth) * 10000 + declared.length });
      }
    });
    return declared.sort((a, b) => Number(a.late) - Number(b.late) || a.order - b.order).map((d) => d.decl);
  }

  /** `perModel`: a declared_attr computed for this model from other classes' attributes, never kept. */
  private readAttribute(attribute: AttributeFact, owner: ClassInfo, context: ColumnContext, root: ClassInfo['root'], perModel: boolean): ColumnDecl | null {
    // A Base's type_annotation_map can change without the attribute changing: never reuse those reads.
    if (!this.cache || root?.typeAnnotationMap) return this.readAttributeUncached(attribute, owner, context, () => undefined);
    return this.cache.read(attribute, owner.module.path, context, (tracking, markImpure) => {
      if (perModel) markImpure();
      return this.readAttributeUncached(attribute, owner, tracking, markImpure);
    });
  }

  private readAttributeUncached(attribute: AttributeFact, owner: ClassInfo, context: ColumnContext, markImpure: () => void): ColumnDecl | null {
    let annotation: MappedAnnotation | null = null;
    if (attribute.annotation) {
      annotation = interpretAnnotation(attribute.annotation, context.qualify, (dotted) => this.contexts.typeAlias(owner.module, dotted));
    }
    let value = attribute.value;
    if (value?.kind === 'call' && !asColumnCall(value, context.qualify)) {
      // A partial helper's definition lives in another statement (maybe another module): never cache this read.
      const expanded = this.contexts.partialColumn(owner.module, value);
      if (expanded) {
        markImpure();
        value = expanded;
      }
    }
    // column_property(db.Column(...)) maps a real column (SQLAlchemy reads the Column inside).
    if (value?.kind === 'call' && isColumnProperty(value, context) && asColumnCall(value.args[0], context.qualify)) value = value.args[0] ?? value;
    if (value && !asColumnCall(value, context.qualify)) {
      const callee = value.kind === 'call' ? dottedName(value.func) : null;
      if (callee && NOT_COLUMNS.test(context.qualify(callee))) return null;
      if (annotation?.mapped && value.kind === 'call' && !callee) {
        context.note(l10n.t('{0}: this mapped attribute cannot be read statically', attribute.name), attribute.range, 'unresolved-value');
      }
      return null;
    }
    if (!value && !annotation?.mapped) return null;
    // Annotated[int, mapped_column(...)] aliases supply column arguments.
    let call = asColumnCall(value, context.qualify);
    const extra = annotation?.annotatedExtras.map((e) => asColumnCall(e, context.qualify)).find((e) => e !== null);
    if (extra) {
      call = call ? { ...call, args: [...extra.args, ...call.args], kwargs: { ...extra.kwargs, ...call.kwargs } } : extra;
    }
    if (annotation?.mapped && annotation.inner?.kind === 'name' && !call) {
      // Mapped["User"] / Mapped[List["User"]] without mapped_column: a relationship, not a column.
      markImpure();
      const target = this.contexts.qualify(owner.module)(annotation.inner.dotted);
      if (this.infos.some((i) => `${i.module.moduleName}.${i.cls.name}` === target && i.role === 'model')) return null;
    }
    if (annotation?.mapped && annotation.inner?.kind === 'generic' && !call) return null;
    return readColumn(call, attribute.name, annotation, attribute.range, context);
  }

  /** __table_args__ from the class or its nearest non-mapped ancestor (read once per class). */
  tableArgsOf(info: ClassInfo): TableParts {
    let parts = this.argsCache.get(info);
    if (!parts) this.argsCache.set(info, (parts = this.readTableArgsOf(info)));
    return parts;
  }

  private readTableArgsOf(info: ClassInfo): TableParts {
    const parts = emptyTableParts();
    for (const contributor of this.contributors(info)) {
      const fact = contributor.cls.dunders.get('__table_args__');
      const value = fact?.value && attributeForClass(fact, contributor, info, this.evalHost).value;
      if (!value) continue;
      const context = this.contexts.columnContext(contributor.module, info.root);
      readTableArgs(inlineTableOptions(value, context.constantOf), parts, {
        qualify: context.qualify,
        resolveColumnRef: context.resolveColumnRef,
        note: context.note,
      });
      break;
    }
    return parts;
  }

  /** Every table the models declare, single-table subclasses' columns merged into their parent's. */
  tables(): TableDecl[] {
    const own = new Map<ClassInfo, TableDecl>();
    const models = this.infos.filter((i) => i.role === 'model');
    for (const info of models) {
      const mapping = this.mapping(info);
      if (mapping.kind !== 'own') continue;
      const bind = bindKey(info);
      if (bind !== null) {
        this.contexts.note(
          info.module,
          l10n.t(
            '{0} is bound to the "{1}" database (__bind_key__); Flask-Migrate\'s default environment does not migrate it, so it is left out',
            info.cls.name,
            bind,
          ),
          info.cls.nameRange,
          'other-database',
        );
        continue;
      }
      const tableDunder = info.cls.dunders.get('__table__');
      if (tableDunder?.value?.kind === 'call') {
        const decl = tableFromTableCall(tableDunder.value, info.module, this.contexts);
        if (decl) own.set(info, { ...decl, className: info.cls.name, range: info.cls.nameRange, namingConvention: info.root?.namingConvention ?? null });
        continue;
      }
      const parts = this.tableArgsOf(info);
      const schema = schemaOption(parts.options.schema);
      if (schema === undefined) continue;
      own.set(info, {
        name: tableKey(mapping.table, schema),
        className: info.cls.name,
        file: info.module.path,
        range: info.cls.nameRange,
        ...(mapping.tablenameRange ? { tablenameRange: mapping.tablenameRange } : {}),
        columns: [...this.columnsOf(info)],
        unseenColumns: [...this.unseenColumnsOf(info)],
        primaryKey: parts.primaryKey,
        uniques: parts.uniques,
        indexes: parts.indexes,
        checks: parts.checks,
        foreignKeys: parts.foreignKeys,
        namingConvention: info.root?.namingConvention ?? null,
        extraClassNames: [],
      });
    }
    for (const info of models) {
      const mapping = this.mapping(info);
      if (mapping.kind !== 'single') continue;
      const owner = this.ownerOf(info);
      const table = owner ? own.get(owner) : undefined;
      if (!table) continue;
      table.extraClassNames.push(info.cls.name);
      table.unseenColumns = [...(table.unseenColumns ?? []), ...this.unseenColumnsOf(info)];
      const existing = new Set(table.columns.map((c) => c.name));
      for (const column of this.columnsOf(info)) {
        // Single-table subclasses only add columns the parent's table does not have.
        if (!existing.has(column.name)) table.columns.push(column);
      }
    }
    return [...own.values()];
  }

  /** The class whose table a single-table subclass shares. */
  ownerOf(info: ClassInfo): ClassInfo | null {
    let current: ClassInfo = info;
    for (let depth = 0; depth < 20; depth++) {
      const mapping = this.mapping(current);
      if (mapping.kind === 'own') return current;
      if (mapping.kind !== 'single') return null;
      current = mapping.parent;
    }
    return null;
  }

  /** The key of the table a model maps to ("<schema>.<table>" outside the default schema, see schema/tableKey.ts). */
  tableNameOf(info: ClassInfo): string | null {
    const owner = this.ownerOf(info);
    const mapping = owner ? this.mapping(owner) : null;
    if (!owner || mapping?.kind !== 'own') return null;
    const dunder = owner.cls.dunders.get('__table__')?.value;
    const schema = schemaOption(dunder?.kind === 'call' ? dunder.kwargs.schema : this.tableArgsOf(owner).options.schema);
    return schema === undefined ? null : tableKey(mapping.table, schema);
  }

  /** User.id → the table User maps to and the column behind attribute `id` (its own or an ancestor's). */
  columnOf(info: ClassInfo, attribute: string): ColumnRef {
    for (const c of mroOf(info)) {
      if (c.role !== 'model' && c !== info) continue;
      const column = this.columnsOf(c).find((d) => d.attribute === attribute);
      if (!column) continue;
      const table = this.tableNameOf(c);
      if (table) return { table, column: column.name };
    }
    return { problem: l10n.t('{0}.{1} is not a column this tool could find', info.cls.name, attribute) };
  }
}
