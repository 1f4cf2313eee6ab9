// `migration-guard heads DIR [--format json]`: the head revision(s), like `flask db heads`.
import * as l10n from '@vscode/l10n';
import type { ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { headEntries } from '../../core/history/listing';
import { loadForListing } from './history';
import { formatNumber } from '../../core/locale';

export const headsCommand: CliCommand = {
  name: 'heads',
  usage: 'heads DIR [--migrations PATH] [--format json]',
  get summary() {
    return l10n.t('show the head revision(s); more than one means the history needs a merge');
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const { dir, history, json, failed } = await loadForListing(args, io, 'heads');
    if (!history) return EXIT.error;
    const heads = headEntries(history, dir);
    if (json) {
      io.out(JSON.stringify(heads, null, 2));
    } else {
      for (const head of heads) io.out(`${head.revision}${head.branchLabels.length ? ` (${head.branchLabels.join(', ')})` : ''} (head)`);
      if (heads.length > 1)
        io.err(l10n.t('migration-guard heads: {0} heads; merge them with "flask db merge heads" before upgrading to "head"', formatNumber(heads.length)));
    }
    return failed ? EXIT.error : EXIT.ok;
  },
};
