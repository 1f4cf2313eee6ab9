// Column reads kept between schema computations. An edit re-reads only the statements whose text
// changed, so every other attribute keeps its AttributeFact object; its ColumnDecl can be reused as
// long as nothing it was resolved against changed: the "environment" (imports, module-level
// assignments and class names of every module). Reads that looked at other classes (enum members,
// `ForeignKey(User.id)`, relationship targets, a Base's type_annotation_map) are never reused.
import type { NoteKind } from '../noteKinds';
import type { Range } from '../source';
import type { ColumnContext } from './columns';
import type { ColumnDecl } from './decls';
import type { AttributeFact, ClassFact, ModuleFacts } from './moduleFacts';

/** A note a read gave, and the module of the class it was read for. */
type RecordedNote = [modulePath: string, message: string, range: Range, kind: NoteKind | undefined];

/** A class that contributes columns (the class itself, a mixin, an abstract base), as far as its columns' read depends on it. */
export interface Contributor {
  cls: ClassFact;
  module: ModuleFacts;
  role: string;
  opaqueBases?: string[];
}
type ContributorKey = [ClassFact, string, string, number];
const keyOf = (c: Contributor): ContributorKey => [c.cls, c.module.path, c.role, c.opaqueBases?.length ?? 0];

/** One class's columns, read from the classes that contribute them (itself, its mixins). */
interface ClassEntry {
  version: number;
  /** What the read depended on besides the environment: its contributors' facts, modules, roles and opaque bases. */
  contributors: ContributorKey[];
  columns: ColumnDecl[];
  unseen: string[];
  notes: RecordedNote[];
}

interface Entry {
  version: number;
  modulePath: string;
  decl: ColumnDecl | null;
  notes: [string, Range, NoteKind | undefined][];
}

/** One read in progress: whether it looked at nothing but its own statement, and the notes it gave. */
interface ReadFrame {
  pure: boolean;
  notes: Entry['notes'];
}

/** A context wrapped to record into the frame of the read in progress. */
interface Tracker {
  frame: ReadFrame;
  tracking: ColumnContext;
  markImpure: () => void;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
}

/** What name resolution depends on, as one string: equal strings mean equal resolution. */
export function environmentKey(modules: ModuleFacts[]): string {
  const parts: string[] = [];
  for (const module of modules) {
    const imports = module.imports;
    parts.push(
      module.path,
      module.moduleName,
      [...imports.aliases].map(([k, v]) => `${k}=${v}`).join(','),
      imports.starModules.join(','),
      [...imports.flaskDb].join(','),
      [...module.assignments].map(([name, fact]) => `${name}#${idOf(fact)}`).join(','),
      module.classes.map((c) => c.name).join(','),
    );
  }
  return parts.join('\n');
}

/** Stands in for a stored read's qualify; a hit always gets the current one. */
const unqualified = (dotted: string) => dotted;

export class ColumnReadCache {
  /** `stableQualify`: the contexts' qualify functions hold no reading (ModelIndex's late-bound ones). */
  constructor(private readonly stableQualify = false) {}

  private readonly entries = new WeakMap<AttributeFact, Entry>();
  private readonly classes = new WeakMap<ClassFact, ClassEntry>();
  private readonly trackers = new WeakMap<ColumnContext, Tracker>();
  /** While a class's columns are read for keeping: the notes its reads give, and whether each read was kept. */
  private recording: { notes: RecordedNote[]; modulePath: string; pure: boolean } | null = null;
  private environment = '';
  private version = 0;

  /** Changes whenever the environment does (what other memos of reads key on). */
  get environmentVersion(): number {
    return this.version;
  }

  /** Sets the environment of the coming reads; a different one invalidates every stored read. */
  setEnvironment(environment: string): void {
    if (environment === this.environment) return;
    this.environment = environment;
    this.version++;
  }

