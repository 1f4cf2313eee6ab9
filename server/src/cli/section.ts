// `--name NAME` (any verb): the alembic.ini section this run uses, as `alembic --name NAME`.
// Set once by main.ts before the verb runs; read where the verb opens its project (project.ts).
let selected: string | undefined;

export function setProjectSection(section: string | undefined): void {
  selected = section;
}

/** The section chosen with --name; undefined: Alembic's default [alembic]. */
export function projectSection(): string | undefined {
  return selected;
}
