// Pure: the one collapsible "N notes" node per project in the Migrations view. Replay and discovery
// notes (what the engine could not read or translate) sit under it, worst first, so a history with
// hundreds of them never pushes the revisions out of reach.
import * as l10n from '@vscode/l10n';
import { noteKindRecord } from '../../../server/src/core/noteKinds';
import type { IconSpec } from './revisionTree';

export type NoteSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface NoteInput {
  message: string;
  severity?: NoteSeverity;
  /** The note kind; its registry explanation goes in the tooltip. */
  kind?: string;
  uri?: string;
  /** Zero-based line of the note in its file. */
  line?: number;
}

export interface NoteNode {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: IconSpec;
  uri?: string;
  line?: number;
}

export interface NotesGroup {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: IconSpec;
  notes: NoteNode[];
}

const RANK: Record<NoteSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
/** "1 error" / "3 errors", per severity: whole phrases, since word order and plurals differ by language. */
const COUNTED: Record<NoteSeverity | 'note', (n: number) => string> = {
  error: (n) => (n === 1 ? l10n.t('1 error') : l10n.t('{0} errors', n)),
  warning: (n) => (n === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', n)),
  info: (n) => (n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n)),
  hint: (n) => (n === 1 ? l10n.t('1 hint') : l10n.t('{0} hints', n)),
  note: (n) => (n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n)),
};
const ALL: Record<NoteSeverity, () => string> = {
  error: () => l10n.t('all errors'),
  warning: () => l10n.t('all warnings'),
  info: () => l10n.t('all notes'),
  hint: () => l10n.t('all hints'),
};
const ICON: Record<NoteSeverity, IconSpec> = {
  error: { id: 'error', color: 'list.errorForeground' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  info: { id: 'info' },
  hint: { id: 'lightbulb' },
};

const TEXT = {
  get groupTooltip() {
    return l10n.t(
      'What Migration Guard could not read or translate in the migration history and the project setup. It carried on with the rest: the revisions below are complete. Click a note to open its line.',
    );
  },
  get noFile() {
    return l10n.t('project');
  },
};

function fileName(uri: string | undefined): string {
  if (!uri) return TEXT.noFile;
  const path = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  return path.split('/').pop() ?? path;
}

/** "2 errors, 3 warnings"; "all errors" when every note has one severity; nothing for plain notes. */
function describeSeverities(counts: (readonly [NoteSeverity, number])[]): string {
  if (counts.length === 1) return counts[0]?.[0] === 'info' ? '' : ALL[counts[0]?.[0] ?? 'info']();
  return counts.map(([s, n]) => COUNTED[s](n)).join(', ');
}

/** Null when there is nothing to say; identical notes (same text at the same place) show once. */
export function buildNotesGroup(project: string, notes: NoteInput[]): NotesGroup | null {
  const seen = new Set<string>();
  const unique: (NoteInput & { severity: NoteSeverity })[] = [];
  for (const n of notes) {
    const key = `${n.uri ?? ''}\u0000${n.line ?? ''}\u0000${n.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ ...n, severity: n.severity ?? 'warning' });
  }
  if (unique.length === 0) return null;
  // Worst first, then by file and line, so a file's notes stay together.
  unique.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.uri ?? '').localeCompare(b.uri ?? '') || (a.line ?? 0) - (b.line ?? 0));
  const bySeverity = (Object.keys(RANK) as NoteSeverity[]).map((s) => [s, unique.filter((n) => n.severity === s).length] as const).filter(([, n]) => n > 0);
  const worst = unique[0]?.severity ?? 'info';
  return {
    id: `notes:${project}`,
    label: COUNTED.note(unique.length),
    description: describeSeverities(bySeverity),
    tooltip: TEXT.groupTooltip,
    icon: worst === 'error' || worst === 'warning' ? ICON[worst] : { id: 'info' },
    notes: unique.map((n, i): NoteNode => {
      const where = n.line !== undefined ? `${fileName(n.uri)}:${n.line + 1}` : fileName(n.uri);
      const node: NoteNode = {
        id: `note:${project}:${i}:${n.uri ?? ''}:${n.line ?? ''}`,
        label: n.message,
        description: where,
        tooltip: [`${where}: ${n.message}`, n.kind ? noteKindRecord(n.kind)?.explanation : undefined].filter(Boolean).join('\n\n'),
        icon: ICON[n.severity],
      };
      if (n.uri) node.uri = n.uri;
      if (n.line !== undefined) node.line = n.line;
      return node;
    }),
  };
}
