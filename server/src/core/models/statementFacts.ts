// What one top-level statement of a model module says, read from its syntax tree into plain data:
// a class (attributes, dunders, declared_attr methods, decorators), a module-level assignment or a
// bare call. Everything later works on this data, so the trees can be freed once it is read.
import * as l10n from '@vscode/l10n';
import { dottedName, nodeRange, readExpr, type PyExpr } from '../python/expr';
import type { SyntaxNode } from '../python/parser';
import { CompactRange, type Note, type Range } from '../source';
import { readAnnotation, type TypeExpr } from './annotations';
import { readFunction, type FunctionFact } from './functionFacts';
import { readClassMethod, readParams, readStraightReturn, type ClassMethodFact } from './methodFacts';

export interface AttributeFact {
  name: string;
  value: PyExpr | null;
  annotation: TypeExpr | null;
  /** The whole statement. */
  range: Range;
  /** Read from a `@declared_attr` method's single `return` (value is what it returns). */
  declaredAttr: boolean;
}

export interface ClassFact {
  name: string;
  bases: PyExpr[];
  keywords: Record<string, PyExpr>;
  decorators: PyExpr[];
  nameRange: Range;
  range: Range;
  /** Non-dunder attributes in source order. */
  attributes: AttributeFact[];
  /** __tablename__, __table_args__, __abstract__, __table__, metadata, type_annotation_map … */
  dunders: Map<string, AttributeFact>;
  /** Names of the methods defined in the class body (a TypeDecorator's load_dialect_impl, __init__…). */
  methods: string[];
  /** `@classmethod`s of a straight-line body (methodFacts.ts), which declared_attrs may call. */
  classMethods: ClassMethodFact[];
  /** Methods whose last statement is `return f(...)`, with f as written (a db wrapper's `Table` returning `sa.Table(...)`). */
  forwards: { name: string; callee: string }[];
  /** Read from code that does not parse, with no earlier reading to stand in: its table's findings are paused. */
  partial?: true;
}

export interface AssignmentFact {
  value: PyExpr;
  range: Range;
}

/** What one top-level statement contributes. */
export type StatementFacts =
  | { kind: 'class'; fact: ClassFact }
  | { kind: 'assignment'; name: string; fact: AssignmentFact }
  | { kind: 'call'; expr: PyExpr }
  | { kind: 'function'; fact: FunctionFact }
  | { kind: 'none' };

const SPECIAL_CLASS_ATTRIBUTES = new Set(['metadata', 'type_annotation_map', 'registry', 'query_class', 'query']);

function looksLikeColumn(value: PyExpr | null): boolean {
  if (value?.kind !== 'call') return false;
  const func = value.func.kind === 'attr' ? value.func.attr : value.func.kind === 'name' ? value.func.id : '';
  return func === 'Column' || func === 'mapped_column';
}

function decoratorsOf(node: SyntaxNode): PyExpr[] {
  const parent = node.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren
    .filter((c): c is SyntaxNode => c?.type === 'decorator')
    .map((d) => {
      const inner = d.namedChildren.find((c) => c !== null && c.type !== 'comment');
      return inner ? readExpr(inner) : { kind: 'unknown', text: d.text, range: nodeRange(d) };
    });
}

/**
 * `db.Model.metadata.naming_convention = {...}` (or `= NAME`): kept as an assignment under its dotted
 * target, which no plain name can collide with (models/bases.ts looks it up for the MetaData's owner).
 */
function readConventionAssignment(statement: SyntaxNode): StatementFacts | null {
  const assignment = statement.namedChildren[0];
  if (assignment?.type !== 'assignment') return null;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'naming_convention' || !right) return null;
  const target = dottedName(readExpr(left));
  return target ? { kind: 'assignment', name: target, fact: { value: readExpr(right), range: nodeRange(statement) } } : null;
}

