// Adds Spanish translations to l10n/bundle.l10n.es.json: node scripts/l10n-es-add.mjs FILE.json [...]
// FILE.json maps English keys (as in l10n/bundle.l10n.json) to Spanish. The result keeps the English
// bundle's order and drops keys the English bundle no longer has, so a rebase conflict in the bundles is
// resolved by taking either side, running `npm run l10n`, then this script again.
import { readFileSync, writeFileSync } from 'node:fs';

const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'));
const spanish = JSON.parse(readFileSync('l10n/bundle.l10n.es.json', 'utf8'));
for (const file of process.argv.slice(2)) Object.assign(spanish, JSON.parse(readFileSync(file, 'utf8')));
const out = {};
const missing = [];
for (const key of Object.keys(english)) {
  if (key in spanish) out[key] = spanish[key];
  else missing.push(key);
}
writeFileSync('l10n/bundle.l10n.es.json', `${JSON.stringify(out, null, 2)}\n`);
if (missing.length) {
  console.error(`${missing.length} key(s) still without Spanish:`);
  for (const key of missing) console.error(`  ${JSON.stringify(key)}`);
  process.exitCode = 1;
}
