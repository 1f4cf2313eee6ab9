// The revision graph, as Alembic's RevisionMap builds it: down_revision edges ("versioned"),
// depends_on edges (dependencies), branch labels, bases, heads, branch points and merges.
// Problems are notes with the file and line they come from, never exceptions.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../noteKinds';
import type { Note, SourceLocation } from '../source';
import type { ParsedRevision, RevisionStep } from './types';
import { resolveRevision, type Resolution } from './resolve';
import { pathBetween } from './path';

export class RevisionGraph {
  /** Revisions by id, in load order (the first file wins on duplicates). */
  readonly revisions = new Map<string, ParsedRevision>();
  readonly notes: Note[] = [];
  /** Branch label → the revision that declares it. */
  readonly labels = new Map<string, string>();
  private readonly parentsOf = new Map<string, string[]>();
  private readonly dependenciesOf = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, string[]>();
  private readonly dependentsOf = new Map<string, string[]>();
  private order: string[] = [];
  private readonly orderIndex = new Map<string, number>();

  constructor(parsed: readonly ParsedRevision[]) {
    for (const revision of parsed) this.add(revision);
    for (const revision of this.revisions.values()) this.link(revision);
    this.order = this.topologicalOrder();
    this.order.forEach((id, index) => this.orderIndex.set(id, index));
    this.checkBases();
  }

  private note(severity: Note['severity'], kind: NoteKind, message: string, location: SourceLocation | undefined): void {
    this.notes.push({ severity, kind, message, ...(location ? { location } : {}) });
  }

  private add(revision: ParsedRevision): void {
    const id = revision.revision;
    if (id === null) return;
    const first = this.revisions.get(id);
    if (first) {
      this.note('error', 'duplicate-revision', l10n.t('revision {0} is also defined in {1}; this file is ignored', id, first.path), revision.location);
      return;
    }
    this.revisions.set(id, revision);
    for (const label of revision.branchLabels) {
      const owner = this.labels.get(label);
      if (owner !== undefined)
        this.note('error', 'duplicate-branch-label', l10n.t('branch label "{0}" is already used by revision {1}', label, owner), revision.location);
      else if (this.revisions.has(label) && label !== id)
        this.note('error', 'duplicate-branch-label', l10n.t('branch label "{0}" is also a revision id', label), revision.location);
      else this.labels.set(label, id);
    }
  }

  private link(revision: ParsedRevision): void {
    const id = revision.revision as string;
    const parents: string[] = [];
    for (const down of revision.downRevisions) {
      if (down === id)
        this.note('error', 'revision-cycle', l10n.t('revision {0} names itself as its down_revision', id), revision.downRevisionLocation ?? revision.location);
      else if (!this.revisions.has(down))
        this.note(
          'error',
          'missing-down-revision',
          l10n.t('down_revision {0} of revision {1} does not exist', down, id),
          revision.downRevisionLocation ?? revision.location,
        );
      else parents.push(down);
    }
    const dependencies: string[] = [];
    for (const dep of revision.dependsOn) {
      // depends_on may name a revision or a branch label.
      const target = this.revisions.has(dep) ? dep : this.labels.get(dep);
      if (target === undefined)
        this.note('error', 'missing-dependency', l10n.t('depends_on {0} of revision {1} is neither a revision nor a branch label', dep, id), revision.location);
      else if (target !== id && !parents.includes(target)) dependencies.push(target);
    }
    this.parentsOf.set(id, parents);
    this.dependenciesOf.set(id, dependencies);
    for (const parent of parents) appendTo(this.childrenOf, parent, id);
    for (const dep of dependencies) appendTo(this.dependentsOf, dep, id);
  }

  /** Kahn's algorithm over parents + dependencies, ties broken by load order; revisions on a cycle are reported and left out. */
  private topologicalOrder(): string[] {
    const ids = [...this.revisions.keys()];
    const loadIndex = new Map<string, number>();
    const pending = new Map<string, number>();
    // The ready revisions by load index, smallest first (a binary heap: thousands of revisions).
    const ready = new MinHeap();
    ids.forEach((id, index) => {
      loadIndex.set(id, index);
      const count = this.parents(id).length + this.dependencies(id).length;
      pending.set(id, count);
      if (count === 0) ready.push(index);
    });
    const out: string[] = [];
    const release = (next: string) => {
      const left = (pending.get(next) as number) - 1;
      pending.set(next, left);
      if (left === 0) ready.push(loadIndex.get(next) as number);
    };
    while (ready.size > 0) {
      const id = ids[ready.pop()] as string;
      out.push(id);
      for (const next of this.childrenOf.get(id) ?? []) if (this.revisions.has(next)) release(next);
      for (const next of this.dependentsOf.get(id) ?? []) release(next);
    }
    const placed = new Set(out);
    const stuck = ids.filter((id) => !placed.has(id));
    for (const id of stuck) {
      const revision = this.revisions.get(id) as ParsedRevision;
      this.note(
        'error',
        'revision-cycle',
        l10n.t('revision {0} cannot be ordered: the down_revision/depends_on links among {1} form a cycle', id, stuck.join(', ')),
        revision.downRevisionLocation ?? revision.location,
      );
    }
    for (const id of stuck) this.revisions.delete(id);
    return out;
  }

