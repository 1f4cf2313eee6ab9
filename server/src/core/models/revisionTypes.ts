// The project's modules as the resolver of types a revision imports (history/revisionTypes.ts): the
// revision is read as a module of its own with its imports, so `Money(10)`, `sa.Enum(Status)` and
// `sqlalchemy_utils.UUIDType()` resolve exactly as they would written in a model file.
import { sqlaTypeToPg } from '../schema/sqlaTypes';
import type { RevisionTypeResolver } from '../history/revisionTypes';
import { customTypeOptions } from './customTypes';
import type { ModuleFacts } from './moduleFacts';
import type { ProjectScope } from './scope';

/** A name no project module has (module names are dotted file paths). */
const REVISION_MODULE = '\u0000revision';

export function revisionTypeResolver(scope: ProjectScope): RevisionTypeResolver {
  return (type, revisionFile) => {
    const module: ModuleFacts = {
      path: revisionFile,
      moduleName: REVISION_MODULE,
      isPackage: false,
      imports: { aliases: new Map(type.imports), starModules: [], flaskDb: new Set() },
      classes: [],
      assignments: new Map(),
      calls: [],
      notes: [],
      broken: [],
    };
    const result = sqlaTypeToPg(type.expr, (d) => scope.qualifyIn(module, d), customTypeOptions(scope, module));
    return 'problem' in result && !usesProjectName(scope, module, type) ? null : result;
  };
}

/** Whether some imported name of the type is a project module's (else the project knows nothing more of it). */
function usesProjectName(scope: ProjectScope, module: ModuleFacts, type: { imports: [string, string][] }): boolean {
  return type.imports.some(([local]) => {
    const symbol = scope.resolve(module, local);
    return symbol !== null && symbol.kind !== 'external';
  });
}
