// Finding: MG004 — the migration history has several heads and no rule that picks one (two
// developers each wrote a revision on the same parent). `flask db upgrade` refuses ("Multiple head
// revisions"), and no new revision can be written until they are merged. `check` and the editor still
// answer: the models are compared with the schema of every head applied (what `flask db upgrade heads`
// builds), and this error stands at each head's `revision = ...` line.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import type { RuleContext } from './context';
import type { ModelRule } from './record';

export const MG004 = 'MG004';

const text = {
  get title() {
    return l10n.t('Several migration heads');
  },
  get summary() {
    return l10n.t('The migration history has several heads: revisions written on the same parent and never merged.');
  },
  get data() {
    return l10n.t(
      'Nothing is lost, but `flask db upgrade` refuses to run ("Multiple head revisions are present"), and no new migration can be written on top until the heads are merged. The models are compared with the schema of every head applied, which is what `flask db upgrade heads` would build.',
    );
  },
  get safe() {
    return l10n.t('Merge the heads: `flask db merge heads -m "merge"` (or `migration-guard merge DIR`), review the merge revision, then upgrade.');
  },
  dialects: {
    get postgresql() {
      return l10n.t('The same on every database: Alembic refuses to upgrade to "head" while there are several.');
    },
    get sqlite() {
      return l10n.t('The same on every database: Alembic refuses to upgrade to "head" while there are several.');
    },
  },
  message: (heads: readonly string[]) =>
    l10n.t(
      'The migrations have several heads ({0}): `flask db upgrade` refuses, and no new migration can be written until they are merged (`flask db merge heads`). The models are compared with every head applied.',
      heads.join(', '),
    ),
};

export const mg004SeveralHeads: ModelRule = {
  code: MG004,
  name: 'several-heads',
  source: 'models',
  severity: 'error',
  text,
  fixes: [],
  examples: [
    {
      source: 'history',
      get title() {
        return l10n.t('Two branches, each with its own revision');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      branches: ['add phone', 'add avatar'],
      expect: 'The migrations have several heads',
      get why() {
        return l10n.t('`flask db merge heads` writes a revision with both heads as parents; after it there is one head again.');
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    const several = ctx.severalHeads;
    if (!several || several.heads.length < 2) return [];
    return several.places.map(
      (place) =>
        ({
          code: MG004,
          severity: 'error',
          table: '',
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(several.heads),
          fixes: [],
        }) satisfies Finding,
    );
  },
};
