// Walks the statements of upgrade()/downgrade() and turns the op calls in them into MigrationOps.
// Control flow that cannot be evaluated statically is reported as a note, and the straight-line
// path is followed: guards that only `return` are skipped, `if` bodies are taken, except handlers are not.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../../noteKinds';
import type { Note } from '../../source';
import type { SyntaxNode } from '../../python/parser';
import { calleeName, itemsOf, nodeRange, readExpr, strValue, type PyExpr } from '../../python/expr';
import type { ReplayedBody } from '../types';
import { Scope, type ModuleContext } from './context';
import { replayCall } from './calls';
import { evaluateCondition } from './conditions';
import { readExprExpandingSplats } from './splats';
import { tableKey } from '../../schema/tableKey';
import { bindTarget, growList, listComprehension } from './lists';
import { opImportsType } from './importedTypes';
import type { Replay } from './replayState';
import type { ReplayDialect } from './dialect';

const MAX_LOOP_ITEMS = 200;
const MAX_INLINE_DEPTH = 5;

function statementsOf(block: SyntaxNode | null): SyntaxNode[] {
  return (block?.namedChildren ?? []).filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
}

/** Statements of a block with their types, each type read once. */
function typedStatementsOf(block: SyntaxNode | null): [SyntaxNode, string][] {
  const out: [SyntaxNode, string][] = [];
  for (const node of block?.namedChildren ?? []) {
    if (!node) continue;
    const type = node.type;
    if (type !== 'comment') out.push([node, type]);
  }
  return out;
}

function note(state: Replay, severity: Note['severity'], kind: NoteKind, message: string, node: SyntaxNode): void {
  state.notes.push({ severity, kind, message, location: { file: state.scope.module.file, range: nodeRange(node) } });
}

/** A guard whose body does nothing but leave: `if not has_table: return`. */
function onlyLeaves(block: SyntaxNode | null): boolean {
  const statements = statementsOf(block);
  return (
    statements.length > 0 &&
    statements.every(
      (s) =>
        s.type === 'return_statement' ||
        s.type === 'pass_statement' ||
        s.type === 'raise_statement' ||
        (s.type === 'expression_statement' && s.namedChildren[0]?.type === 'call' && /^(print|log|logger)\b/.test(s.text)),
    )
  );
}

type Flow = 'next' | 'return';

const DIALECT_LABELS: Record<Exclude<ReplayDialect, 'postgresql'>, string> = { sqlite: 'SQLite', mysql: 'MySQL/MariaDB' };

/** What a dialect test was read as, and for which database (the project's; PostgreSQL when none is configured). */
function dialectBranchText(dialect: ReplayDialect, runs: boolean): string {
  if (dialect === 'postgresql')
    return runs ? l10n.t('dialect test read for PostgreSQL: this branch runs') : l10n.t('dialect test read for PostgreSQL: this branch is skipped');
  const label = DIALECT_LABELS[dialect];
  return runs
    ? l10n.t("dialect test read for {0}, the project's database: this branch runs", label)
    : l10n.t("dialect test read for {0}, the project's database: this branch is skipped", label);
}

function walkIf(node: SyntaxNode, state: Replay): Flow {
  const clauses: { condition: SyntaxNode | null; body: SyntaxNode | null }[] = [
    { condition: node.childForFieldName('condition'), body: node.childForFieldName('consequence') },
  ];
  for (const alt of node.childrenForFieldName('alternative')) {
    if (!alt) continue;
    clauses.push({
      condition: alt.type === 'elif_clause' ? alt.childForFieldName('condition') : null,
      body: alt.childForFieldName('consequence') ?? alt.childForFieldName('body'),
    });
  }
  for (const clause of clauses) {
    if (!clause.condition) return walkBlock(clause.body, state);
    const value = evaluateCondition(clause.condition, state.scope);
    if (value.known) {
      if (value.dialect) note(state, 'info', 'dialect-branch', dialectBranchText(state.scope.module.dialect, value.result), clause.condition);
      if (value.result) return walkBlock(clause.body, state);
      continue;
    }
    if (onlyLeaves(clause.body)) {
      note(
        state,
        'warning',
        'early-return',
        l10n.t('guard condition cannot be evaluated statically; assumed false, the replay continues past it'),
        clause.condition,
      );
      continue;
    }
    note(
      state,
      'warning',
      'control-flow',
      l10n.t('condition cannot be evaluated statically; this branch is followed and any other branches are skipped'),
      clause.condition,
    );
    return walkBlock(clause.body, state);
  }
  return 'next';
}

