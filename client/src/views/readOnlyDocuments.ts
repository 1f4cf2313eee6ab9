// Read-only previews (Show SQL, rule docs): virtual documents under their own URI scheme, served by a
// TextDocumentContentProvider. VS Code opens them read-only, never dirty, so closing one asks nothing.
// Reusable: `show(name, text)` for any generated text; the file extension in `name` picks the language.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'migration-guard-preview';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * The URI of a preview named `name` (e.g. "SQL of ae1027a6acf.sql", "DS103.md"), holding `text`. Showing the
   * same name again replaces its text in the open editor.
   */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name.replace(/[/\\]/g, '_')}` });
    const key = uri.toString();
    const changed = this.contents.has(key) && this.contents.get(key) !== text;
    this.contents.set(key, text);
    if (changed) this.emitter.fire(uri);
    return uri;
  }

  /** Opens the preview in an editor (not a preview tab, so a second one does not replace it). */
  async show(name: string, text: string, options: { language?: string } = {}): Promise<vscode.TextDocument> {
    let document = await vscode.workspace.openTextDocument(this.put(name, text));
    if (options.language && document.languageId !== options.language) document = await vscode.languages.setTextDocumentLanguage(document, options.language);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
