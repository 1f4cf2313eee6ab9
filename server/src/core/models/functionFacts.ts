// What a module-level `def` of a model module does, as far as tables go, read from its syntax tree
// into plain data: which calls it makes, which of them it hands its own parameters to, and whether
// it builds schema itself (a class statement, an attribute set on a parameter). A module-level call
// handed model classes is followed through this (importTimeCalls.ts) instead of being guessed at.
import { dottedName, nodeRange, readExpr } from '../python/expr';
import type { SyntaxNode } from '../python/parser';
import type { Range } from '../source';
import type { TokenExpr } from '../schema/conventionTokens';
import { readReturnExpr } from './returnExpr';

export interface FunctionCallFact {
  /** The callee as written (`sa.Table`, `helper`, `model.__table__.append_column`); null when it is not a dotted name. */
  callee: string | null;
  /** Whether one of the arguments is a parameter of the function (or its `__table__`). */
  handed: boolean;
}

export interface FunctionFact {
  name: string;
  params: string[];
  range: Range;
  calls: FunctionCallFact[];
  /** What in the body builds schema by itself, as written (`class Version`, `model.extra = ...`); null when nothing does. */
  builds: string | null;
  /** For a two-parameter `return <expr>` body (a naming_convention callable token), that expression. */
  returns?: TokenExpr;
}

/** A body with more calls than this is not followed (taken as building schema). */
const MAX_CALLS = 200;

function paramNames(parameters: SyntaxNode | null): string[] {
  const names: string[] = [];
  for (const param of parameters?.namedChildren ?? []) {
    if (!param) continue;
    if (param.type === 'identifier') names.push(param.text);
    else {
      const name = param.childForFieldName('name') ?? param.namedChildren.find((c) => c?.type === 'identifier');
      if (name?.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

/** `model`, `model.__table__`: what hands the parameter's table on. */
function isParam(node: SyntaxNode, params: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return params.has(node.text);
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text;
    return object?.type === 'identifier' && params.has(object.text) && attr === '__table__';
  }
  if (node.type === 'keyword_argument') {
    const value = node.childForFieldName('value');
    return value !== null && isParam(value, params);
  }
  if (node.type === 'list_splat' || node.type === 'dictionary_splat' || node.type === 'list' || node.type === 'tuple')
    return node.namedChildren.some((c) => c !== null && isParam(c, params));
  return false;
}

export function readFunction(definition: SyntaxNode): FunctionFact | null {
  const name = definition.childForFieldName('name')?.text;
  const body = definition.childForFieldName('body');
  if (!name || !body) return null;
  const params = paramNames(definition.childForFieldName('parameters'));
  const paramSet = new Set(params);
  const calls: FunctionCallFact[] = [];
  let builds: string | null = null;
  const visit = (node: SyntaxNode) => {
    if (builds !== null) return;
    const type = node.type;
    if (type === 'class_definition') {
      builds = `class ${node.childForFieldName('name')?.text ?? ''}`.trim();
      return;
    }
    if (type === 'assignment' || type === 'augmented_assignment') {
      // `model.extra = Column(...)` adds a column to a declarative class.
      const left = node.childForFieldName('left');
      const object = left?.type === 'attribute' ? left.childForFieldName('object') : null;
      if (left && object && isParam(object, paramSet)) {
        builds = `${left.text} = ...`;
        return;
      }
    }
    if (type === 'call') {
      const func = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      const callee = func ? dottedName(readExpr(func)) : null;
      const handed = (args?.namedChildren ?? []).some((a) => a !== null && isParam(a, paramSet));
      calls.push({ callee, handed });
      if (calls.length > MAX_CALLS) {
        builds = `${name}(...)`;
        return;
      }
    }
    for (const child of node.namedChildren) if (child && child.type !== 'comment') visit(child);
  };
  visit(body);
  const returns = params.length === 2 ? readReturnExpr(body) : null;
  return {
    name,
    params,
    range: nodeRange(definition.parent?.type === 'decorated_definition' ? definition.parent : definition),
    calls,
    builds,
    ...(returns ? { returns } : {}),
  };
}