function walkFor(node: SyntaxNode, state: Replay): Flow {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const body = node.childForFieldName('body');
  const items = right ? itemsOf(state.scope.resolve(readExpr(right))) : undefined;
  if (!left || !items || items.length > MAX_LOOP_ITEMS) {
    note(state, 'warning', 'loop', l10n.t('loop over values that cannot be read statically; its body was not replayed'), node);
    return 'next';
  }
  for (const item of items) {
    bindTarget(state.scope, left, item);
    if (walkBlock(body, state) === 'return') return 'return';
  }
  return 'next';
}

function walkWith(node: SyntaxNode, state: Replay): Flow {
  // with_statement → with_clause → with_item (first item only; batch blocks have one).
  const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
  const item = clause?.namedChildren.find((c) => c?.type === 'with_item');
  const value = item?.childForFieldName('value');
  const asPattern = value?.type === 'as_pattern' ? value : null;
  const context = asPattern ? asPattern.namedChildren[0] : value;
  const alias = asPattern?.childForFieldName('alias')?.text.trim();
  const body = node.childForFieldName('body');
  const expr = context ? state.scope.resolve(readExpr(context)) : null;
  const callee = expr ? calleeName(expr) : null;
  if (expr?.kind === 'call' && callee === 'op.batch_alter_table') {
    const table = strValue(expr.kwargs.table_name ?? expr.args[0]);
    if (table === undefined) {
      note(
        state,
        'warning',
        'unresolved-name',
        l10n.t('batch_alter_table table name is not a string literal; the block was not replayed'),
        context as SyntaxNode,
      );
      return 'next';
    }
    const schema = strValue(expr.kwargs.schema);
    if (strValue(expr.kwargs.recreate) === 'always') {
      note(
        state,
        'info',
        'batch-recreate',
        l10n.t('recreate="always" copies the table on PostgreSQL too; the result is replayed as plain ALTERs'),
        context as SyntaxNode,
      );
    }
    const previous = state.batch;
    state.batch = { alias: alias ?? '', table: tableKey(table, schema) };
    const first = state.ops.length;
    const flow = walkBlock(body, state);
    state.batch = previous;
    // Kept on each op so SQLite's executor can apply the block as Alembic does (one table copy).
    const recreate = strValue(expr.kwargs.recreate);
    const block = {
      table: tableKey(table, schema),
      recreate: recreate === 'always' || recreate === 'never' ? recreate : 'auto',
      line: node.startPosition.row,
    } as const;
    for (let i = first; i < state.ops.length; i++) {
      const op = state.ops[i];
      if (op && op.batch === undefined) state.ops[i] = { ...op, batch: block };
    }
    return flow;
  }
  // autocommit_block() (for ALTER TYPE ... ADD VALUE) only changes transaction handling.
  const autocommit = expr?.kind === 'call' && expr.func.kind === 'attr' && expr.func.attr === 'autocommit_block';
  if (!autocommit) note(state, 'info', 'control-flow', l10n.t('with-block: its body is replayed as straight-line code'), node);
  return walkBlock(body, state);
}

/**
 * try/except: the try body is what Alembic runs when it does not raise (on PostgreSQL a failed statement
 * aborts the migration's transaction, so no later step of a handler could run anyway); else/finally
 * follow it. Each handler gets a note at its line: a warning when it would change the schema.
 */
function walkTry(node: SyntaxNode, state: Replay): Flow {
  const flow = walkBlock(node.childForFieldName('body'), state);
  for (const clause of statementsOf(node)) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const block = statementsOf(clause).find((c) => c.type === 'block') ?? null;
    const quiet = typedStatementsOf(block).every(([statement, type]) => type === 'pass_statement' || (type === 'expression_statement' && onlyLogs(statement)));
    const head = clause.text.split('\n')[0]?.replace(/:\s*$/, '').trim() ?? 'except';
    note(state, quiet ? 'info' : 'warning', 'control-flow', TRY_TEXT.handlerSkipped(head.slice(0, 60)), clause);
  }
  if (flow === 'return') return 'return';
  for (const clause of statementsOf(node)) {
    if (clause.type === 'else_clause' || clause.type === 'finally_clause') {
      const block = clause.childForFieldName('body') ?? statementsOf(clause).find((c) => c.type === 'block') ?? null;
      if (walkBlock(block, state) === 'return') return 'return';
    }
  }
  return 'next';
}

