// Pure: turns the revision graph (from the language server) plus the database's current revisions
// into the rows the Migrations view shows. No vscode import, so unit tests run in plain Node.
import * as l10n from '@vscode/l10n';

export type RevisionState = 'applied' | 'current' | 'pending' | 'unknown';

const TEXT = {
  get noMessage() {
    return l10n.t('(no message)');
  },
  state: {
    applied: () => l10n.t('applied'),
    current: () => l10n.t('current'),
    pending: () => l10n.t('pending'),
  } as Record<Exclude<RevisionState, 'unknown'>, () => string>,
  get head() {
    return l10n.t('head');
  },
  get branchPoint() {
    return l10n.t('branch point');
  },
  get merge() {
    return l10n.t('merge');
  },
  get base() {
    return l10n.t('base');
  },
  accessible: (id: string, message: string) => l10n.t('Revision {0}, {1}', id, message),
  accessibleWith: (id: string, message: string, words: string) => l10n.t('Revision {0}, {1}, {2}', id, message, words),
  revises: (parents: string) => l10n.t('Revises: {0}', parents),
  branchLabels: (labels: string) => l10n.t('Branch labels: {0}', labels),
  created: (date: string) => l10n.t('Created: {0}', date),
  stateLine: (words: string) => l10n.t('State: {0}', words),
};

/** One revision as the client needs it. `file` is an absolute path or a URI string. */
export interface RevisionInfo {
  id: string;
  parents: string[];
  message: string;
  file?: string;
  createDate?: string;
  branchLabels?: string[];
}

export interface GraphSnapshot {
  revisions: RevisionInfo[];
  /** The database's alembic_version rows; [] = empty database (at base); null = no database known. */
  current: string[] | null;
}

export interface IconSpec {
  id: string;
  color?: string;
}

export interface RevisionNode {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  accessibilityLabel: string;
  state: RevisionState;
  isHead: boolean;
  isBase: boolean;
  isBranchPoint: boolean;
  isMerge: boolean;
  contextValue: string;
  icon: IconSpec;
  file?: string;
}

const SHORT_ID = 12;

export function shortRevision(id: string): string {
  return id.length > SHORT_ID ? id.slice(0, SHORT_ID) : id;
}

/** Ids of `start` and every revision reachable through down_revision links. */
export function ancestorsOf(start: Iterable<string>, parentsById: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const parent of parentsById.get(id) ?? []) stack.push(parent);
  }
  return seen;
}

/**
 * Newest first, like `alembic history`: a revision comes after all of its children, and each branch
 * stays contiguous (depth-first). Revisions caught in a cycle are appended at the end in input order.
 */
export function orderRevisions(revisions: RevisionInfo[]): RevisionInfo[] {
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const childCount = new Map<string, number>(revisions.map((r) => [r.id, 0]));
  for (const r of revisions) {
    for (const p of new Set(r.parents)) if (childCount.has(p)) childCount.set(p, (childCount.get(p) ?? 0) + 1);
  }
  // Stack: the last pushed is emitted next, so push heads in reverse to emit them in sorted order.
  const heads = revisions
    .filter((r) => childCount.get(r.id) === 0)
    .map((r) => r.id)
    .sort();
  const stack = heads.reverse();
  const out: RevisionInfo[] = [];
  const emitted = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (emitted.has(id)) continue;
    const rev = byId.get(id);
    if (!rev) continue;
    emitted.add(id);
    out.push(rev);
    const ready: string[] = [];
    for (const p of new Set(rev.parents)) {
      if (!childCount.has(p)) continue;
      const left = (childCount.get(p) ?? 0) - 1;
      childCount.set(p, left);
      if (left === 0) ready.push(p);
    }
    stack.push(...ready.sort().reverse());
  }
  for (const r of revisions) if (!emitted.has(r.id)) out.push(r);
  return out;
}

function stateOf(id: string, current: Set<string> | null, applied: Set<string>): RevisionState {
  if (current === null) return 'unknown';
  if (current.has(id)) return 'current';
  return applied.has(id) ? 'applied' : 'pending';
}

const STATE_COLOR: Record<RevisionState, string | undefined> = {
  applied: 'testing.iconPassed',
  current: 'charts.green',
  pending: 'charts.yellow',
  unknown: undefined,
};

