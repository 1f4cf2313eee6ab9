// How a note's severity reads in the CLI's text output (stderr lines for people, in their language).
import * as l10n from '@vscode/l10n';
import type { Note } from '../core/source';

export function severityWord(severity: Note['severity']): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    default:
      return l10n.t('note');
  }
}
