// Where each finding code and note kind is documented (Diagnostic.codeDescription): its page under
// docs/rules/, generated from the records and shipped with the extension, opened from disk so it works
// offline. The VS Code client turns these links into its Show Rule Documentation command.
import { installedDocsUrl } from '../core/rules/docsLocation';

export function ruleDocsUrl(id: string): string | undefined {
  return installedDocsUrl(id);
}
