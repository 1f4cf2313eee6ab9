// Names under the target metadata's naming_convention. Alembic builds every op's objects on a MetaData
// of its own that takes the naming_convention of env.py's target_metadata (alembic/operations/
// schemaobj.py, SchemaObjects.metadata()), so an unnamed `op.create_index(None, ...)`, `sa.Index(None,
// ...)` or UniqueConstraint in a revision is named by the project's convention when it runs, and a
// name given to a convention with %(constraint_name)s is rewritten; `op.f("x")` names exactly "x".
// With no convention set, SQLAlchemy's default names indexes ix_<table>_<column> and leaves
// constraints to PostgreSQL (pgNames.ts).
import * as l10n from '@vscode/l10n';
import { strValue, type PyExpr } from '../../python/expr';
import { conventionName, indexName, type ConventionContext, type ConventionKind, type ConventionResult } from '../../schema/naming';
import type { SourceLocation } from '../../source';
import type { Replay } from './replayState';

/** A name argument: the text (null for None) and whether it is op.f()/conv(), which no convention rewrites. */
export interface WrittenName {
  name: string | null;
  conv: boolean;
}

/** `op.f("x")`, `conv("x")`, `"x"` or None; undefined when it is not static. */
export function writtenName(expr: PyExpr | undefined): WrittenName | undefined {
  if (!expr || expr.kind === 'none') return { name: null, conv: false };
  if (expr.kind === 'call' && expr.args.length === 1) {
    const callee = expr.func.kind === 'attr' ? expr.func.attr : expr.func.kind === 'name' ? expr.func.id : '';
    if (callee === 'f' || callee === 'conv') {
      const name = strValue(expr.args[0]);
      return name === undefined ? undefined : { name, conv: true };
    }
  }
  const name = strValue(expr);
  return name === undefined ? undefined : { name, conv: false };
}

const MESSAGES = {
  unknown: (token: string) =>
    l10n.t('the naming convention calls {0}(), which this tool cannot follow: the name this gets is not known, so findings resting on it are uncertain', token),
  refused: (problem: string) => l10n.t('{0}; SQLAlchemy refuses this step when it runs', problem),
};

/** What naming needs besides the kind: the table and columns, the referred ones for a foreign key, Index.unique. */
export type NamingSubject = Omit<ConventionContext, 'constraintName'>;

/**
 * The name an object gets when the revision runs: `written` as given, or what the convention makes of
 * it, or PostgreSQL's choice (`pgName`) when the convention leaves it unnamed. A callable token the
 * replay cannot follow gives a name marked unknown (the models side marks the same object the same
 * way), an info note, and its table uncertain from here on.
 */
export function conventionalName(
  state: Replay,
  kind: ConventionKind,
  written: WrittenName,
  subject: NamingSubject,
  pgName: () => string,
  location: SourceLocation,
): string {
  if (written.conv && written.name !== null) return written.name;
  const convention = state.scope.module.convention;
  const result: ConventionResult =
    kind === 'ix' && written.name === null
      ? indexName(subject.table, subject.columns, convention, subject.unique === true)
      : conventionName(kind, convention, { ...subject, constraintName: written.name });
  if ('problem' in result) {
    state.notes.push({ severity: 'warning', kind: 'naming-convention', message: MESSAGES.refused(result.problem), location });
    return written.name ?? pgName();
  }
  if (result.unknown) {
    state.notes.push({ severity: 'info', kind: 'naming-convention', message: MESSAGES.unknown(result.unknown.token), location });
    state.unfollowed.push({ names: [subject.table], afterOps: state.ops.length + 1, note: state.notes.length - 1 });
  }
  return result.name ?? written.name ?? pgName();
}
