// Which class attributes are columns this tool cannot see, and which calls never make a column:
// what the class walker (classTables.ts) decides before reading an attribute as a column.
import { dottedName } from '../python/expr';
import type { ColumnContext } from './columns';
import type { AttributeFact } from './moduleFacts';

/**
 * `x = Column(db.Integer)` where this Column is a project helper (functools.partial, a wrapper
 * function), or any other call that is not SQLAlchemy's: it may make a column this tool cannot see.
 * The names it could give the column: the attribute, and a leading string argument.
 */
export function unseenColumnNames(attribute: AttributeFact, context: ColumnContext): string[] {
  const value = attribute.value;
  // A @declared_attr whose body is more than one `return` (indico's `if cls.add_file_date_column:
  // return db.Column(...)`) may return a column named after the attribute.
  if (attribute.declaredAttr && value?.kind === 'unknown') return [attribute.name];
  if (value?.kind !== 'call') return [];
  const callee = dottedName(value.func);
  if (callee === null) return [attribute.name];
  const qualified = context.qualify(callee);
  if (NOT_COLUMNS.test(qualified) || /^(sqlalchemy|flask_sqlalchemy|typing|builtins)\b/.test(qualified) || NOT_COLUMN_BUILTINS.has(qualified)) return [];
  const first = value.args[0];
  return first?.kind === 'str' ? [attribute.name, first.value] : [attribute.name];
}

/** In unseenColumns: every column may be unseen (a base from outside the project). */
export const ANY_COLUMN = '*';

const NOT_COLUMN_BUILTINS = new Set([
  'property',
  'staticmethod',
  'classmethod',
  'dict',
  'list',
  'set',
  'tuple',
  'frozenset',
  'str',
  'int',
  'float',
  'bool',
  'object',
  'super',
  're.compile',
  'logging.getLogger',
  'namedtuple',
  'collections.namedtuple',
  'enum.Enum',
  'datetime.timedelta',
  'timedelta',
  'Decimal',
  'decimal.Decimal',
]);

export function isColumnProperty(value: Extract<NonNullable<AttributeFact['value']>, { kind: 'call' }>, context: ColumnContext): boolean {
  const callee = dottedName(value.func);
  return callee !== null && ['sqlalchemy.orm.column_property', 'sqlalchemy.orm.deferred'].includes(context.qualify(callee));
}

export const NOT_COLUMNS =
  /(^|\.)(relationship|relation|backref|association_proxy|column_property|synonym|composite|deferred|hybrid_property|query_expression|dynamic_loader|WriteOnlyMapped|DynamicMapped)$/;
