// Findings and notes → LSP diagnostics, per file. Only this layer knows the LSP shapes: the engine
// gives plain Findings and Notes. Each diagnostic carries in `data` what its code actions need,
// plus the document version it was computed for.
import type { NoteKind } from '../core/noteKinds';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, FindingFix, FindingSeverity } from '../core/findings';
import type { ProjectResult } from '../core/project/analysis';
import type { Note, NoteSeverity } from '../core/source';
import { ruleDocsUrl } from './ruleDocs';

export const SOURCE = 'migration-guard';

/** What a migration-guard diagnostic carries to its code actions. */
export interface DiagnosticData {
  /** The project root (a path). */
  project: string;
  /** The document version the ranges belong to; null when the file was not open. */
  version: number | null;
  table?: string;
  column?: string;
  fixes: FindingFix[];
}

const SEVERITY: Record<FindingSeverity | NoteSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function findingDiagnostic(finding: Finding, project: string, version: number | null): Diagnostic {
  const data: DiagnosticData = { project, version, table: finding.table, column: finding.column, fixes: finding.fixes };
  const href = ruleDocsUrl(finding.code);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: finding.message,
    data,
  };
}

/** Note kinds the Python tooling already reports on model files; repeating them is noise while typing. */
const MODEL_NOTE_KINDS_LEFT_OUT = new Set<NoteKind>(['parse-error', 'syntax-error', 'half-typed']);

function noteDiagnostic(note: Note, project: string, severity: DiagnosticSeverity): Diagnostic | null {
  if (!note.location) return null;
  const data: DiagnosticData = { project, version: null, fixes: [] };
  const href = ruleDocsUrl(note.kind);
  return { range: note.location.range, severity, code: note.kind, ...(href ? { codeDescription: { href } } : {}), source: SOURCE, message: note.message, data };
}

/** Notes of revision files: parse problems and graph errors at their severity; notes on opaque ops as hints. */
function revisionNoteSeverity(note: Note, fromBody: boolean): DiagnosticSeverity {
  if (fromBody && (note.severity === 'info' || note.severity === 'hint' || note.kind.startsWith('opaque') || note.kind.includes('control-flow')))
    return DiagnosticSeverity.Hint;
  return SEVERITY[note.severity];
}

/** Every diagnostic of a project, by file path. */
export function projectDiagnostics(result: ProjectResult, project: string, versionOf: (file: string) => number | null): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const seen = new Set<string>();
  const add = (file: string, diagnostic: Diagnostic | null) => {
    if (!diagnostic) return;
    // A revision's own note can also be a graph note (a file Alembic cannot load): show it once.
    const key = `${file}\0${diagnostic.code}\0${diagnostic.range.start.line}:${diagnostic.range.start.character}\0${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(diagnostic);
  };
  for (const finding of result.findings) add(finding.file, findingDiagnostic(finding, project, versionOf(finding.file)));
  for (const note of result.modelSchema.notes) {
    if (note.location && !MODEL_NOTE_KINDS_LEFT_OUT.has(note.kind)) add(note.location.file, noteDiagnostic(note, project, SEVERITY[note.severity]));
  }
  for (const revision of result.revisions) {
    for (const note of revision.notes)
      add(note.location?.file ?? revision.path, noteDiagnostic(withFile(note, revision.path), project, revisionNoteSeverity(note, false)));
    for (const note of [...revision.upgrade.notes, ...revision.downgrade.notes])
      add(note.location?.file ?? revision.path, noteDiagnostic(withFile(note, revision.path), project, revisionNoteSeverity(note, true)));
  }
  for (const note of result.graphNotes) {
    if (note.location) add(note.location.file, noteDiagnostic(note, project, SEVERITY[note.severity]));
  }
  return byFile;
}

/** A note without a location still belongs to its revision file: put it on the first line. */
function withFile(note: Note, file: string): Note {
  if (note.location) return note;
  return { ...note, location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } };
}
