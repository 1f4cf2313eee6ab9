// Where each finding code and note kind is documented (Diagnostic.codeDescription): its page under
// docs/rules/, generated from the records and shipped with the extension, opened from disk so it works
// offline. The VS Code client turns these links into its Show Rule Documentation command.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** docs/rules beside the bundle (dist/../docs/rules), or above the sources when run from them. */
function findDocsDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

let docsDir: string | null | undefined;

/** The file URL of the page for a code or note kind; undefined when no page ships with the server. */
export function ruleDocsUrl(id: string): string | undefined {
  docsDir ??= findDocsDir();
  if (docsDir === null) return undefined;
  const page = path.join(docsDir, `${id}.md`);
  return existsSync(page) ? pathToFileURL(page).href : undefined;
}
