// One call statement inside upgrade()/downgrade(): op.*, batch_op.*, enum .create()/.drop(),
// connection .execute(), or something the replay only notes.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../../noteKinds';
import type { SyntaxNode } from '../../python/parser';
import { boolValue, calleeName, nodeRange, strValue, type PyExpr } from '../../python/expr';
import { markLenient } from '../apply/lenient';
import type { SourceLocation } from '../../source';
import type { MigrationOp } from '../../schema/ops';
import { sqlaTypeToPg } from '../../schema/sqlaTypes';
import type { CallExpr } from './args';
import { addColumnOps, createTableOps } from './createTable';
import { alterColumnOps, dropColumnOps, dropTableOps, renameTableOps } from './tableOps';
import { constraintOps } from './constraintOps';
import { executeOps } from './execute';
import { callInSchema, opsInSchema } from './schemaOps';
import { typeOptions } from './context';
import { importedTypeOf } from './importedTypes';
import type { Replay } from './replayState';

type Handler = (call: CallExpr, state: Replay, location: SourceLocation) => MigrationOp[];

const HANDLERS: Record<string, Handler> = {
  create_table: createTableOps,
  drop_table: dropTableOps,
  rename_table: renameTableOps,
  add_column: (call, state, location) => {
    const table = strValue(call.kwargs.table_name ?? call.args[0]);
    if (table === undefined) return [];
    return addColumnOps(table, call.kwargs.column ?? call.args[1], state, location);
  },
  drop_column: dropColumnOps,
  alter_column: alterColumnOps,
  execute: (call, state, location) => executeOps(call.kwargs.sqltext ?? call.args[0], state, location),
  create_index: constraintOps.create_index,
  drop_index: constraintOps.drop_index,
  create_unique_constraint: constraintOps.create_unique_constraint,
  create_foreign_key: constraintOps.create_foreign_key,
  create_check_constraint: constraintOps.create_check_constraint,
  create_primary_key: constraintOps.create_primary_key,
  drop_constraint: constraintOps.drop_constraint,
};

/** Where the table name sits among each op's positional parameters (removed in batch mode). */
const TABLE_POSITION: Record<string, number> = {
  add_column: 0,
  drop_column: 0,
  alter_column: 0,
  create_index: 1,
  drop_index: 1,
  create_unique_constraint: 1,
  create_foreign_key: 1,
  create_check_constraint: 1,
  create_primary_key: 1,
  drop_constraint: 1,
};

/** The op each if_exists= / if_not_exists= keyword applies to (not the enum types or indexes a create_table also makes). */
const IF_EXISTS_OPS: Record<string, MigrationOp['kind']> = {
  create_table: 'createTable',
  drop_table: 'dropTable',
  create_index: 'createIndex',
  drop_index: 'dropIndex',
  add_column: 'addColumn',
  drop_column: 'dropColumn',
  drop_constraint: 'dropConstraint',
};

/** `if_exists=True` / `if_not_exists=True` (Alembic 1.12+ for indexes, 1.13.3+ for tables, 1.16+ for columns and constraints). */
function writtenIfExists(call: CallExpr, name: string): boolean {
  if (!IF_EXISTS_OPS[name]) return false;
  const keyword = name.startsWith('drop_') ? call.kwargs.if_exists : call.kwargs.if_not_exists;
  return boolValue(keyword) === true;
}

/** Calls that change no schema (data, bookkeeping), replayed silently. */
const PURE_BUILTINS = new Set([
  'str',
  'int',
  'float',
  'bool',
  'len',
  'repr',
  'list',
  'dict',
  'tuple',
  'set',
  'frozenset',
  'sorted',
  'reversed',
  'min',
  'max',
  'sum',
  'any',
  'all',
  'isinstance',
  'format',
  'range',
  'enumerate',
  'zip',
  'hasattr',
]);
const SILENT = new Set([
  'bulk_insert',
  'get_bind',
  'get_context',
  'inline_literal',
  'create_table_comment',
  'drop_table_comment',
  'invoke',
  'implementation_for',
  'register_operation',
  'run_async',
]);

function note(state: Replay, severity: 'info' | 'warning', kind: NoteKind, message: string, location: SourceLocation): void {
  state.notes.push({ severity, kind, message, location });
}

