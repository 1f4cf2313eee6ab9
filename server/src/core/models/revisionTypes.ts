// The project's modules as the resolver of types a revision imports (history/revisionTypes.ts): the
// revision is read as a module of its own with its imports, so `Money(10)`, `sa.Enum(Status)` and
// `sqlalchemy_utils.UUIDType()` resolve exactly as they would written in a model file.
import type { PyExpr } from '../python/expr';
import { sqlaTypeToPg } from '../schema/sqlaTypes';
import type { RevisionTypeResolver } from '../history/revisionTypes';
import type { ImportedType } from '../schema/ops';
import { enumClassOf } from './enums';
import { customTypeOptions } from './customTypes';
import type { ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

/** A name no project module has (module names are dotted file paths). */
const REVISION_MODULE = '\u0000revision';

export function revisionTypeResolver(scope: ProjectScope): RevisionTypeResolver {
  // The revision read as a module of its own with its imports.
  const moduleOf = (type: ImportedType, revisionFile: string): ModuleFacts => ({
    path: revisionFile,
    moduleName: REVISION_MODULE,
    isPackage: false,
    imports: { aliases: new Map(type.imports), starModules: [...(type.starModules ?? [])], flaskDb: new Set() },
    classes: [],
    assignments: new Map(),
    calls: [],
    notes: [],
    broken: [],
  });
  return {
    type: (type, revisionFile) => {
      const module = moduleOf(type, revisionFile);
      const result = sqlaTypeToPg(type.expr, (d) => scope.qualifyIn(module, d), customTypeOptions(scope, module));
      return 'problem' in result && !usesProjectName(scope, module, type) ? null : result;
    },
    enumClass: (dotted, type, revisionFile) => enumClassOf(scope, moduleOf(type, revisionFile), dotted),
  };
}

/** Whether some imported name of the type is a project module's (else the project knows nothing more of it). */
function usesProjectName(scope: ProjectScope, module: ModuleFacts, type: { imports: [string, string][]; starModules?: string[]; expr: PyExpr }): boolean {
  const locals = type.starModules?.length ? [...type.imports.map(([local]) => local), ...namesIn(type.expr)] : type.imports.map(([local]) => local);
  return locals.some((local) => {
    const symbol = scope.resolve(module, local);
    return symbol !== null && symbol.kind !== 'external';
  });
}

/** The bare names an expression uses (a star-imported type is one of them). */
function namesIn(expr: PyExpr): string[] {
  const out: string[] = [];
  const visit = (e: PyExpr): void => {
    if (e.kind === 'name') out.push(e.id);
    else if (e.kind === 'attr') visit(e.object);
    else if (e.kind === 'call') {
      visit(e.func);
      e.args.forEach(visit);
      Object.values(e.kwargs).forEach(visit);
    }
  };
  visit(expr);
  return out;
}
