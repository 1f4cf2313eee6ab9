// Open documents, kept by hand rather than with TextDocuments: the engine reparses incrementally,
// so it needs each change as an offset range on the text it applies to.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextChange } from '../core/python/parser';
import { clampRange } from './positions';

export interface OpenDocument {
  uri: string;
  version: number;
  languageId: string;
  document: TextDocument;
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const doc = { uri, version, languageId, document: TextDocument.create(uri, languageId, version, text) };
    this.docs.set(uri, doc);
    return doc;
  }

  /**
   * Applies LSP content changes in order and returns them as offset changes, each relative to
   * the text left by the previous one. A whole-document replacement becomes one change over all the text.
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): TextChange[] | null {
    const doc = this.docs.get(uri);
    if (!doc) return null;
    const out: TextChange[] = [];
    let current = doc.document;
    for (const raw of changes) {
      // Clamped once here, so that the buffer and the engine apply exactly the same edit.
      const newText = typeof raw.text === 'string' ? raw.text : '';
      const change: TextDocumentContentChangeEvent =
        'range' in raw && raw.range !== undefined ? { range: clampRange(raw.range), text: newText } : { text: newText };
      const before = current.getText();
      const edit: TextChange =
        'range' in change
          ? { start: current.offsetAt(change.range.start), end: current.offsetAt(change.range.end), newText }
          : { start: 0, end: before.length, newText };
      out.push(edit);
      current = TextDocument.update(current, [change], version);
    }
    doc.document = current;
    doc.version = version;
    return out;
  }

  close(uri: string): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    this.docs.delete(uri);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  text(uri: string): string | undefined {
    return this.docs.get(uri)?.document.getText();
  }

  version(uri: string): number | null {
    return this.docs.get(uri)?.version ?? null;
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}
