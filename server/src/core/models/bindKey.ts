// Flask-SQLAlchemy's `__bind_key__`: a model bound to another database, which Flask-Migrate's default
// environment does not migrate.
import type { ClassInfo } from './bases';
import { mroOf } from './mro';

/** The model's `__bind_key__` (own or inherited from a mixin/abstract base), or null for the default database. */
export function bindKey(info: ClassInfo): string | null {
  for (const c of mroOf(info)) {
    const value = c.cls.dunders.get('__bind_key__')?.value;
    if (!value) continue;
    return value.kind === 'str' ? value.value : value.kind === 'none' ? null : '?';
  }
  return null;
}