  private checkBases(): void {
    const bases = this.bases;
    if (bases.length < 2) return;
    // Independent branches get a branch label (alembic revision --head=base --branch-label=x);
    // one unlabelled main line beside them is normal. Two unlabelled bases are usually a mistake.
    const unlabelled = bases.filter((id) => !this.labelsOf(id).length);
    if (unlabelled.length < 2) return;
    for (const id of unlabelled) {
      const revision = this.revisions.get(id) as ParsedRevision;
      this.note(
        'warning',
        'multiple-bases',
        l10n.t(
          'several base revisions ({0}): {1} has down_revision = None. Give independent branches a branch_labels, or point it at its real parent',
          bases.join(', '),
          id,
        ),
        revision.downRevisionLocation ?? revision.location,
      );
    }
  }

  get size(): number {
    return this.order.length;
  }

  has(id: string): boolean {
    return this.orderIndex.has(id);
  }

  /** Every revision, parents (and dependencies) before children. */
  get ordered(): readonly string[] {
    return this.order;
  }

  /** Position in `ordered`, for sorting. */
  rank(id: string): number {
    return this.orderIndex.get(id) ?? -1;
  }

  parents(id: string): string[] {
    return this.parentsOf.get(id) ?? [];
  }

  dependencies(id: string): string[] {
    return this.dependenciesOf.get(id) ?? [];
  }

  children(id: string): string[] {
    return (this.childrenOf.get(id) ?? []).filter((c) => this.revisions.has(c));
  }

  /** Labels declared by this revision. */
  labelsOf(id: string): string[] {
    return this.revisions.get(id)?.branchLabels ?? [];
  }

  get bases(): string[] {
    return this.order.filter((id) => this.parents(id).length === 0);
  }

  /** Alembic's `heads`: no revision has it as down_revision (depends_on does not count). */
  get heads(): string[] {
    return this.order.filter((id) => !(this.childrenOf.get(id) ?? []).some((c) => this.revisions.has(c)));
  }

  /** Heads nothing depends on either (what `upgrade heads` targets). */
  get realHeads(): string[] {
    return this.heads.filter((id) => !(this.dependentsOf.get(id) ?? []).some((d) => this.has(d)));
  }

  get branchPoints(): string[] {
    return this.order.filter((id) => this.children(id).length > 1);
  }

  get merges(): string[] {
    return this.order.filter((id) => this.parents(id).length > 1);
  }

  /** The revisions themselves plus everything below them (dependencies too unless told otherwise). */
  ancestors(ids: Iterable<string>, withDependencies = true): Set<string> {
    return this.walk(ids, (id) => (withDependencies ? [...this.parents(id), ...this.dependencies(id)] : this.parents(id)));
  }

  /** The revisions themselves plus everything above them. */
  descendants(ids: Iterable<string>, withDependents = true): Set<string> {
    return this.walk(ids, (id) =>
      withDependents ? [...this.children(id), ...(this.dependentsOf.get(id) ?? []).filter((d) => this.has(d))] : this.children(id),
    );
  }

  private walk(start: Iterable<string>, next: (id: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...start].filter((id) => this.has(id));
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    return seen;
  }

  /** Whether two revisions are on one line of descent (either is an ancestor of the other). */
  sharesLineage(id: string, other: string): boolean {
    return this.ancestors([id], false).has(other) || this.descendants([id], false).has(other);
  }

  /** Alembic's meaning of a revision spec (see resolveRevision); an empty list is "base". */
  resolve(spec: string, current?: string[]): Resolution {
    return resolveRevision(this, spec, current);
  }

  /** The ordered steps from the `from` revisions (empty = base) to the `to` spec (see pathBetween). */
  path(from: string[], to: string): { ok: true; steps: RevisionStep[] } | { ok: false; error: string } {
    return pathBetween(this, from, to);
  }

  /** The head(s) whose lineage includes a branch label's revision or a revision id. */
  headsOf(labelOrRevision: string): string[] {
    const anchor = this.labels.get(labelOrRevision) ?? labelOrRevision;
    return this.heads.filter((head) => this.sharesLineage(head, anchor));
  }
}

function appendTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let at = items.push(value) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[at] = items[parent] as number;
      at = parent;
    }
    items[at] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items.pop() as number;
    if (items.length > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
        if ((items[child] as number) >= last) break;
        items[at] = items[child] as number;
        at = child;
      }
      items[at] = last;
    }
    return top;
  }
}
