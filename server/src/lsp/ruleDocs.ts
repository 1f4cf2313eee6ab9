// Where each finding code is documented (Diagnostic.codeDescription). The codes follow Atlas lint's
// vocabulary, whose analyzer reference explains each one; MG001 is ours and points at Alembic's
// autogenerate guide, which is what a pending migration means for a Flask-Migrate user.
const ATLAS_ANALYZERS = 'https://atlasgo.io/lint/analyzers';
const ALEMBIC_AUTOGENERATE = 'https://alembic.sqlalchemy.org/en/latest/autogenerate.html';

export function ruleDocsUrl(code: string): string {
  if (code === 'MG001') return ALEMBIC_AUTOGENERATE;
  return `${ATLAS_ANALYZERS}#${code}`;
}
