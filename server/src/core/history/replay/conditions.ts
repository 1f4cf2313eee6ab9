// Static reading of `if` conditions. The only facts known without running Python are the database
// the body runs on (the project's dialect, replay/dialect.ts) and that literals are literals;
// everything else is "unknown".
import type { SyntaxNode } from '../../python/parser';
import { readExpr, type PyExpr } from '../../python/expr';
import type { Scope } from './context';
import { DIALECT_NAMES, DIALECT_SCHEMES } from './dialect';

export type ConditionValue = { known: false } | { known: true; result: boolean; dialect: boolean };

const UNKNOWN: ConditionValue = { known: false };

/** `…dialect.name`, `…engine.name`, `bind.name`, or a variable bound to one of them. */
function isDialectName(node: SyntaxNode, scope: Scope): boolean {
  const text = node.text.replace(/\s+/g, '');
  if (/(^|\.)dialect\.name$|(^|\.)engine\.name$|get_bind\(\)\.name$|\.dialect\.driver$/.test(text)) return true;
  if (node.type === 'identifier') {
    const bound = scope.lookup(node.text);
    // dialect_name = op.get_bind().dialect.name
    return (
      bound?.kind === 'attr' && bound.attr === 'name' && bound.object.kind === 'attr' && (bound.object.attr === 'dialect' || bound.object.attr === 'engine')
    );
  }
  return false;
}

function literalStrings(expr: PyExpr): string[] | null {
  if (expr.kind === 'str') return [expr.value];
  if (expr.kind === 'list' || expr.kind === 'tuple' || expr.kind === 'set') {
    const values = expr.items.map((i) => (i.kind === 'str' ? i.value : null));
    return values.every((v): v is string => v !== null) ? values : null;
  }
  return null;
}

/** An expression that holds the database URL: `str(bind.engine.url)`, `op.get_bind().engine.url`, `config.get_main_option("sqlalchemy.url")`. */
function holdsUrl(expr: PyExpr): boolean {
  if (expr.kind === 'attr') return expr.attr === 'url' || holdsUrl(expr.object);
  if (expr.kind === 'call') {
    if (expr.func.kind === 'name' && expr.func.id === 'str' && expr.args[0]) return holdsUrl(expr.args[0]);
    if (expr.func.kind === 'attr' && expr.func.attr === 'get_main_option') return expr.args[0]?.kind === 'str' && expr.args[0].value === 'sqlalchemy.url';
    if (expr.func.kind === 'attr' && (expr.func.attr === 'lower' || expr.func.attr === 'render_as_string')) return holdsUrl(expr.func.object);
  }
  return false;
}

/** `url.startswith("sqlite")` on the database URL: known, since the target's scheme is. */
function urlStartsWith(node: SyntaxNode, scope: Scope): ConditionValue {
  const call = scope.resolve(readExpr(node));
  if (call.kind !== 'call' || call.func.kind !== 'attr' || call.func.attr !== 'startswith' || !holdsUrl(call.func.object)) return UNKNOWN;
  const prefixes = call.args[0] ? literalStrings(call.args[0]) : null;
  if (!prefixes) return UNKNOWN;
  const schemes = DIALECT_SCHEMES[scope.module.dialect];
  const result = prefixes.some((p) => schemes.some((scheme) => scheme.startsWith(p.toLowerCase()) || p.toLowerCase().startsWith(scheme)));
  return { known: true, result, dialect: true };
}

function compare(node: SyntaxNode, scope: Scope): ConditionValue {
  const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null);
  const operators = node.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.type);
  if (operands.length !== 2) return UNKNOWN;
  const [left, right] = operands as [SyntaxNode, SyntaxNode];
  const op = operators.join(' ');
  const dialectSide = isDialectName(left, scope) ? right : isDialectName(right, scope) ? left : null;
  if (!dialectSide) return UNKNOWN;
  const values = literalStrings(scope.resolve(readExpr(dialectSide)));
  if (!values) return UNKNOWN;
  const names = DIALECT_NAMES[scope.module.dialect];
  const matches = values.some((v) => names.has(v.toLowerCase()));
  if (op === '==' || op === 'in' || op === 'is') return { known: true, result: matches, dialect: true };
  if (op === '!=' || op === 'not in' || op === 'is not') return { known: true, result: !matches, dialect: true };
  return UNKNOWN;
}

export function evaluateCondition(node: SyntaxNode, scope: Scope): ConditionValue {
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? evaluateCondition(inner, scope) : UNKNOWN;
    }
    case 'comparison_operator':
      return compare(node, scope);
    case 'call':
      return urlStartsWith(node, scope);
    case 'not_operator': {
      const arg = node.childForFieldName('argument');
      const value = arg ? evaluateCondition(arg, scope) : UNKNOWN;
      return value.known ? { ...value, result: !value.result } : UNKNOWN;
    }
    case 'boolean_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.type;
      if (!left || !right) return UNKNOWN;
      const a = evaluateCondition(left, scope);
      const b = evaluateCondition(right, scope);
      const dialect = (a.known && a.dialect) || (b.known && b.dialect);
      if (op === 'and') {
        if ((a.known && !a.result) || (b.known && !b.result)) return { known: true, result: false, dialect };
        return a.known && b.known ? { known: true, result: true, dialect } : UNKNOWN;
      }
      if ((a.known && a.result) || (b.known && b.result)) return { known: true, result: true, dialect };
      return a.known && b.known ? { known: true, result: false, dialect } : UNKNOWN;
    }
    case 'true':
    case 'false':
      return { known: true, result: node.type === 'true', dialect: false };
    case 'identifier': {
      const bound = scope.lookup(node.text);
      if (bound?.kind === 'bool') return { known: true, result: bound.value, dialect: scope.dialectFlags.has(node.text) };
      // `if cols_to_add:` on a list the replay built: Python's truthiness of a list.
      if (bound?.kind === 'list' || bound?.kind === 'tuple') return { known: true, result: bound.items.length > 0, dialect: false };
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}