/** `x = ...`, `x: T = ...`, `x: T` inside an expression statement. */
function readAssignment(statement: SyntaxNode): { name: string; value: PyExpr | null; annotation: TypeExpr | null } | null {
  const assignment = statement.namedChildren[0];
  if (assignment?.type !== 'assignment') return null;
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'identifier') return null;
  const right = assignment.childForFieldName('right');
  const typeNode = assignment.childForFieldName('type');
  // `a = b = Column(...)`: the right side is another assignment; take its value.
  let valueNode = right;
  while (valueNode?.type === 'assignment') valueNode = valueNode.childForFieldName('right');
  return { name: left.text, value: valueNode ? readExpr(valueNode) : null, annotation: typeNode ? readAnnotation(typeNode) : null };
}

/**
 * A `@declared_attr` method. Its value is what a straight-line body returns (methodFacts.ts), with
 * its first parameter spelled `cls` (classEval.ts evaluates it per model); any other body is unknown.
 */
function readDeclaredAttr(definition: SyntaxNode, decorators: PyExpr[]): AttributeFact | null {
  const isDeclared = decorators.some((d) => {
    const text = d.kind === 'attr' ? d.attr : d.kind === 'name' ? d.id : d.kind === 'call' && d.func.kind === 'attr' ? d.func.attr : '';
    return (
      text === 'declared_attr' ||
      text === 'directive' ||
      text === 'cascading' ||
      (d.kind === 'attr' && d.object.kind === 'attr' && d.object.attr === 'declared_attr')
    );
  });
  if (!isDeclared) return null;
  const name = definition.childForFieldName('name')?.text;
  const body = definition.childForFieldName('body');
  if (!name || !body) return null;
  const returnType = definition.childForFieldName('return_type');
  const range = nodeRange(definition.parent?.type === 'decorated_definition' ? definition.parent : definition);
  const first = readParams(definition)?.[0]?.name;
  const rename = first && first !== 'cls' ? new Map<string, PyExpr>([[first, { kind: 'name', id: 'cls', range }]]) : undefined;
  return {
    name,
    value: readStraightReturn(body, rename) ?? { kind: 'unknown', text: definition.text, range },
    annotation: returnType ? readAnnotation(returnType) : null,
    range,
    declaredAttr: true,
  };
}

/** The callee of a method's final `return f(...)`, as written; null for any other ending. */
function forwardedCallee(definition: SyntaxNode): string | null {
  const statements = definition.childForFieldName('body')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  const returned = last?.type === 'return_statement' ? last.namedChildren.find((c) => c !== null && c.type !== 'comment') : null;
  const func = returned?.type === 'call' ? returned.childForFieldName('function') : null;
  return func ? dottedName(readExpr(func)) : null;
}

const isClassMethod = (decorators: PyExpr[]) => decorators.some((d) => d.kind === 'name' && d.id === 'classmethod');

/**
 * sqlalchemy_utils' `@aggregated("relationship", db.Column(...))` on a method: the method's name is a
 * column of the table, kept up to date by the library (Open Event Server's follower counts).
 */
function readAggregated(definition: SyntaxNode, decorators: PyExpr[]): AttributeFact | null {
  const decorator = decorators.find((d) => d.kind === 'call' && /^(?:.*\.)?aggregated$/.test(dottedName(d.func) ?? ''));
  const column = decorator?.kind === 'call' ? (decorator.args[1] ?? decorator.kwargs.column) : undefined;
  const name = definition.childForFieldName('name')?.text;
  if (!name || column?.kind !== 'call') return null;
  return { name, value: column, annotation: null, range: nodeRange(definition.parent ?? definition), declaredAttr: false };
}

