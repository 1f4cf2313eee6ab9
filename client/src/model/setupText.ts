// Pure: the "Project and Database" page (Show Project and Database, the walkthrough's second step): for each
// project, where it was found, its versions folder, its models and heads, and its database — dialect, URL
// (masked), where the URL comes from, whether it answers, and its revision.
export interface SetupProject {
  name: string;
  /** Paths, for display. */
  root: string;
  /** The files that made it a project (alembic.ini, migrations/env.py), relative to the root. */
  foundBy?: string[];
  versionDirs: string[];
  modelFiles: number;
  heads: string[];
  revisions: number;
  problems: string[];
  database: {
    state: 'not-configured' | 'unusable' | 'not-checked' | 'connected' | 'cannot-connect';
    dialect: string | null;
    label: string | null;
    source: string | null;
    error: string | null;
    current: string[] | null;
    /** Recorded revisions no revision file declares. */
    unknown: string[];
  };
}

const TEXT = {
  title: '# Migration Guard: project and database',
  none: 'No Alembic / Flask-Migrate project was found in this workspace. Migration Guard looks for an `alembic.ini` or a `migrations/env.py` (as `flask db init` creates).',
  notConfigured: 'not configured — no URL in the secret storage, the `migrationGuard.databaseUrl` setting, `config.py`, the environment, `.env`, `.flaskenv` or `alembic.ini`. Run **Migration Guard: Set Database URL**.',
  state: {
    'connected': 'connected',
    'cannot-connect': 'cannot connect',
    'unusable': 'cannot be used',
    'not-checked': 'not checked (the workspace is not trusted)',
    'not-configured': 'not configured',
  } as const,
};

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function setupMarkdown(projects: SetupProject[]): string {
  if (projects.length === 0) return `${TEXT.title}\n\n${TEXT.none}\n`;
  const out = [TEXT.title];
  for (const p of projects) {
    const found = p.foundBy?.length ? ` — found by ${p.foundBy.map(code).join(' and ')}` : '';
    out.push('', `## ${p.name}`, '', `- **Project:** ${code(p.root)}${found}`);
    out.push(`- **Migrations:** ${p.versionDirs.map(code).join(', ') || 'no versions folder'} — ${p.revisions} revision${p.revisions === 1 ? '' : 's'}, head ${p.heads.map(code).join(', ') || 'none'}`);
    out.push(`- **Models:** ${p.modelFiles} Python file${p.modelFiles === 1 ? '' : 's'} read`);
    const db = p.database;
    if (db.state === 'not-configured') {
      out.push(`- **Database:** ${TEXT.notConfigured}`);
    } else {
      out.push(`- **Database:** ${db.dialect ?? 'unknown dialect'}${db.label ? ` at ${code(db.label)}` : ''}`);
      if (db.source) out.push(`- **URL from:** ${db.source}`);
      out.push(`- **State:** ${TEXT.state[db.state]}${db.error ? ` — ${db.error}` : ''}`);
      if (db.state === 'connected') {
        const at = db.current && db.current.length ? db.current.map(code).join(', ') : 'base (no revision applied)';
        out.push(`- **Revision:** ${at}${db.unknown.length ? ` — ${db.unknown.map(code).join(', ')} is not declared by any revision file of this project` : ''}`);
      }
    }
    if (p.problems.length) out.push('', '**Problems:**', ...p.problems.map((x) => `- ${x}`));
  }
  return `${out.join('\n')}\n`;
}