  /**
   * The recording context for reads in `context`, made once per context (a module's ColumnContext
   * serves every column of the module): one wrapper and six closures per read were ~20 MB of the
   * 50,000-line file's first read. Each read sets its own frame and puts back the one it found, so a
   * read nested in another (same context or not) records into its own frame, as before.
   */
  private trackerOf(context: ColumnContext): Tracker {
    let tracker = this.trackers.get(context);
    if (tracker) return tracker;
    const made: Tracker = {
      frame: { pure: true, notes: [] },
      markImpure: () => {
        made.frame.pure = false;
      },
      tracking: {
        ...context,
        note: (message, range, kind) => {
          made.frame.notes.push([message, range, kind]);
          context.note(message, range, kind);
        },
        resolveEnumClass: (dotted) => {
          // Found or not, the answer depends on another class (its members, or whether it is an enum yet).
          made.frame.pure = false;
          return context.resolveEnumClass(dotted);
        },
        resolveCustomType: (expr) => {
          // Found or not, the answer depends on the class or module that defines (or will define) the type.
          made.frame.pure = false;
          return context.resolveCustomType(expr);
        },
        resolveColumnRef: (expr) => {
          if (expr.kind !== 'str') made.frame.pure = false;
          return context.resolveColumnRef(expr);
        },
        pythonType: (type) => {
          const result = context.pythonType(type);
          if ('problem' in result || result.enum) made.frame.pure = false;
          return result;
        },
      },
    };
    tracker = made;
    this.trackers.set(context, tracker);
    return tracker;
  }

  /**
   * Reads through the cache. `read` gets a context that records whether the read depended on other
   * classes; such reads are not stored.
   */
  read(
    attribute: AttributeFact,
    modulePath: string,
    context: ColumnContext,
    read: (context: ColumnContext, markImpure: () => void) => ColumnDecl | null,
  ): ColumnDecl | null {
    const hit = this.entries.get(attribute);
    const recording = this.recording;
    if (hit && hit.version === this.version && hit.modulePath === modulePath) {
      for (const [message, range, kind] of hit.notes) {
        context.note(message, range, kind);
        recording?.notes.push([recording.modulePath, message, range, kind]);
      }
      // The same object when its qualify is this one (ModelIndex's late-bound qualifiers): equal reads
      // stay identical objects, which is what the memo of built tables compares first.
      if (!hit.decl || hit.decl.qualify === context.qualify) return hit.decl;
      return { ...hit.decl, qualify: context.qualify };
    }
    const tracker = this.trackerOf(context);
    const outer = tracker.frame;
    const frame: ReadFrame = { pure: true, notes: [] };
    tracker.frame = frame;
    let decl: ColumnDecl | null;
    try {
      decl = read(tracker.tracking, tracker.markImpure);
    } finally {
      tracker.frame = outer;
    }
    const { pure, notes } = frame;
    // Stored as it is only when its qualify holds no reading (`stableQualify`); otherwise without that
    // closure, which holds the whole reading of this version (every class's columns): an entry outlives
    // it, so each edit would keep one more reading alive.
    const kept = decl && !this.stableQualify ? { ...decl, qualify: unqualified } : decl;
    if (pure) this.entries.set(attribute, { version: this.version, modulePath, decl: kept, notes });
    else this.entries.delete(attribute);
    if (recording) {
      for (const [message, range, kind] of notes) recording.notes.push([recording.modulePath, message, range, kind]);
      if (!pure) recording.pure = false;
    }
    return decl;
  }

  /**
   * A class's columns read before, when every read was kept (none looked at other classes) and its
   * contributors are the same facts in the same roles; its notes are given again through `note`.
   */
  classColumns(
    cls: ClassFact,
    contributors: readonly Contributor[],
    note: (module: ModuleFacts, message: string, range: Range, kind: NoteKind | undefined) => void,
  ) {
    const hit = this.classes.get(cls);
    if (!hit || hit.version !== this.version || hit.contributors.length !== contributors.length) return null;
    for (let i = 0; i < contributors.length; i++) {
      const [fact, path, role, opaque] = hit.contributors[i] as ContributorKey;
      const now = contributors[i] as Contributor;
      if (fact !== now.cls || path !== now.module.path || role !== now.role || opaque !== (now.opaqueBases?.length ?? 0)) return null;
    }
    for (const [path, message, range, kind] of hit.notes) note(contributors.find((c) => c.module.path === path)?.module as ModuleFacts, message, range, kind);
    return hit;
  }

  /** Reads a class's columns with `read`, keeping the result when every attribute read was kept. */
  readClass<T extends { columns: ColumnDecl[]; unseen: string[] }>(
    cls: ClassFact,
    contributors: readonly Contributor[],
    read: (setModule: (path: string) => void) => T,
  ): T {
    const recording = { notes: [] as RecordedNote[], modulePath: '', pure: true };
    const outer = this.recording;
    this.recording = recording;
    let result: T;
    try {
      result = read((path) => (recording.modulePath = path));
    } finally {
      this.recording = outer;
    }
    if (recording.pure)
      this.classes.set(cls, {
        version: this.version,
        contributors: contributors.map(keyOf),
        columns: result.columns,
        unseen: result.unseen,
        notes: recording.notes,
      });
    else this.classes.delete(cls);
    return result;
  }
}
