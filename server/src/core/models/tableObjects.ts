// Table(...) objects: `db.Table("tags", db.Column(...), ...)` (Flask-SQLAlchemy, no metadata argument)
// and `Table("tags", Base.metadata, Column(...), ...)` — typically association tables.
import * as l10n from '@vscode/l10n';
import { calleeName, type PyExpr } from '../python/expr';
import { ANY_COLUMN } from './attributeKinds';
import { asColumnCall, readColumn } from './columns';
import type { ModuleContexts } from './context';
import type { TableDecl } from './decls';
import type { ModuleFacts } from './moduleFacts';
import { emptyTableParts, readTableItem, schemaOption, TABLE_ARGS_TEXT } from './tableArgs';
import { tableKey } from '../schema/tableKey';
import { inlineValue } from './constants';
import type { NamingConvention } from '../schema/naming';

const TABLE_FACTORIES = new Set(['sqlalchemy.Table', 'flask_sqlalchemy.Table']);

export function isTableCall(expr: PyExpr, qualify: (dotted: string) => string): expr is Extract<PyExpr, { kind: 'call' }> {
  if (expr.kind !== 'call') return false;
  const callee = calleeName(expr);
  return callee !== null && TABLE_FACTORIES.has(qualify(callee));
}

/** Reads one Table(...) call; null (noted) when its name is not a literal. */
export function tableFromTableCall(call: Extract<PyExpr, { kind: 'call' }>, module: ModuleFacts, contexts: ModuleContexts): TableDecl | null {
  const [nameExpr, ...rest] = call.args;
  if (nameExpr?.kind !== 'str') {
    contexts.note(module, l10n.t('a Table() whose name is not a string literal; skipped'), call.range, 'unresolved-name');
    return null;
  }
  const context = contexts.columnContext(module, null);
  const parts = emptyTableParts();
  const table: TableDecl = {
    name: nameExpr.value,
    className: null,
    file: module.path,
    range: call.range,
    columns: [],
    primaryKey: null,
    uniques: [],
    indexes: [],
    checks: [],
    foreignKeys: [],
    namingConvention: null,
    extraClassNames: [],
  };
  rest.forEach((arg, index) => {
    const columnCall = asColumnCall(arg, context.qualify);
    if (columnCall) {
      const column = readColumn(columnCall, null, null, arg.range, context);
      if (column) table.columns.push(column);
      return;
    }
    if (readTableItem(arg, parts, { qualify: context.qualify, resolveColumnRef: context.resolveColumnRef, note: context.note })) return;
    // sqlalchemy.Table's second argument is the MetaData (Base.metadata, metadata, MetaData()).
    if (index === 0 && (arg.kind !== 'call' || /(^|\.)MetaData$/.test(context.qualify(calleeName(arg) ?? '')))) return;
    context.note(l10n.t('this Table() argument is not a column or constraint this tool reads; skipped'), arg.range, 'unsupported');
    // It may be a column (a helper's, a wrapper's): the one its first string names, else any; never read as dropped.
    const named = arg.kind === 'call' && arg.args[0]?.kind === 'str' ? arg.args[0].value : ANY_COLUMN;
    (table.unseenColumns ??= []).push(named);
  });
  const schemaExpr = call.kwargs.schema ? inlineValue(call.kwargs.schema, context.constantOf) : undefined;
  const schema = schemaOption(schemaExpr);
  if (schema === undefined) {
    context.note(TABLE_ARGS_TEXT.unreadableSchema(), call.kwargs.schema?.range ?? call.range, 'other-schema');
    return null;
  }
  return {
    ...table,
    name: tableKey(table.name, schema),
    primaryKey: parts.primaryKey,
    uniques: parts.uniques,
    indexes: parts.indexes,
    checks: parts.checks,
    foreignKeys: parts.foreignKeys,
  };
}

/** Module-level Table(...) objects, assigned (`tags = db.Table(...)`) or not. */
export function moduleTables(
  module: ModuleFacts,
  contexts: ModuleContexts,
  conventionOf: (call: Extract<PyExpr, { kind: 'call' }>) => NamingConvention | null,
): TableDecl[] {
  const qualify = contexts.qualify(module);
  const out: TableDecl[] = [];
  for (const value of [...[...module.assignments.values()].map((a) => a.value), ...module.calls]) {
    if (!isTableCall(value, qualify)) continue;
    const table = tableFromTableCall(value, module, contexts);
    if (table) out.push({ ...table, namingConvention: conventionOf(value) });
  }
  return out;
}