/** Glyph = the revision's shape in the graph (merge, branch point) or else its state; color = its state. */
export function iconFor(state: RevisionState, shape: { isHead: boolean; isMerge: boolean; isBranchPoint: boolean }): IconSpec {
  let id: string;
  if (shape.isMerge) id = 'git-merge';
  else if (shape.isBranchPoint) id = 'repo-forked';
  else if (state === 'current') id = 'debug-stackframe';
  else if (state === 'applied') id = 'pass-filled';
  else if (shape.isHead) id = 'arrow-circle-up';
  else if (state === 'pending') id = 'circle-large-outline';
  else id = 'circle-outline';
  const color = STATE_COLOR[state];
  return color ? { id, color } : { id };
}

export function contextValueFor(state: RevisionState, shape: { isHead: boolean; isBase: boolean; isMerge: boolean; isBranchPoint: boolean }): string {
  const tokens = [`revision.${state}`];
  if (shape.isHead) tokens.push('revision.head');
  if (shape.isBase) tokens.push('revision.base');
  if (shape.isBranchPoint) tokens.push('revision.branchPoint');
  if (shape.isMerge) tokens.push('revision.merge');
  return tokens.join(' ');
}

/** Builds the Migrations view rows, newest first. */
export function buildRevisionNodes(snapshot: GraphSnapshot): RevisionNode[] {
  const parentsById = new Map(snapshot.revisions.map((r) => [r.id, r.parents]));
  const children = new Map<string, number>();
  for (const r of snapshot.revisions) for (const p of new Set(r.parents)) children.set(p, (children.get(p) ?? 0) + 1);
  const current = snapshot.current === null ? null : new Set(snapshot.current);
  const applied = current === null ? new Set<string>() : ancestorsOf(current, parentsById);

  return orderRevisions(snapshot.revisions).map((rev) => {
    const shape = {
      isHead: (children.get(rev.id) ?? 0) === 0,
      isBase: rev.parents.length === 0,
      isBranchPoint: (children.get(rev.id) ?? 0) > 1,
      isMerge: new Set(rev.parents).size > 1,
    };
    const state = stateOf(rev.id, current, applied);
    const words = describeWords(state, shape);
    const message = rev.message.trim() || TEXT.noMessage;
    const short = shortRevision(rev.id);
    const node: RevisionNode = {
      id: `revision:${rev.id}`,
      label: message,
      description: [short, ...words].join(' · '),
      tooltip: tooltipFor(rev, words),
      accessibilityLabel: words.length ? TEXT.accessibleWith(rev.id, message, words.join(', ')) : TEXT.accessible(rev.id, message),
      state,
      ...shape,
      contextValue: contextValueFor(state, shape),
      icon: iconFor(state, shape),
    };
    if (rev.file !== undefined) node.file = rev.file;
    return node;
  });
}

function describeWords(state: RevisionState, shape: { isHead: boolean; isBase: boolean; isMerge: boolean; isBranchPoint: boolean }): string[] {
  const words: string[] = [];
  if (state !== 'unknown') words.push(TEXT.state[state]());
  if (shape.isHead) words.push(TEXT.head);
  if (shape.isBranchPoint) words.push(TEXT.branchPoint);
  if (shape.isMerge) words.push(TEXT.merge);
  if (shape.isBase) words.push(TEXT.base);
  return words;
}

function tooltipFor(rev: RevisionInfo, words: string[]): string {
  const lines = [`${rev.id}: ${rev.message.trim() || TEXT.noMessage}`];
  lines.push(TEXT.revises(rev.parents.length ? rev.parents.join(', ') : '<base>'));
  if (rev.branchLabels?.length) lines.push(TEXT.branchLabels(rev.branchLabels.join(', ')));
  if (rev.createDate) lines.push(TEXT.created(rev.createDate));
  if (words.length) lines.push(TEXT.stateLine(words.join(', ')));
  return lines.join('\n');
}

/** Revisions the database records that the files don't know (a missing file, another branch's checkout). */
export function unknownCurrent(snapshot: GraphSnapshot): string[] {
  if (snapshot.current === null) return [];
  const known = new Set(snapshot.revisions.map((r) => r.id));
  return snapshot.current.filter((id) => !known.has(id));
}

/** How many revisions of the files the database has not applied, given its alembic_version rows. */
export function unappliedRevisions(revisions: readonly { id: string; downRevisions: string[] }[], current: string[]): number {
  const applied = ancestorsOf(current, new Map(revisions.map((r) => [r.id, r.downRevisions])));
  return revisions.filter((r) => !applied.has(r.id)).length;
}
