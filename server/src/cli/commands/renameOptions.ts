// The rename options of `revision`: --rename / --rename-table (chosen), --no-rename (declined),
// --no-renames (assume none), and the terminal questions (Django-style) for what is left to decide.
import { flagList, UsageError, type ParsedArgs } from '../args';
import type { Ask } from '../prompt';
import { describeRename, parseRenameChoice, sameRename, type PlannedDiff, type RenamePolicy } from '../../core/diff';
import type { RenameChoice } from '../../core/findings';

function parsed(texts: string[], table: boolean | 'either', option: string, example: string): RenameChoice[] {
  return texts.map((text) => {
    const choice = table === 'either' ? parseRenameChoice(text, !text.includes('.')) : parseRenameChoice(text, table);
    if (!choice) throw new UsageError(`${option} ${text}: expected ${example}`);
    return choice;
  });
}

/** The policy the flags ask for (before any question). */
export function renamePolicy(args: ParsedArgs): RenamePolicy {
  return {
    chosen: [
      ...parsed(flagList(args, 'rename'), false, '--rename', 'TABLE.OLD=NEW, e.g. --rename user.name=full_name'),
      ...parsed(flagList(args, 'rename-table'), true, '--rename-table', 'OLD=NEW, e.g. --rename-table users=account'),
    ],
    declined: parsed(
      flagList(args, 'no-rename'),
      'either',
      '--no-rename',
      'TABLE.OLD=NEW (a column) or OLD=NEW (a table), e.g. --no-rename user.name=full_name',
    ),
    assumeNone: args.flags.has('no-renames'),
  };
}

/** --no-rename values that match no assumed rename: a typo would otherwise keep the rename silently. */
export function unknownDeclines(policy: RenamePolicy, plan: PlannedDiff): string[] {
  return (policy.declined ?? [])
    .filter((d) => !plan.declined.some((p) => sameRename(p, d)))
    .map(
      (d) =>
        `--no-rename ${d.kind === 'column' ? `${d.table}.${d.from}=${d.to}` : `${d.from}=${d.to}`}: no such rename is assumed${plan.assumed.length + plan.declined.length > 0 ? ` (assumed: ${[...plan.assumed, ...plan.declined].map(describeRename).join(', ')})` : ''}`,
    );
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
      const answer = await ask(`Was ${describeRename(choice)} renamed (${typeOf(choice)})? It keeps the data. [Y/n] `);
      if (!yes(answer)) out.declined?.push(choice);
    }
    for (const group of current.ambiguous) {
      const key = JSON.stringify(group.readings);
      if (asked.has(key)) continue;
      asked.add(key);
      askedNow = true;
      const options = group.readings.map((r, i) => `  ${i + 1}) ${r.map(describeRename).join(' with ')}`);
      const where = group.kind === 'column' ? `in table ${group.table}` : 'among tables';
      const answer = await ask(
        `Several renames fit ${where} (dropped: ${group.dropped.join(', ')}; added: ${group.added.join(', ')}):\n${options.join('\n')}\n  0) none: drop and add (the dropped data is lost)\nWhich one? [0] `,
      );
      const pick = Number((answer ?? '').trim() || '0');
      const reading = Number.isInteger(pick) && pick > 0 ? group.readings[pick - 1] : undefined;
      if (reading) out.chosen?.push(...reading);
    }
    if (!askedNow) break;
  }
  return out;
}