export function readClass(node: SyntaxNode): ClassFact | null {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return null;
  const bases: PyExpr[] = [];
  const keywords: Record<string, PyExpr> = {};
  for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const key = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (key && value) keywords[key] = readExpr(value);
    } else {
      bases.push(readExpr(arg));
    }
  }
  const fact: ClassFact = {
    name: nameNode.text,
    bases,
    keywords,
    decorators: decoratorsOf(node),
    nameRange: nodeRange(nameNode),
    range: nodeRange(node),
    attributes: [],
    dunders: new Map(),
    methods: [],
    classMethods: [],
    forwards: [],
  };
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!statement) continue;
    const method = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (method?.type === 'function_definition') {
      const name = method.childForFieldName('name')?.text;
      if (name) fact.methods.push(name);
      const callee = name ? forwardedCallee(method) : null;
      if (name && callee) fact.forwards.push({ name, callee });
    }
    let attribute: AttributeFact | null = null;
    if (statement.type === 'expression_statement') {
      const read = readAssignment(statement);
      // Spelled out as quickClass.ts makes it: one object shape, so V8's code for their readers stays optimized.
      if (read) attribute = { name: read.name, value: read.value, annotation: read.annotation, range: nodeRange(statement), declaredAttr: false };
    } else if (statement.type === 'decorated_definition') {
      const definition = statement.childForFieldName('definition');
      if (definition?.type === 'function_definition') {
        const decorators = decoratorsOf(definition);
        attribute = readDeclaredAttr(definition, decorators) ?? readAggregated(definition, decorators);
        const classMethod = !attribute && isClassMethod(decorators) ? readClassMethod(definition) : null;
        if (classMethod) fact.classMethods.push(classMethod);
      }
    }
    if (attribute) placeAttribute(fact, attribute);
  }
  return fact;
}

/** Files a class attribute as a dunder / special attribute or as a (possible) column, in source order. */
export function placeAttribute(fact: ClassFact, attribute: AttributeFact): void {
  // `query = db.Column(...)` maps a column named query, hiding Flask-SQLAlchemy's Model.query.
  const special = SPECIAL_CLASS_ATTRIBUTES.has(attribute.name) && !looksLikeColumn(attribute.value);
  if (/^__.*__$/.test(attribute.name) || special) fact.dunders.set(attribute.name, attribute);
  else fact.attributes.push(attribute);
}

export function firstSyntaxErrors(root: SyntaxNode, path: string, limit: number): Note[] {
  const notes: Note[] = [];
  const visit = (node: SyntaxNode) => {
    if (notes.length >= limit) return;
    if (node.isError || node.isMissing) {
      notes.push({
        severity: 'warning',
        kind: 'parse-error',
        message: node.isMissing ? l10n.t('syntax error: missing {0}', node.type) : l10n.t('syntax error: this code is skipped until it parses'),
        location: { file: path, range: nodeRange(node) },
      });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return notes;
}

/** Module-level statements, including those inside `if`/`try` blocks. */
export function* topLevel(node: SyntaxNode): Generator<SyntaxNode> {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (['if_statement', 'try_statement', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause', 'block'].includes(child.type))
      yield* topLevel(child);
    else yield child;
  }
}

export function readStatement(statement: SyntaxNode): StatementFacts {
  const node = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  if (node?.type === 'class_definition') {
    const fact = readClass(node);
    return fact ? { kind: 'class', fact } : { kind: 'none' };
  }
  if (node?.type === 'function_definition') {
    const fact = readFunction(node);
    return fact ? { kind: 'function', fact } : { kind: 'none' };
  }
  if (node?.type === 'expression_statement') {
    const convention = readConventionAssignment(node);
    if (convention) return convention;
    const read = readAssignment(node);
    if (read?.value) return { kind: 'assignment', name: read.name, fact: { value: read.value, range: nodeRange(node) } };
    if (!read && node.namedChildren[0]?.type === 'call') return { kind: 'call', expr: readExpr(node.namedChildren[0]) };
  }
  return { kind: 'none' };
}

/** A deep copy with every position's line passed through `mapLine` (Maps and arrays included). */
export function mapLines<T>(value: T, mapLine: (line: number) => number): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof CompactRange) return value.withLines(mapLine) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, mapLines(v, mapLine)])) as T;
  if (Array.isArray(value)) return value.map((v) => mapLines(v, mapLine)) as T;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) {
    return { line: mapLine(record.line), character: record.character } as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = mapLines(record[key], mapLine);
  return out as T;
}

/** A deep copy with every Range moved down by `lines`. */
export function shiftLines<T>(value: T, lines: number): T {
  return lines === 0 ? value : mapLines(value, (line) => line + lines);
}
