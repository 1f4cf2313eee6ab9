// Where the generated docs pages (docs/rules/<CODE>.md) are on this machine: beside the bundle
// (dist/../docs/rules, as the .vsix and the npm package ship them), or above the sources when run
// from them. Links to them work offline; `--docs-url` / MIGRATION_GUARD_DOCS_URL point CI output elsewhere.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let docsDir: string | null | undefined;

function findDocsDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** The file URL of the installed page for a code or note kind; undefined when none is installed. */
export function installedDocsUrl(id: string): string | undefined {
  docsDir ??= findDocsDir();
  if (docsDir === null) return undefined;
  const page = path.join(docsDir, `${id}.md`);
  return existsSync(page) ? pathToFileURL(page).href : undefined;
}

/** A page's URL under `base` (a folder URL holding the pages), else the installed page. */
export function docsUrlFor(id: string, base: string | undefined): string | undefined {
  if (base) return `${base.replace(/\/+$/, '')}/${encodeURIComponent(id)}.md`;
  return installedDocsUrl(id);
}