const TRY_TEXT = {
  handlerSkipped: (clause: string) => l10n.t('{0}: replayed as if the try body succeeds; this handler (run only when it raises) was not followed', clause),
};

/** print(...) / logging / a bare string or docstring: a handler made of these changes no schema. */
function onlyLogs(statement: SyntaxNode): boolean {
  const expr = statement.namedChildren[0];
  if (!expr) return true;
  if (expr.type === 'string') return true;
  if (expr.type !== 'call') return false;
  const callee = expr.childForFieldName('function')?.text ?? '';
  return /^(print|log|logger|logging|warnings|click)\b/.test(callee);
}

/** A call to a module-level helper: its body is replayed with the arguments bound. */
function inlineHelper(name: string, call: PyExpr & { kind: 'call' }, node: SyntaxNode, state: Replay): boolean {
  const helper = state.scope.module.functions.get(name);
  if (!helper || name === 'upgrade' || name === 'downgrade') return false;
  if (state.depth >= MAX_INLINE_DEPTH) {
    note(state, 'warning', 'recursion', l10n.t('helper {0}() nested too deeply; not replayed', name), node);
    return true;
  }
  const scope = new Scope(state.scope.module);
  const params = statementsOf(helper.childForFieldName('parameters'));
  params.forEach((param, index) => {
    const paramName = param.type === 'identifier' ? param.text : param.childForFieldName('name')?.text;
    if (!paramName) return;
    const given = call.kwargs[paramName] ?? call.args[index];
    const fallback = param.type === 'default_parameter' || param.type === 'typed_default_parameter' ? param.childForFieldName('value') : null;
    const value = given ?? (fallback ? readExpr(fallback) : undefined);
    if (value) scope.bind(paramName, value);
    else scope.unbind(paramName);
  });
  const outer = state.scope;
  state.scope = scope;
  state.depth++;
  walkBlock(helper.childForFieldName('body'), state);
  state.depth--;
  state.scope = outer;
  return true;
}

function walkExpression(node: SyntaxNode, state: Replay): void {
  const inner = node.namedChildren[0];
  if (!inner) return;
  const innerType = inner.type;
  if (innerType === 'string' || innerType === 'concatenated_string' || innerType === 'ellipsis') return;
  if (innerType === 'assignment' || innerType === 'augmented_assignment') {
    const left = inner.childForFieldName('left');
    const right = inner.childForFieldName('right');
    if (!left || !right) return;
    const rightType = right.type;
    const called = rightType === 'call' ? walkCall(right, state) : null;
    let value =
      innerType === 'assignment' && rightType !== 'lambda'
        ? (called ?? listComprehension(right, state.scope) ?? state.scope.resolve(readExprExpandingSplats(right, state.scope)))
        : null;
    if (/^(comparison|boolean|not)_operator$/.test(rightType)) {
      // is_sqlite = bind.dialect.name == "sqlite": remember what the test gives on the target database.
      const test = evaluateCondition(right, state.scope);
      value = test.known ? { kind: 'bool', value: test.result, range: nodeRange(right) } : null;
      if (test.known && test.dialect && left.type === 'identifier') {
        bindTarget(state.scope, left, value);
        state.scope.dialectFlags.add(left.text);
        return;
      }
    }
    bindTarget(state.scope, left, value);
    return;
  }
  if (innerType === 'call') {
    walkCall(inner, state);
    return;
  }
  if (innerType === 'await') return;
  note(state, 'info', 'unsupported-statement', l10n.t('statement not understood; skipped'), node);
}

/** `globals()["upgrade_%s" % engine_name]` / `globals().get(f"upgrade_{engine_name}", lambda: None)`: the function it names. */
function globalsDispatch(func: PyExpr): { name: string | null; hasDefault: boolean } | null {
  const isGlobals = (e: PyExpr | undefined) => e?.kind === 'call' && e.func.kind === 'name' && e.func.id === 'globals' && e.args.length === 0;
  if (func.kind === 'subscript' && isGlobals(func.value) && func.index.length === 1) {
    return { name: func.index[0]?.kind === 'str' ? func.index[0].value : null, hasDefault: false };
  }
  if (func.kind === 'call' && func.func.kind === 'attr' && func.func.attr === 'get' && isGlobals(func.func.object)) {
    const key = func.args[0];
    return { name: key?.kind === 'str' ? key.value : null, hasDefault: func.args.length > 1 };
  }
  return null;
}