/** A batch_op.x(...) call with the batch table spliced back in, so the plain op handler reads it. */
function withBatchTable(call: CallExpr, name: string, table: string): CallExpr {
  const position = TABLE_POSITION[name];
  if (position === undefined) return call;
  const args = [...call.args];
  const tableArg: PyExpr = { kind: 'str', value: table, range: call.range };
  args.splice(Math.min(position, args.length), 0, tableArg);
  if (name === 'add_column') return { ...call, args: [tableArg, ...call.args.slice(0, 1)], kwargs: { ...call.kwargs } };
  return { ...call, args };
}

/** `X.create(bind)` / `X.drop(bind)` where X is an Enum/ENUM type object. */
function enumCall(call: CallExpr, method: 'create' | 'drop', state: Replay, location: SourceLocation): MigrationOp[] | null {
  const target = call.func.kind === 'attr' ? call.func.object : null;
  if (!target || target.kind !== 'call') return null;
  const written = calleeName(target);
  const qualified = written ? state.scope.module.qualify(written) : null;
  if (qualified !== 'sqlalchemy.Enum' && qualified !== 'sqlalchemy.dialects.postgresql.ENUM') return null;
  const result = sqlaTypeToPg(target, (d) => state.scope.module.qualify(d), typeOptions(state.scope.module));
  const checkfirst = boolValue(call.kwargs.checkfirst ?? call.args[1]) === true;
  const mark = <T extends MigrationOp>(op: T) => (checkfirst ? markLenient(op) : op);
  // sa.Enum(BillType) with BillType imported from the project: the project's modules tell its name and labels.
  const imported = 'problem' in result ? importedTypeOf(target, state.scope.module, result.problem) : null;
  if (imported) {
    const message = l10n.t('enum .{0}(): {1}', method, imported.problem);
    state.notes.push({ severity: 'warning', kind: 'unresolved-type', message, location: { file: location.file, range: target.range } });
    return [
      mark(
        method === 'drop'
          ? { kind: 'dropEnum', name: '', importedType: imported, location }
          : { kind: 'createEnum', name: '', values: [], importedType: imported, location },
      ),
    ];
  }
  const name = 'problem' in result ? strValue(target.kwargs.name) : result.enum?.name;
  if (!name) {
    note(
      state,
      'warning',
      'unresolved-enum',
      'problem' in result ? l10n.t('enum .{0}(): {1}', method, result.problem) : l10n.t('enum .{0}(): no name', method),
      location,
    );
    return [];
  }
  if (method === 'drop') return [mark({ kind: 'dropEnum', name, location })];
  const values = 'problem' in result ? null : result.enum?.values;
  if (!values) {
    note(state, 'warning', 'unresolved-enum', l10n.t('enum "{0}": the labels cannot be read statically', name), location);
    return [];
  }
  return [mark({ kind: 'createEnum', name, values, location })];
}

/** op.get_bind().execute(...), conn.execute(...) where conn = op.get_bind(), connection.execute(...). */
function isConnectionExecute(call: CallExpr): boolean {
  if (call.func.kind !== 'attr' || (call.func.attr !== 'execute' && call.func.attr !== 'exec_driver_sql')) return false;
  const target = call.func.object;
  if (target.kind === 'call') return /(^|\.)get_bind$|(^|\.)connect$/.test(calleeName(target) ?? '');
  if (target.kind === 'name') return /^(conn|connection|bind|connectable)$/.test(target.id);
  if (target.kind === 'attr') return target.attr === 'bind' || target.attr === 'connection';
  return false;
}

