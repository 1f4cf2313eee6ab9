// A column type the replay cannot read from the revision alone because it names something the revision
// imports (`from app.types import Money`, `from app.models import Status`): kept on the op with the
// revision's imports, and resolved after the cached parse through the project's modules
// (history/revisionTypes.ts), so an edit of the type's module re-reads it without re-parsing revisions.
import { dottedName, type PyExpr } from '../../python/expr';
import type { ImportedType, MigrationOp } from '../../schema/ops';
import type { ModuleContext } from './context';

/** What is SQLAlchemy's or Alembic's own: the revision's reading already knows all it can of these. */
const OWN = /^(sqlalchemy|alembic)(\.|$)/;

/** The heads of the dotted names an expression uses (callee, arguments, keyword values). */
function heads(expr: PyExpr, out: Set<string>): void {
  const dotted = dottedName(expr);
  if (dotted !== null) {
    out.add(dotted.split('.')[0] as string);
    return;
  }
  switch (expr.kind) {
    case 'call':
      heads(expr.func, out);
      for (const arg of expr.args) heads(arg, out);
      for (const value of Object.values(expr.kwargs)) heads(value, out);
      return;
    case 'attr':
      heads(expr.object, out);
      return;
    case 'list':
    case 'tuple':
    case 'set':
      for (const item of expr.items) heads(item, out);
      return;
    case 'subscript':
      heads(expr.value, out);
      for (const item of expr.index) heads(item, out);
      return;
    default:
      return;
  }
}

/** The type expression as an ImportedType when it names an import from outside SQLAlchemy; else null. */
export function importedTypeOf(expr: PyExpr, module: ModuleContext, problem: string): ImportedType | null {
  const used = new Set<string>();
  heads(expr, used);
  // `from app.types import *`: a name the revision neither defines nor imports by name may come from there.
  const stars = module.imports.starModules.filter((name) => !OWN.test(name));
  const imported = [...used].some((head) => {
    if (module.enumClasses.has(head) || module.constants.has(head)) return false;
    const bound = module.imports.aliases.get(head);
    if (bound === undefined) return stars.length > 0 && !head.startsWith('_');
    return !OWN.test(bound);
  });
  if (!imported) return null;
  return { expr, imports: [...module.imports.aliases], ...(stars.length > 0 ? { starModules: stars } : {}), problem };
}

/** Whether an op has a type only the project's modules can tell (revisionTypes.ts resolves it). */
export function opImportsType(op: MigrationOp): boolean {
  return (
    (op.kind === 'createTable' && !!op.importedTypes) ||
    ((op.kind === 'addColumn' || op.kind === 'createEnum' || op.kind === 'dropEnum') && !!op.importedType) ||
    (op.kind === 'alterColumn' && !!op.importedTypes)
  );
}
