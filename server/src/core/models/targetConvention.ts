// The naming_convention of the MetaData env.py hands Alembic as target_metadata: the one the models'
// tables are declared on (Flask-Migrate's db.metadata, or Base.metadata). Alembic gives it to the
// MetaData every op builds its objects on (alembic/operations/schemaobj.py), so it names what the
// revisions leave unnamed. When the models use several MetaData, the one most tables are on is taken.
import { conventionKey, isDefaultConvention, type NamingConvention } from '../schema/naming';
import type { TableDecl } from './decls';

export function targetConvention(tables: readonly TableDecl[]): NamingConvention | null {
  const counts = new Map<string, { convention: NamingConvention | null; count: number }>();
  for (const table of tables) {
    // MetaData(naming_convention={}) falls back to SQLAlchemy's default, as no convention does.
    const convention = isDefaultConvention(table.namingConvention) || Object.keys(table.namingConvention ?? {}).length === 0 ? null : table.namingConvention;
    const key = conventionKey(convention);
    const entry = counts.get(key) ?? { convention, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { convention: NamingConvention | null; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.convention ?? null;
}
