// The projects of every workspace folder (multi-root), made by the project service (core/project/service.ts),
// and which project a file belongs to.
import path from 'node:path';
import { openProjectCache, type ProjectCache } from '../core/cache/projectCache';
import type { ProjectAnalysis, ProjectOptions } from '../core/project/analysis';
import { projectsIn } from '../core/project/service';
import { interpreterOf, type EffectiveSettings } from './settings';

function inside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export class Workspace {
  private readonly byFolder = new Map<string, ProjectAnalysis[]>();
  private readonly caches = new Map<string, ProjectCache>();

  constructor(
    private settings: EffectiveSettings,
    private readonly readFile: ProjectOptions['readFile'],
  ) {}

  get folders(): string[] {
    return [...this.byFolder.keys()];
  }

  projects(): ProjectAnalysis[] {
    return [...this.byFolder.values()].flat();
  }

  /** (Re)discovers the projects of a folder; returns the new list and the list it replaced. */
  loadFolder(folder: string): { added: ProjectAnalysis[]; removed: ProjectAnalysis[] } {
    const removed = this.byFolder.get(folder) ?? [];
    // The one project service, as the CLI uses it, with the editor's buffers and the persistent cache.
    const added = projectsIn(folder, {
      readFile: this.readFile,
      cacheFor: (root) => this.cacheOf(root),
      ...(this.settings.modelGlobs ? { modelGlobs: this.settings.modelGlobs } : {}),
      ...(this.settings.migrationsDirectory ? { migrationsDirectory: this.settings.migrationsDirectory } : {}),
      // Libraries the models derive from: the folder's own virtual environments, and the configured Python's
      // site-packages only in a trusted workspace when it lies outside the folder.
      libraries: {
        boundary: folder,
        allowOutside: this.settings.trusted,
        ...(interpreterOf(this.settings) ? { interpreter: interpreterOf(this.settings) } : {}),
      },
    }).map((service) => service.analysis());
    this.byFolder.set(folder, added);
    return { added, removed };
  }

  private cacheOf(root: string): ProjectCache {
    let cache = this.caches.get(root);
    if (!cache) this.caches.set(root, (cache = openProjectCache(root)));
    return cache;
  }

  /** Writes what the projects read to their persistent caches (after a first analysis, and at shutdown). */
  flushCaches(): void {
    for (const cache of this.caches.values()) {
      try {
        cache.flush();
        cache.release();
      } catch {
        // a cache that cannot be written changes no result
      }
    }
  }

  removeFolder(folder: string): ProjectAnalysis[] {
    const removed = this.byFolder.get(folder) ?? [];
    this.byFolder.delete(folder);
    return removed;
  }

  setSettings(settings: EffectiveSettings): void {
    this.settings = settings;
  }

  /** The folder a file lives in (the deepest one). */
  folderOf(file: string): string | undefined {
    return this.folders.filter((f) => inside(f, file)).sort((a, b) => b.length - a.length)[0];
  }

  /** The project owning a file: as a tracked model file, a revision file, or a new candidate model file. */
  projectOf(file: string): ProjectAnalysis | undefined {
    const projects = this.projects();
    const owner =
      projects.find((p) => p.isModelFile(file) || p.isRevisionFile(file)) ??
      projects.filter((p) => inside(p.location.root, file) && p.acceptsModelFile(file)).sort((a, b) => b.location.root.length - a.location.root.length)[0];
    return owner;
  }

  /**
   * A project by its root (and alembic.ini section: several sections share a root), or by any file inside it;
   * the only project when `hint` is undefined and there is one.
   */
  findProject(hint: string | undefined, section?: string): ProjectAnalysis | undefined {
    const projects = this.projects();
    if (hint === undefined) return projects.length === 1 ? projects[0] : undefined;
    return (
      projects.find((p) => p.location.root === hint && p.location.iniSection === section) ??
      projects.find((p) => p.location.root === hint) ??
      this.projectOf(hint) ??
      projects.filter((p) => inside(p.location.root, hint)).sort((a, b) => b.location.root.length - a.location.root.length)[0]
    );
  }
}
