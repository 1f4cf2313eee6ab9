// Writes docs/rules/<CODE>.md (and docs/rules/es/<CODE>.md in Spanish) for every finding code and note kind, from the rule records
// (server/src/core/rules/) and the note-kind registry. `--check` writes nothing and exits 1 when the
// checked-in pages differ (the docs test does the same).
// Usage: npm run docs [-- --check]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { docsFiles } from '../server/src/core/rules/docsPage.ts';

const dir = join(import.meta.dirname, '..', 'docs', 'rules');
const check = process.argv.includes('--check');
const files = docsFiles();
mkdirSync(dir, { recursive: true });
// Pages are `NAME.md` (English) and `LANG/NAME.md` (the other shipped languages).
for (const name of files.keys()) mkdirSync(join(dir, dirname(name)), { recursive: true });
const existing = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.split(sep).join('/'));
const stale = existing.filter((f) => !files.has(f));
const changed = [...files].filter(([name, text]) => {
  try {
    return readFileSync(join(dir, name), 'utf8') !== text;
  } catch {
    return true;
  }
});
if (check) {
  for (const [name] of changed) console.error(`docs/rules/${name} differs from the records`);
  for (const name of stale) console.error(`docs/rules/${name} belongs to no rule or note kind`);
  process.exit(changed.length + stale.length > 0 ? 1 : 0);
}
for (const [name, text] of changed) writeFileSync(join(dir, name), text);
for (const name of stale) rmSync(join(dir, name));
console.log(`docs/rules: ${files.size} pages (${changed.length} written, ${stale.length} removed)`);
