// Python enum classes defined in a revision file (`class Status(str, enum.Enum): draft = "draft"`),
// read for `sa.Enum(Status)` as SQLAlchemy reads them: the member names are the labels (the values
// with values_callable), and the type is named after the class, lower-cased. A class imported from
// the project's modules is not read here (the replay reads one file; its result is cached by that
// file's text): such a column's type stays unresolved, with a note at its line.
import type { SyntaxNode } from '../../python/parser';
import { dottedName, readExpr } from '../../python/expr';
import type { PyEnumClass } from '../../schema/sqlaTypes';

const ENUM_BASES = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag']);

/** The module-level enum classes of a revision file, by name. `qualify` resolves a base through the file's imports. */
export function readEnumClasses(root: SyntaxNode, qualify: (dotted: string) => string): Map<string, PyEnumClass> {
  const classes = new Map<string, PyEnumClass>();
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'class_definition') continue;
    const name = statement.childForFieldName('name')?.text;
    const bases = statement.childForFieldName('superclasses')?.namedChildren ?? [];
    const isEnum = bases.some((base) => {
      if (!base) return false;
      const dotted = dottedName(readExpr(base));
      return dotted !== null && (ENUM_BASES.has(qualify(dotted)) || classes.has(dotted));
    });
    if (!name || !isEnum) continue;
    const members: PyEnumClass['members'] = [];
    for (const item of statement.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = item?.type === 'expression_statement' ? item.namedChildren[0] : null;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'identifier' || !right || left.text.startsWith('_')) continue;
      const value = readExpr(right);
      members.push({ name: left.text, value: value.kind === 'str' || value.kind === 'num' ? value.value : null });
    }
    classes.set(name, { name, members });
  }
  return classes;
}
