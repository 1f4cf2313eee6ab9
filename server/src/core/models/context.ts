// Per-module resolution helpers shared by the class walker and the Table(...) reader: qualify names,
// find enum classes, turn ForeignKey targets into table.column, derive SQL types from annotations.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../noteKinds';
import { dottedName, type PyExpr } from '../python/expr';
import type { Note, Range } from '../source';
import { typeFromExpr, type TypeExpr } from './annotations';
import type { ClassInfo } from './bases';
import type { ColumnContext, ColumnRef } from './columns';
import type { Qualify } from './decls';
import { enumClassOf } from './enums';
import { customColumnType } from './customTypes';
import type { ModuleFacts } from './moduleFacts';
import { pythonTypeToPg } from './pythonTypes';
import type { ProjectScope } from './scope';
import { tableKey } from '../schema/tableKey';
import { schemaOption } from './tableArgs';
import { literalConstant } from './constants';

/** What a functools.partial column helper may wrap. */
const COLUMN_CALLEES = new Set(['sqlalchemy.Column']);

export interface ClassResolver {
  /** The table a model class maps to and the column name behind one of its attributes. */
  columnOfClassAttribute(module: ModuleFacts, classDotted: string, attribute: string): ColumnRef;
  infoOf(module: ModuleFacts, dotted: string): ClassInfo | null;
}

/** Notes that explain a deliberate choice rather than something left unresolved. */
const INFO_KINDS = new Set<NoteKind>(['other-database', 'other-schema', 'unseen-columns']);

export class ModuleContexts {
  private readonly cache = new Map<ModuleFacts, Map<string, ColumnContext>>();

  /**
   * `qualifierOf` gives each module's qualify when the caller keeps reads between readings
   * (ModelIndex): a function that holds none of this reading, so a kept read does not keep it alive.
   */
  constructor(
    private readonly scope: ProjectScope,
    private readonly notes: Note[],
    private readonly classes: ClassResolver,
    private readonly qualifierOf?: (module: ModuleFacts) => Qualify,
  ) {}

  qualify(module: ModuleFacts): Qualify {
    return this.qualifierOf?.(module) ?? ((dotted) => this.scope.qualifyIn(module, dotted));
  }

  note(module: ModuleFacts, message: string, range: Range, kind: NoteKind = 'unresolved'): void {
    // An installed library's own code is not the user's to fix: what it leaves unread shows as unseen columns.
    if (module.library) return;
    this.notes.push({ severity: INFO_KINDS.has(kind) ? 'info' : 'warning', kind, message, location: { file: module.path, range } });
  }

  /**
   * `Column = functools.partial(db.Column, nullable=False)` (here or imported): the Column call
   * `Column(...)` stands for, with the partial's arguments first; null when dotted is no such helper.
   */
  partialColumn(module: ModuleFacts, call: Extract<PyExpr, { kind: 'call' }>): Extract<PyExpr, { kind: 'call' }> | null {
    const dotted = dottedName(call.func);
    const symbol = dotted === null ? null : this.scope.resolve(module, dotted);
    if (symbol?.kind !== 'assignment') return null;
    const partial = symbol.fact.value;
    if (partial.kind !== 'call' || !/^(functools\.)?partial$/.test(this.scope.qualifyIn(symbol.module, dottedName(partial.func) ?? ''))) return null;
    const target = partial.args[0];
    const targetName = target ? dottedName(target) : null;
    if (!targetName || !COLUMN_CALLEES.has(this.scope.qualifyIn(symbol.module, targetName))) return null;
    const func: PyExpr = { kind: 'attr', object: { kind: 'name', id: 'sqlalchemy', range: call.range }, attr: 'Column', range: call.func.range };
    return { ...call, func, args: [...partial.args.slice(1), ...call.args], kwargs: { ...partial.kwargs, ...call.kwargs } };
  }

