// Finding: BC102 — a column dropped and one added in the same table, of the same type family.
// Unambiguous (one candidate each way, docs/renames.md): the migration renames it by default
// (`alter_column(..., new_column_name=...)`), which keeps every value — a warning, not data loss.
// Ambiguous (several readings): drop + add stays, and the finding lists the readings to choose from.
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
    return l10n.t('Column renamed');
  },
  get summary() {
    return l10n.t(
      'A column disappeared from a model and one of the same type family appeared in the same table. When it is the only candidate either way, it is a rename by default; otherwise the readings are listed.',
    );
  },
  get data() {
    return l10n.t(
      'Written as drop + add (what Alembic autogenerate does), a column rename deletes every value. As a rename — the default for an unambiguous pair — the values stay. An ambiguous pair stays drop + add until you choose.',
    );
  },
  get safe() {
    return l10n.t(
      'Check that the assumed rename is right (the revision names it at the top); if the columns hold different data, opt out with `--no-rename table.old=new` or uncheck it in Create Migration. For an ambiguous group, choose the rename with `--rename`. Deploy code that reads the new name at the same time.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t('`ALTER TABLE … RENAME COLUMN` only changes the catalog: instant, and indexes and constraints follow the column.');
    },
    get sqlite() {
      return l10n.t('`ALTER TABLE … RENAME COLUMN` (SQLite ≥ 3.25) keeps the values; inside a batch block the table copy carries them to the new name.');
    },
  },
  message: (table: string, from: string, to: string) =>
    l10n.t(
      '{0} looks renamed to {1} (the only dropped and added columns of the same type family in the table), so the migration renames it and keeps every value. If they hold different data, opt out with `{2}` (or uncheck it in Create Migration).',
      qualified(table, from),
      qualified(table, to),
      `--no-rename ${table}.${from}=${to}`,
    ),
  renameFix: (table: string, from: string, to: string) => l10n.t('Create the migration with the rename {0} → {1} (keeps the data)', `${table}.${from}`, to),
};

function assumedFinding(ctx: RuleContext, choice: Extract<RenameChoice, { kind: 'column' }>): Finding {
  const place = placeFor(ctx.models, ctx.head, choice.table, choice.to);
  return {
    code: 'BC102',
    severity: 'warning',
    table: choice.table,
    column: choice.to,
    destructive: false,
    file: place.file,
    range: place.range,
    message: text.message(choice.table, choice.from, choice.to),
    fixes: [
      { kind: 'rename', title: text.renameFix(choice.table, choice.from, choice.to), rename: choice },
      ignoreFix('BC102', place.file, place.range.start.line),
    ],
  };
}

function ambiguousFinding(ctx: RuleContext, group: AmbiguousRename): Finding {
  const table = group.table as string;
  const place = placeFor(ctx.models, ctx.head, table, group.added[0]);
  return {
    code: 'BC102',
    severity: 'warning',
    table,
    column: group.added[0] as string,
    destructive: true,
    file: place.file,
    range: place.range,
    message: ambiguityMessage(group),
    fixes: [...renameFixes(group), ignoreFix('BC102', place.file, place.range.start.line)],
  };
}

export const bc102ColumnRenamed: ModelRule = {
  code: 'BC102',
  name: 'column-renamed',
  source: 'models',
  severity: 'warning',
  text,
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('An attribute renamed');
      },
      head: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text, nullable=False)
`,
      bad: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text, nullable=False)
#   ^^^^^^^ BC102
`,
      good: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text, nullable=False)
`,
      goodRenames: [{ kind: 'column', table: 'post', from: 'body', to: 'content' }],
      get why() {
        return l10n.t(
          'The rename is the default: the migration writes `op.alter_column("post", "body", new_column_name="content")`, the values stay, and no NOT NULL column is added to a full table. Accepting it in Create Migration removes the warning.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    const assumed = ctx.renames.assumed.flatMap((c) => (c.kind === 'column' ? [assumedFinding(ctx, c)] : []));
    const ambiguous = ctx.renames.ambiguous.filter((g) => g.kind === 'column').map((g) => ambiguousFinding(ctx, g));
    return [...assumed, ...ambiguous];
  },
};