export function replayCall(call: CallExpr, node: SyntaxNode, state: Replay): void {
  const location: SourceLocation = { file: state.scope.module.file, range: nodeRange(node) };
  const func = call.func;
  const method = func.kind === 'attr' ? func.attr : null;
  const owner = func.kind === 'attr' && func.object.kind === 'name' ? func.object.id : null;
  const batch = state.batch;
  if (owner === 'op' || (batch && owner === batch.alias)) {
    const name = method ?? '';
    if (SILENT.has(name)) return;
    if (name === 'f') return;
    const handler = HANDLERS[name];
    if (!handler) {
      note(state, 'warning', 'unsupported-op', l10n.t('op.{0}() is not replayed', name), location);
      return;
    }
    // A batch block's table is already keyed with its schema.
    const inBatch = batch && owner === batch.alias;
    const schema = inBatch ? undefined : strValue(call.kwargs.schema ?? call.kwargs.source_schema);
    const effective = inBatch ? withBatchTable(call, name, batch.table) : callInSchema(call, name, schema, strValue(call.kwargs.referent_schema));
    const marked = state.unfollowed.length;
    const ops = opsInSchema(handler(effective, state, location), schema);
    if (writtenIfExists(call, name)) for (const op of ops) if (op.kind === IF_EXISTS_OPS[name]) markLenient(op);
    state.ops.push(...ops);
    // A name the handler could not know (conventionNames.ts) leaves its table uncertain once the op ran.
    for (const entry of state.unfollowed.slice(marked)) entry.afterOps = state.ops.length;
    return;
  }
  if (method === 'create' || method === 'drop') {
    const ops = enumCall(call, method, state, location);
    if (ops) {
      state.ops.push(...ops);
      return;
    }
  }
  if (isConnectionExecute(call)) {
    state.ops.push(...executeOps(call.args[0], state, location));
    return;
  }
  const name = calleeName(func) ?? '';
  if (/^(print|log|logger|logging|warnings|click)\b/.test(name)) return;
  // Python builtins that only compute a value (`url = str(op.get_bind().engine.url)`) change no schema.
  if (PURE_BUILTINS.has(name)) return;

  // Building SQLAlchemy objects (sa.table, sa.MetaData, sa.inspect, select…) changes no schema.
  if (state.scope.module.qualify(name).startsWith('sqlalchemy.')) return;
  // Methods on the connection other than execute (conn.commit(), bind.dialect…) change no schema either.
  const target = func.kind === 'attr' ? func.object : null;
  if (target?.kind === 'call' && /(^|\.)get_bind$/.test(calleeName(target) ?? '')) return;
  const written = name || (node.type === 'call' ? node.childForFieldName('function')?.text : undefined);
  note(
    state,
    'info',
    'unknown-call',
    l10n.t('{0}(...) is not an Alembic op; skipped', written && !/[\r\n]/.test(written) ? written.slice(0, 60) : 'call'),
    location,
  );
  const names = stringLiterals(call, (inner) => buildsQuery(inner, state));
  if (names.length > 0) state.unfollowed.push({ names, afterOps: state.ops.length, note: state.notes.length - 1 });
}

const MAX_NAMES = 500;

/** A call that only builds or runs a query (`sa.table(...)`, `sa.select(...)`, `conn.scalar(...)`): the names in it are read, not handed over. */
function buildsQuery(call: CallExpr, state: Replay): boolean {
  const name = calleeName(call.func);
  if (name !== null && state.scope.module.qualify(name).startsWith('sqlalchemy.')) return true;
  const target = call.func.kind === 'attr' ? call.func.object : null;
  return target?.kind === 'call' && /(^|\.)get_bind$/.test(calleeName(target) ?? '');
}

/**
 * The string literals a skipped call is handed, receiver and arguments alike
 * (`Rtable('user', 'account', columns=[Rn(...)]).upgrade()`), except inside queries it is given.
 */
function stringLiterals(expr: PyExpr, skip: (call: CallExpr) => boolean, out: Set<string> = new Set()): string[] {
  const visit = (inner: PyExpr) => {
    if (out.size >= MAX_NAMES) return;
    switch (inner.kind) {
      case 'str':
        out.add(inner.value);
        break;
      case 'attr':
        visit(inner.object);
        break;
      case 'call':
        if (inner !== expr && skip(inner)) break;
        visit(inner.func);
        for (const arg of [...inner.args, ...Object.values(inner.kwargs)]) visit(arg);
        break;
      case 'list':
      case 'tuple':
      case 'set':
        for (const item of inner.items) visit(item);
        break;
      case 'dict':
        for (const entry of inner.entries) {
          visit(entry.key);
          visit(entry.value);
        }
        break;
      case 'subscript':
        visit(inner.value);
        break;
      case 'binop':
        visit(inner.left);
        visit(inner.right);
        break;
      default:
        break;
    }
  };
  visit(expr);
  return [...out];
}