/** Replays a call statement; returns the call as read (with names resolved), for assignments. */
function walkCall(node: SyntaxNode, state: Replay): PyExpr {
  const written = readExprExpandingSplats(node, state.scope);
  if (growList(written, state.scope)) return written;
  const expr = state.scope.resolve(written);
  if (expr.kind !== 'call') return expr;
  const func = expr.func;
  if (func.kind === 'name' && inlineHelper(func.id, expr, node, state)) return expr;
  const dispatched = globalsDispatch(func);
  if (dispatched !== null) {
    // Flask-Migrate's multi-database template: upgrade(engine_name) runs upgrade_<engine_name>().
    if (dispatched.name !== null && inlineHelper(dispatched.name, expr, node, state)) return expr;
    if (dispatched.name === null || !dispatched.hasDefault)
      note(state, 'warning', 'unknown-call', `globals()[...]() names no function of this revision the replay can find; skipped`, node);
    return expr;
  }
  replayCall(expr, node, state);
  return expr;
}

/** Replays a block; 'return' when a bare `return` ends the function. */
export function walkBlock(block: SyntaxNode | null, state: Replay): Flow {
  for (const [statement, type] of typedStatementsOf(block)) {
    switch (type) {
      case 'expression_statement':
        walkExpression(statement, state);
        break;
      case 'pass_statement':
      case 'import_statement':
      case 'import_from_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'assert_statement':
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
        break;
      case 'return_statement':
        return 'return';
      case 'if_statement':
        if (walkIf(statement, state) === 'return') return 'return';
        break;
      case 'for_statement':
        if (walkFor(statement, state) === 'return') return 'return';
        break;
      case 'with_statement':
        if (walkWith(statement, state) === 'return') return 'return';
        break;
      case 'try_statement':
        if (walkTry(statement, state) === 'return') return 'return';
        break;
      case 'raise_statement':
        note(state, 'warning', 'raises', l10n.t('this revision raises here (e.g. an irreversible downgrade); the rest of the body is not replayed'), statement);
        return 'return';
      case 'while_statement':
        note(state, 'warning', 'loop', l10n.t('while-loop cannot be replayed statically; skipped'), statement);
        break;
      case 'ERROR':
        note(state, 'warning', 'parse-error', l10n.t('syntax error; skipped'), statement);
        break;
      default:
        note(state, 'info', 'unsupported-statement', l10n.t('{0} not understood; skipped', type.replace(/_/g, ' ')), statement);
    }
  }
  return 'next';
}

/** Replays one `def upgrade()` / `def downgrade()`. */
export function replayFunction(fn: SyntaxNode, module: ModuleContext): ReplayedBody {
  const state: Replay = { scope: new Scope(module), ops: [], notes: [], batch: null, depth: 0, unfollowed: [] };
  // Alembic calls upgrade() with no arguments; Flask-Migrate's multi-database env passes
  // engine_name, "" for the primary database (the one this replay models).
  for (const param of statementsOf(fn.childForFieldName('parameters'))) {
    const name = param.type === 'identifier' ? param.text : param.childForFieldName('name')?.text;
    const fallback = param.type === 'default_parameter' || param.type === 'typed_default_parameter' ? param.childForFieldName('value') : null;
    // Only literal defaults: CTFd's plugin revisions take `op=None` and are handed the real op.
    const value = fallback ? readExpr(fallback) : null;
    if (value && name && (value.kind === 'str' || value.kind === 'num' || value.kind === 'bool')) state.scope.bind(name, value);
    else if (!fallback && name === 'engine_name') state.scope.bind(name, { kind: 'str', value: '', range: nodeRange(param) });
  }
  walkBlock(fn.childForFieldName('body'), state);
  const name = fn.childForFieldName('name') ?? fn;
  return {
    ops: state.ops,
    notes: state.notes,
    location: { file: module.file, range: nodeRange(name) },
    ...(state.unfollowed.length > 0 ? { unfollowed: state.unfollowed } : {}),
    ...(state.ops.some(opImportsType) ? { importsTypes: true as const } : {}),
  };
}
