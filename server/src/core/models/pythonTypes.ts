// The SQL type SQLAlchemy 2.0 derives from a Python type in `Mapped[...]`: the Base's own
// type_annotation_map first, then SQLAlchemy's default map (sqlalchemy.orm.decl_api), then
// project enum classes (Enum(cls), named after the class in lower case, labels = member names).
import * as l10n from '@vscode/l10n';
import { sqlaTypeToPg, type PgTypeResult, type PyEnumClass } from '../schema/sqlaTypes';
import type { TypeExpr } from './annotations';
import type { Qualify } from './decls';
import { dottedName, type PyExpr } from '../python/expr';

/** SQLAlchemy 2.0's default type_annotation_map, as the PostgreSQL types it creates. */
const DEFAULT_PYTHON_TYPES: Record<string, string> = {
  int: 'integer',
  float: 'double precision',
  bool: 'boolean',
  str: 'character varying',
  bytes: 'bytea',
  'decimal.Decimal': 'numeric',
  'datetime.datetime': 'timestamp without time zone',
  'datetime.date': 'date',
  'datetime.time': 'time without time zone',
  'datetime.timedelta': 'interval',
  'uuid.UUID': 'uuid',
};

export interface PythonTypeContext {
  qualify: Qualify;
  resolveEnumClass: (dotted: string) => PyEnumClass | null;
  /** The Base's type_annotation_map, with the qualify of the module it was written in. */
  typeAnnotationMap: { entries: { key: PyExpr; value: PyExpr }[]; qualify: Qualify } | null;
}

export function pythonTypeToPg(type: TypeExpr, ctx: PythonTypeContext): PgTypeResult {
  if (type.kind === 'str') return { problem: l10n.t('the annotation "{0}" is a string; it cannot be read statically', type.value) };
  if (type.kind !== 'name') {
    return { problem: l10n.t('this Mapped[...] type has no SQL type SQLAlchemy would choose on its own; give mapped_column() a type') };
  }
  const qualified = ctx.qualify(type.dotted);
  const map = ctx.typeAnnotationMap;
  if (map) {
    for (const entry of map.entries) {
      const key = dottedName(entry.key);
      if (key !== null && map.qualify(key) === qualified) {
        return sqlaTypeToPg(entry.value, map.qualify, { resolveEnumClass: ctx.resolveEnumClass });
      }
    }
  }
  const builtin = DEFAULT_PYTHON_TYPES[qualified];
  if (builtin) return { type: builtin };
  const enumClass = ctx.resolveEnumClass(type.dotted);
  if (enumClass) {
    const name = enumClass.name.toLowerCase();
    return { type: name, enum: { name, values: enumClass.members.map((m) => m.name) } };
  }
  return { problem: l10n.t('Mapped[{0}]: SQLAlchemy has no default SQL type for {1}; give mapped_column() a type', type.dotted, qualified) };
}