  /** A module-level string constant (`AUDIT_TABLE = "pidea_audit"`, here or imported), or null. */
  stringConstant(module: ModuleFacts, dotted: string): string | null {
    const symbol = this.scope.resolve(module, dotted);
    return symbol?.kind === 'assignment' && symbol.fact.value.kind === 'str' ? symbol.fact.value.value : null;
  }

  /** The literal a name in a column's arguments stands for (models/constants.ts), or null. */
  constantOf(module: ModuleFacts, expr: PyExpr): PyExpr | null {
    return literalConstant(this.scope, module, expr);
  }

  /** A module-level `Alias = Annotated[...]` (or other type alias), for Mapped[Alias]. */
  typeAlias(module: ModuleFacts, dotted: string): TypeExpr | null {
    const symbol = this.scope.resolve(module, dotted);
    if (symbol?.kind !== 'assignment') return null;
    const value = symbol.fact.value;
    return value.kind === 'subscript' || value.kind === 'binop' ? typeFromExpr(value) : null;
  }

  /** "user.id", User.id, or "schema.user.id" (noted) → table and column. */
  resolveColumnRef(module: ModuleFacts, expr: PyExpr): ColumnRef {
    if (expr.kind === 'str') {
      const parts = expr.value.split('.');
      if (parts.length === 2 && parts[0] && parts[1]) return { table: parts[0], column: parts[1] };
      // "schema.table.column": the table keyed in its schema (schema/tableKey.ts).
      if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { table: tableKey(parts[1], parts[0]), column: parts[2] };
      return { problem: l10n.t('ForeignKey("{0}") is not "table.column"', expr.value) };
    }
    if (expr.kind === 'attr') {
      const owner = dottedName(expr.object);
      if (owner !== null) {
        // Table objects: user_table.c.id
        if (expr.object.kind === 'attr' && expr.object.attr === 'c') {
          const tableSymbol = this.scope.resolve(module, dottedName(expr.object.object) ?? '');
          const tableCall = tableSymbol?.kind === 'assignment' && tableSymbol.fact.value.kind === 'call' ? tableSymbol.fact.value : undefined;
          const tableName = tableCall?.args[0];
          const schema = schemaOption(tableCall?.kwargs.schema);
          if (tableName?.kind === 'str' && schema !== undefined) return { table: tableKey(tableName.value, schema), column: expr.attr };
        }
        return this.classes.columnOfClassAttribute(module, owner, expr.attr);
      }
    }
    return { problem: l10n.t('the ForeignKey target cannot be resolved statically') };
  }

  /** The ColumnContext for columns written in `module` of a class with this declarative root. */
  columnContext(module: ModuleFacts, root: ClassInfo['root']): ColumnContext {
    const key = root?.typeAnnotationMap ? 'map' : 'plain';
    let perModule = this.cache.get(module);
    if (!perModule) this.cache.set(module, (perModule = new Map()));
    const known = perModule.get(key);
    if (known && !root?.typeAnnotationMap) return known;
    const qualify = this.qualify(module);
    const resolveEnumClass = (dotted: string) => enumClassOf(this.scope, module, dotted);
    const mapModule = root?.typeAnnotationMap?.module;
    const context: ColumnContext = {
      file: module.path,
      qualify,
      resolveEnumClass,
      resolveCustomType: (expr) => customColumnType(this.scope, module, expr),
      pythonType: (type) =>
        pythonTypeToPg(type, {
          qualify,
          resolveEnumClass,
          typeAnnotationMap: root?.typeAnnotationMap && mapModule ? { entries: root.typeAnnotationMap.entries, qualify: this.qualify(mapModule) } : null,
        }),
      resolveColumnRef: (expr) => this.resolveColumnRef(module, expr),
      note: (message, range, kind) => this.note(module, message, range, kind),
      constantOf: (expr) => this.constantOf(module, expr),
    };
    perModule.set(key, context);
    return context;
  }
}
