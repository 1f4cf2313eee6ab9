// What reading an Alembic history produces: one ParsedRevision per revision file, and the
// History (all revisions plus the graph built over them).
import type { Note, SourceLocation } from '../source';
import type { MigrationOp } from '../schema/ops';

/** The ops one upgrade() or downgrade() body performs, in order. */
export interface ReplayedBody {
  ops: MigrationOp[];
  /** Statements that could not be followed statically (control flow, opaque SQL, unknown calls). */
  notes: Note[];
  /** The `def upgrade():` / `def downgrade():` name, when the function exists. */
  location?: SourceLocation;
  /** Calls the replay skipped that may change tables it was handed by name (absent when none). */
  unfollowed?: UnfollowedCall[];
  /**
   * Set by the read when some op has a type imported from the project (revisionTypes.ts resolves
   * those): a body served from the cache answers this without decoding its ops.
   */
  importsTypes?: true;
}

/**
 * A skipped call (`rn.upgrade()` on an object of a class in the revision, a project helper) whose
 * receiver or arguments name tables: those tables are uncertain from there on, since the call may
 * rename, alter or drop them.
 */
export interface UnfollowedCall {
  /** Every string literal in the call's receiver and arguments (the guard keeps those naming tables). */
  names: string[];
  /** How many of the body's ops come before the call. */
  afterOps: number;
  /** Index of the call's `unknown-call` note in the body's notes. */
  note: number;
}

export interface ParsedRevision {
  path: string;
  /** Null when the file declares no usable `revision = "..."` (a note says why). */
  revision: string | null;
  /** Empty for a base; two or more for a merge. */
  downRevisions: string[];
  branchLabels: string[];
  /** Revision ids or branch labels this one depends on (`depends_on`). */
  dependsOn: string[];
  /** The first line of the module docstring (Alembic's "message"). */
  message: string | null;
  /** The "Create Date:" line of the docstring, as written. */
  createDate: string | null;
  /** Where `revision = ...` is written (the whole statement), else the file start. */
  location: SourceLocation;
  /** Where `down_revision = ...` is written, when present. */
  downRevisionLocation?: SourceLocation;
  upgrade: ReplayedBody;
  downgrade: ReplayedBody;
  /** Problems with the file itself (syntax errors, missing ids…). Body notes live in upgrade/downgrade. */
  notes: Note[];
}

export interface VersionDirs {
  /** The Alembic script directory (holding env.py), or the versions dir itself when given explicitly. */
  scriptLocation: string;
  versionDirs: string[];
  /** Whether sub-folders of the version dirs are searched too (alembic.ini `recursive_version_locations`). */
  recursive?: boolean;
  /**
   * A Flask-Alembic script directory: `upgrade` goes to "heads" (every independent branch), and a new
   * revision goes on the "default" branch (a new root labelled "default" when there is none yet).
   */
  flaskAlembic?: boolean;
  /** The alembic.ini the locations were read from, when there is one. */
  iniFile?: string;
  /** alembic.ini's section for this history when it is not [alembic] (chosen with `alembic --name`). */
  iniSection?: string;
  notes: Note[];
}

/** One step of an upgrade or downgrade path, in the order Alembic runs them. */
export interface RevisionStep {
  revision: string;
  direction: 'up' | 'down';
}
