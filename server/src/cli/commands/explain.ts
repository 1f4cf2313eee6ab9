// `migration-guard explain CODE`: prints the docs page of a finding code or note kind (the same text
// as docs/rules/<CODE>.md, generated from the rule records); `explain` alone lists them.
import * as l10n from '@vscode/l10n';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { NOTE_KIND_NAMES } from '../../core/noteKinds';
import { RULES } from '../../core/rules';
import { docsPageFor } from '../../core/rules/docsPage';

const TEXT = {
  unknown: (id: string) => l10n.t('migration-guard explain: no rule or note kind "{0}"; run `migration-guard explain` for the list', id),
  get rules() {
    return l10n.t('Finding codes:');
  },
  get notes() {
    return l10n.t('Note kinds:');
  },
};

export const explainCommand: CliCommand = {
  name: 'explain',
  usage: 'explain [CODE | NOTE-KIND] [--format json]',
  get summary() {
    return l10n.t("print a finding code's (or note kind's) documentation: what happens to the data, the safe recipe, examples");
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const id = args.positionals[0];
    const json = flag(args, 'format') === 'json';
    if (id === undefined) {
      if (json)
        io.out(
          JSON.stringify(
            { rules: RULES.map((r) => ({ code: r.code, name: r.name, severity: r.severity, title: r.text.title })), noteKinds: [...NOTE_KIND_NAMES] },
            null,
            2,
          ),
        );
      else {
        io.out(TEXT.rules);
        for (const rule of RULES) io.out(`  ${rule.code.padEnd(7)} ${rule.severity.padEnd(8)} ${rule.text.title}`);
        io.out(TEXT.notes);
        for (const kind of NOTE_KIND_NAMES) io.out(`  ${kind}`);
      }
      return EXIT.ok;
    }
    const page = docsPageFor(id);
    if (page === null) {
      io.err(TEXT.unknown(id));
      return EXIT.error;
    }
    // The generated-file comment is for the checked-in copy, not for a reader.
    const markdown = page.replace(/^<!--[^\n]*-->\n\n/, '');
    io.out(json ? JSON.stringify({ id, markdown }) : markdown.replace(/\n$/, ''));
    return EXIT.ok;
  },
};
