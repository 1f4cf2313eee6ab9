// Per-table memo of buildSchema (build.ts), so that a keystroke rebuilds only the tables whose
// declaration changed. A table's schema depends on more than its own declaration: the names other
// tables already took (PostgreSQL's generated names avoid them), the column types of the tables its
// foreign keys point at, whether those tables exist, and the enum labels seen so far. So each build
// records what it asked of that shared state and what it wrote to it; a stored build is reused only
// when its declaration is equal and every answer is still the same, and then its writes are replayed
// in order. Otherwise the table is built again. The result is the same as a build from scratch.
import type { TableSchema } from '../schema/types';
import type { Note } from '../source';
import type { TableDecl } from './decls';
import type { TableSource } from './types';

/** What one table's build asked of the shared state, or did to it, in order. */
export type BuildEvent =
  /** Asked whether a constraint / sequence name was taken. */
  | { kind: 'asked'; name: string; taken: boolean }
  /** Took a name. */
  | { kind: 'took'; name: string }
  | { kind: 'note'; note: Note }
  /** Declared the enum type of the column at this index (replayed: its outcome depends on earlier tables). */
  | { kind: 'enum'; column: number }
  /** Read the type of the column at this index through its foreign key's target. */
  | { kind: 'type'; column: number; type: string | null }
  /** Asked whether the models declare this table. */
  | { kind: 'declared'; table: string; declared: boolean };

export interface BuiltTable {
  /** The declaration it was built from. */
  decl: TableDecl;
  explicitNames: string[];
  events: BuildEvent[];
  table: TableSchema;
  source: TableSource;
}

export class BuildMemo {
  private entries = new Map<string, BuiltTable>();
  private next = new Map<string, BuiltTable>();
  private environment: unknown = undefined;

  /**
   * Starts a build. `environment` stands for everything a declaration's qualify resolves against
   * (ColumnReadCache's version): when it changed, no stored build is reused.
   */
  begin(environment: unknown): void {
    if (environment !== this.environment) this.entries.clear();
    this.environment = environment;
    this.next = new Map();
  }

  /** The stored build of a declaration equal to this one, if any. */
  lookup(decl: TableDecl): BuiltTable | null {
    const entry = this.entries.get(decl.name);
    return entry && sameValue(entry.decl, decl) ? entry : null;
  }

  keep(entry: BuiltTable): void {
    this.next.set(entry.decl.name, entry);
  }

  /** The declaration is kept as it is: its columns' qualify must hold no reading (ModelIndex's qualifiers). */
  store(decl: TableDecl, rest: Omit<BuiltTable, 'decl'>): void {
    this.next.set(decl.name, { decl, ...rest });
  }

  /** Ends a build: only the tables of this build are kept. */
  end(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

/**
 * Deep equality of declarations. Shared objects (the common case: facts and column reads reused
 * from the previous edit) compare in one step. Functions (a column's qualify) count as equal: the
 * memo is emptied whenever what they resolve against changes (BuildMemo.begin).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'function' && typeof b === 'function') return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !sameValue(value, b.get(key))) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // for…in over plain data objects: no key arrays made (this runs for every table on every keystroke).
  let count = 0;
  for (const key in left) {
    count++;
    if (!Object.hasOwn(right, key) || !sameValue(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--;
  return count === 0;
}

/** The set of taken names, recording what a table's build asks and takes while `log` is set. */
export class LoggedNames extends Set<string> {
  log: BuildEvent[] | null = null;

  override has(name: string): boolean {
    const taken = super.has(name);
    this.log?.push({ kind: 'asked', name, taken });
    return taken;
  }

  override add(name: string): this {
    this.log?.push({ kind: 'took', name });
    return super.add(name);
  }

  /** Whether a stored build would ask and take exactly as recorded, without taking anything yet. */
  wouldAnswer(events: BuildEvent[]): boolean {
    const takenMeanwhile = new Set<string>();
    for (const event of events) {
      if (event.kind === 'took') takenMeanwhile.add(event.name);
      else if (event.kind === 'asked' && (super.has(event.name) || takenMeanwhile.has(event.name)) !== event.taken) return false;
    }
    return true;
  }
}
