// Pure: the "Project and Database" page (Show Project and Database, the walkthrough's second step): for each
// project, where it was found, its versions folder, its models and heads, and its database — dialect, URL
// (masked), where the URL comes from, whether it answers, and its revision.
import * as l10n from '@vscode/l10n';
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
  get title() {
    return l10n.t('# Migration Guard: project and database');
  },
  get none() {
    return l10n.t(
      'No Alembic / Flask-Migrate project was found in this workspace. Migration Guard looks for an `alembic.ini` or a `migrations/env.py` (as `flask db init` creates).',
    );
  },
  get notConfigured() {
    return l10n.t(
      'not configured — no URL in the secret storage, the `migrationGuard.databaseUrl` setting, `config.py`, the environment, `.env`, `.flaskenv` or `alembic.ini`. Run **Migration Guard: Set Database URL**.',
    );
  },
  state: {
    connected: () => l10n.t('connected'),
    'cannot-connect': () => l10n.t('cannot connect'),
    unusable: () => l10n.t('cannot be used'),
    'not-checked': () => l10n.t('not checked (the workspace is not trusted)'),
    'not-configured': () => l10n.t('not configured'),
  } as const,
  project: (root: string) => l10n.t('- **Project:** {0}', root),
  projectFoundBy: (root: string, by: string) => l10n.t('- **Project:** {0} — found by {1}', root, by),
  and: (items: string[]) => items.join(l10n.t(' and ')),
  migrations: (dirs: string, revisions: number, heads: string) =>
    revisions === 1
      ? l10n.t('- **Migrations:** {0} — 1 revision, head {1}', dirs, heads)
      : l10n.t('- **Migrations:** {0} — {1} revisions, head {2}', dirs, revisions, heads),
  get noVersionsFolder() {
    return l10n.t('no versions folder');
  },
  get none2() {
    return l10n.t('none');
  },
  models: (n: number) => (n === 1 ? l10n.t('- **Models:** 1 Python file read') : l10n.t('- **Models:** {0} Python files read', n)),
  database: (what: string) => l10n.t('- **Database:** {0}', what),
  databaseAt: (dialect: string, label: string) => l10n.t('- **Database:** {0} at {1}', dialect, label),
  get unknownDialect() {
    return l10n.t('unknown dialect');
  },
  urlFrom: (source: string) => l10n.t('- **URL from:** {0}', source),
  state2: (state: string) => l10n.t('- **State:** {0}', state),
  stateWhy: (state: string, why: string) => l10n.t('- **State:** {0} — {1}', state, why),
  get baseNone() {
    return l10n.t('base (no revision applied)');
  },
  revision: (at: string) => l10n.t('- **Revision:** {0}', at),
  revisionUnknown: (at: string, unknown: string) => l10n.t('- **Revision:** {0} — {1} is not declared by any revision file of this project', at, unknown),
  get problems() {
    return l10n.t('**Problems:**');
  },
};

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function setupMarkdown(projects: SetupProject[]): string {
  if (projects.length === 0) return `${TEXT.title}\n\n${TEXT.none}\n`;
  const out = [TEXT.title];
  for (const p of projects) {
    out.push('', `## ${p.name}`, '', p.foundBy?.length ? TEXT.projectFoundBy(code(p.root), TEXT.and(p.foundBy.map(code))) : TEXT.project(code(p.root)));
    out.push(TEXT.migrations(p.versionDirs.map(code).join(', ') || TEXT.noVersionsFolder, p.revisions, p.heads.map(code).join(', ') || TEXT.none2));
    out.push(TEXT.models(p.modelFiles));
    const db = p.database;
    if (db.state === 'not-configured') {
      out.push(TEXT.database(TEXT.notConfigured));
    } else {
      const dialect = db.dialect ?? TEXT.unknownDialect;
      out.push(db.label ? TEXT.databaseAt(dialect, code(db.label)) : TEXT.database(dialect));
      if (db.source) out.push(TEXT.urlFrom(db.source));
      const state = TEXT.state[db.state]();
      out.push(db.error ? TEXT.stateWhy(state, db.error) : TEXT.state2(state));
      if (db.state === 'connected') {
        const at = db.current && db.current.length ? db.current.map(code).join(', ') : TEXT.baseNone;
        out.push(db.unknown.length ? TEXT.revisionUnknown(at, db.unknown.map(code).join(', ')) : TEXT.revision(at));
      }
    }
    if (p.problems.length) out.push('', TEXT.problems, ...p.problems.map((x) => `- ${x}`));
  }
  return `${out.join('\n')}\n`;
}
