// Finding: BC101 — a table dropped and a table created with the same column names and type
// families (a changed __tablename__). Unambiguous: the migration renames it by default
// (`rename_table`, which keeps the rows and the foreign keys pointing at it). Ambiguous: drop +
// create stays, and the finding lists the readings.
import * as l10n from '@vscode/l10n';
import type { AmbiguousRename } from '../diff/renameGuess';
import type { Finding, RenameChoice } from '../findings';
import { qualified, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';
import { ambiguityMessage, renameFixes } from './renameText';

const text = {
  get title() {
    return l10n.t('Table renamed');
  },
  get summary() {
    return l10n.t(
      'A table disappeared from the models and one with the same column names (each of the same type family) appeared. When it is the only candidate either way, it is a rename by default; otherwise the readings are listed.',
    );
  },
  get data() {
    return l10n.t(
      'Written as drop + create, a table rename deletes every row (and fails when a foreign key points at it). As a rename — the default for an unambiguous pair — the rows stay.',
    );
  },
  get safe() {
    return l10n.t(
      'Check that the assumed rename is right (the revision names it at the top); if they are different tables, opt out with `--no-rename old=new` or uncheck it in Create Migration. Deploy code that reads the new name at the same time.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        '`ALTER TABLE … RENAME TO` only changes the catalog: instant, and indexes, constraints and foreign keys follow the table (their names stay as they were).',
      );
    },
    get sqlite() {
      return l10n.t('`ALTER TABLE … RENAME TO` keeps the rows; SQLite (≥ 3.26) updates the foreign keys of other tables that point to it.');
    },
  },
  message: (from: string, to: string) =>
    l10n.t(
      'Table {0} looks renamed to {1} (the only dropped and created tables with these columns), so the migration renames it and keeps every row and the foreign keys pointing at it. If they are different tables, opt out with `{2}` (or uncheck it in Create Migration).',
      qualified(from),
      qualified(to),
      `--no-rename ${from}=${to}`,
    ),
  renameFix: (from: string, to: string) => l10n.t('Create the migration with the rename {0} → {1} (rename_table keeps the rows)', from, to),
};

function placeOfTable(ctx: RuleContext, table: string) {
  return ctx.models.sources.tables[table]?.tablenameLocation ?? placeFor(ctx.models, ctx.head, table);
}

function assumedFinding(ctx: RuleContext, choice: Extract<RenameChoice, { kind: 'table' }>): Finding {
  const place = placeOfTable(ctx, choice.to);
  return {
    code: 'BC101',
    severity: 'warning',
    table: choice.to,
    destructive: false,
    file: place.file,
    range: place.range,
    message: text.message(choice.from, choice.to),
    fixes: [{ kind: 'rename', title: text.renameFix(choice.from, choice.to), rename: choice }, ignoreFix('BC101', place.file, place.range.start.line)],
  };
}

function ambiguousFinding(ctx: RuleContext, group: AmbiguousRename): Finding {
  const place = placeOfTable(ctx, group.added[0] as string);
  return {
    code: 'BC101',
    severity: 'warning',
    table: group.added[0] as string,
    destructive: true,
    file: place.file,
    range: place.range,
    message: ambiguityMessage(group),
    fixes: [...renameFixes(group), ignoreFix('BC101', place.file, place.range.start.line)],
  };
}

export const bc101TableRenamed: ModelRule = {
  code: 'BC101',
  name: 'table-renamed',
  source: 'models',
  severity: 'warning',
  text,
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('`__tablename__` changed');
      },
      head: `
class Customer(db.Model):
    __tablename__ = "customer"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      bad: `
class Customer(db.Model):
    __tablename__ = "client"
#   ^^^^^^^^^^^^^^^^^^^^^^^^ BC101
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      good: `
class Customer(db.Model):
    __tablename__ = "client"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      goodRenames: [{ kind: 'table', from: 'customer', to: 'client' }],
      get why() {
        return l10n.t(
          'The rename is the default: the migration writes `op.rename_table("customer", "client")` and the rows stay. Accepting it in Create Migration removes the warning.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    const assumed = ctx.renames.assumed.flatMap((c) => (c.kind === 'table' ? [assumedFinding(ctx, c)] : []));
    const ambiguous = ctx.renames.ambiguous.filter((g) => g.kind === 'table').map((g) => ambiguousFinding(ctx, g));
    return [...assumed, ...ambiguous];
  },
};
