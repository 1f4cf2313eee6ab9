// `--python PY` (any verb): the project's Python. Its site-packages are where base classes and mixins
// from libraries are looked up (core/project/sitePackages.ts); the database verbs also run it where
// they need Python. Set once by main.ts before the verb runs; read where the verb opens its project.
let selected: string | undefined;

export function setProjectPython(python: string | undefined): void {
  selected = python?.trim() ? python : undefined;
}

/** The interpreter given with --python, else the activated environment (VIRTUAL_ENV), else none. */
export function projectPython(): string | undefined {
  return selected ?? (process.env.VIRTUAL_ENV?.trim() ? process.env.VIRTUAL_ENV : undefined);
}
