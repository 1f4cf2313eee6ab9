// Python enum classes defined in the project (`class Status(enum.Enum): draft = "draft"`), read for
// Enum(Status) columns and Mapped[Status] annotations.
import { dottedName } from '../python/expr';
import type { PyEnumClass } from '../schema/sqlaTypes';
import type { ClassFact, ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

const ENUM_BASES = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag']);

function isEnumClass(scope: ProjectScope, module: ModuleFacts, cls: ClassFact, depth: number): boolean {
  if (depth > 8) return false;
  return cls.bases.some((base) => {
    const dotted = dottedName(base);
    if (dotted === null) return false;
    const symbol = scope.resolve(module, dotted);
    if (symbol?.kind === 'external') return ENUM_BASES.has(symbol.qualified);
    if (symbol?.kind === 'class') return isEnumClass(scope, symbol.module, symbol.cls, depth + 1);
    return false;
  });
}

/** The members of a project enum class, in declaration order; `auto()` and computed values have value null. */
export function enumClassOf(scope: ProjectScope, module: ModuleFacts, dotted: string): PyEnumClass | null {
  const symbol = scope.resolve(module, dotted);
  if (symbol?.kind !== 'class' || !isEnumClass(scope, symbol.module, symbol.cls, 0)) return null;
  const members: PyEnumClass['members'] = [];
  for (const attribute of symbol.cls.attributes) {
    if (attribute.name.startsWith('_') || attribute.declaredAttr || !attribute.value) continue;
    const value = attribute.value;
    if (value.kind === 'str' || value.kind === 'num') members.push({ name: attribute.name, value: value.value });
    else if (value.kind === 'call' || value.kind === 'tuple') members.push({ name: attribute.name, value: null });
  }
  return { name: symbol.cls.name, members };
}
