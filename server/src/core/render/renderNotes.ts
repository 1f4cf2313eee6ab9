// What a rendered revision tells its reader (the `revision` verb prints them as notes; Create Migration
// returns them), and why a project's script.py.mako could not be used. In the user's language; the
// revision file itself stays English (its comments are shared in the repository).
import * as l10n from '@vscode/l10n';

export const RENDER_NOTES = {
  noNeutralValue: (where: string, type: string) =>
    l10n.t('{0}: NOT NULL without a server default, and no neutral value for type {1}: the upgrade fails if the table has rows', where, type),
  concurrentlyIgnored: (index: string) => l10n.t('index {0} is not created by this migration; CONCURRENTLY ignored for it', index),
  unreadableType: (type: string) =>
    l10n.t('the type {0} could not be read statically: it is written as the model spells it; add its import to the revision file', type),
  foreignKeysRewrapped: (keys: string) =>
    l10n.t(
      'foreign keys {0} are dropped before the column type changes and created again after them: PostgreSQL refuses a type change while a foreign key pairs incompatible types',
      keys,
    ),
  foreignKeyRefused: (key: string) =>
    l10n.t(
      'foreign key {0}: PostgreSQL refuses to pair these types, so this migration fails when it creates the key again; make both columns the same type in the models',
      key,
    ),
  keptDrop: (what: string, reason: string) => l10n.t('{0} is not dropped: {1}', what, reason),
  templateFallback: (problem: string) =>
    l10n.t("the project's script.py.mako could not be used ({0}); Flask-Migrate's standard template was used instead", problem),
};

/** Why the Mako subset renderer cannot run a template (shown inside RENDER_NOTES.templateFallback). */
export const MAKO_PROBLEMS = {
  get blocks() {
    return l10n.t('the template uses <% %> blocks, which this renderer does not run');
  },
  withoutIf: (word: string) => l10n.t('% {0} without % if', word),
  get endifWithoutIf() {
    return l10n.t('% endif without % if');
  },
  unsupportedControl: (word: string) => l10n.t('the template uses "% {0}", which this renderer does not run', word),
  get ifWithoutEndif() {
    return l10n.t('% if without % endif');
  },
  unsupportedExpression: (text: string) => l10n.t('unsupported expression ${{0}}', text),
  unsupportedFilter: (filter: string) => l10n.t('unsupported filter "{0}"', filter),
  unknownVariable: (name: string) => l10n.t('unknown template variable "{0}"', name),
  get unterminated() {
    return l10n.t('unterminated ${...}');
  },
};
