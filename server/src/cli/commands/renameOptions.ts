// The rename options of `revision`: --rename / --rename-table (chosen), --no-rename (declined),
// --no-renames (assume none), and the terminal questions (Django-style) for what is left to decide.
import { flagList, UsageError, type ParsedArgs } from '../args';
import type { Ask } from '../prompt';
import { describeRename, parseRenameChoice, sameRename, type PlannedDiff, type RenamePolicy } from '../../core/diff';
import type { RenameChoice } from '../../core/findings';
import * as l10n from '@vscode/l10n';

const TEXT = {
  expected: (option: string, text: string, example: string) => l10n.t('{0} {1}: expected {2}', option, text, example),
  get columnExample() {
    return l10n.t('TABLE.OLD=NEW, e.g. --rename user.name=full_name');
  },
  get tableExample() {
    return l10n.t('OLD=NEW, e.g. --rename-table users=account');
  },
  get eitherExample() {
    return l10n.t('TABLE.OLD=NEW (a column) or OLD=NEW (a table), e.g. --no-rename user.name=full_name');
  },
  notAssumed: (option: string) => l10n.t('{0}: no such rename is assumed', option),
  notAssumedOthers: (option: string, assumed: string) => l10n.t('{0}: no such rename is assumed (assumed: {1})', option, assumed),
  askRename: (rename: string, type: string) => l10n.t('Was {0} renamed ({1})? It keeps the data. [Y/n] ', rename, type),
  together: (first: string, second: string) => l10n.t('{0} with {1}', first, second),
  askColumns: (table: string, dropped: string, added: string, options: string) =>
    l10n.t(
      'Several renames fit in table {0} (dropped: {1}; added: {2}):\n{3}\n  0) none: drop and add (the dropped data is lost)\nWhich one? [0] ',
      table,
      dropped,
      added,
      options,
    ),
  askTables: (dropped: string, added: string, options: string) =>
    l10n.t(
      'Several renames fit among tables (dropped: {0}; added: {1}):\n{2}\n  0) none: drop and add (the dropped data is lost)\nWhich one? [0] ',
      dropped,
      added,
      options,
    ),
};

function parsed(texts: string[], table: boolean | 'either', option: string, example: string): RenameChoice[] {
  return texts.map((text) => {
    const choice = table === 'either' ? parseRenameChoice(text, !text.includes('.')) : parseRenameChoice(text, table);
    if (!choice) throw new UsageError(TEXT.expected(option, text, example));
    return choice;
  });
}

/** The policy the flags ask for (before any question). */
export function renamePolicy(args: ParsedArgs): RenamePolicy {
  return {
    chosen: [
      ...parsed(flagList(args, 'rename'), false, '--rename', TEXT.columnExample),
      ...parsed(flagList(args, 'rename-table'), true, '--rename-table', TEXT.tableExample),
    ],
    declined: parsed(flagList(args, 'no-rename'), 'either', '--no-rename', TEXT.eitherExample),
    assumeNone: args.flags.has('no-renames'),
  };
}

/** --no-rename values that match no assumed rename: a typo would otherwise keep the rename silently. */
export function unknownDeclines(policy: RenamePolicy, plan: PlannedDiff): string[] {
  return (policy.declined ?? [])
    .filter((d) => !plan.declined.some((p) => sameRename(p, d)))
    .map((d) => {
      const option = `--no-rename ${d.kind === 'column' ? `${d.table}.${d.from}=${d.to}` : `${d.from}=${d.to}`}`;
      const assumed = [...plan.assumed, ...plan.declined].map(describeRename).join(', ');
      return assumed ? TEXT.notAssumedOthers(option, assumed) : TEXT.notAssumed(option);
    });
}

const yes = (answer: string | null) => answer === null || /^\s*(y|yes|s|si|sí)?\s*$/i.test(answer);

/**
 * Asks about each assumed rename ([Y/n]) and each ambiguous group (a numbered choice, default none)
 * until nothing new is left; answers only ever add to `declined` / `chosen`.
 */
export async function askRenames(
  policy: RenamePolicy,
  plan: (p: RenamePolicy) => PlannedDiff,
  ask: Ask,
  typeOf: (c: RenameChoice) => string,
): Promise<RenamePolicy> {
  const out: RenamePolicy = { chosen: [...(policy.chosen ?? [])], declined: [...(policy.declined ?? [])], assumeNone: policy.assumeNone === true };
  const asked = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const current = plan(out);
    let askedNow = false;
    for (const choice of current.assumed) {
      const key = JSON.stringify(choice);
      if (asked.has(key)) continue;
      asked.add(key);
      askedNow = true;
      const answer = await ask(TEXT.askRename(describeRename(choice), typeOf(choice)));
      if (!yes(answer)) out.declined?.push(choice);
    }
    for (const group of current.ambiguous) {
      const key = JSON.stringify(group.readings);
      if (asked.has(key)) continue;
      asked.add(key);
      askedNow = true;
      const options = group.readings.map((r, i) => `  ${i + 1}) ${r.map(describeRename).reduce((all, part) => TEXT.together(all, part))}`).join('\n');
      const [dropped, added] = [group.dropped.join(', '), group.added.join(', ')];
      const answer = await ask(group.kind === 'column' ? TEXT.askColumns(group.table ?? '', dropped, added, options) : TEXT.askTables(dropped, added, options));
      const pick = Number((answer ?? '').trim() || '0');
      const reading = Number.isInteger(pick) && pick > 0 ? group.readings[pick - 1] : undefined;
      if (reading) out.chosen?.push(...reading);
    }
    if (!askedNow) break;
  }
  return out;
}
