// What reading model files produces: the schema SQLAlchemy would create, plus where each part was written.
import type { Note, SourceLocation } from '../source';
import type { Schema } from '../schema/types';
import type { ImportTimeCall } from './importTimeCalls';
import type { NamingConvention } from '../schema/naming';

export interface ColumnSource {
  /** The whole attribute statement, e.g. `email = db.Column(db.String(120))` (or the Column(...) call inside Table(...)). */
  location: SourceLocation;
  /** The Python attribute name when it differs from the column name (`e_mail = Column('email', ...)`). */
  attribute?: string;
}

export interface TableSource {
  /** The class statement (class name range) for declarative models; the Table(...) call for association tables. */
  location: SourceLocation;
  /** The declarative class that maps this table; null for Table(...) objects. Single-table subclasses list here too. */
  className: string | null;
  /** The `__tablename__ = "..."` statement when there is one. */
  tablenameLocation?: SourceLocation;
  columns: Record<string, ColumnSource>;
  /** Constraints and indexes by name (as in Schema), where they were declared. */
  constraints: Record<string, SourceLocation>;
  /** Column names the model may have but that are set by calls this tool cannot read (no drop is reported for them). */
  unseenColumns?: string[];
}

/** A part of the models the engine cannot read statically; the diff leaves it as the migrations have it. */
export type Unreadable =
  /** `index=flag`, `unique=some_setting`, …: a keyword that is not a literal True/False. */
  | { kind: 'flag'; table: string; column: string; flag: 'primary_key' | 'unique' | 'index' | 'nullable' }
  /** A ForeignKey(...) on this column whose target cannot be read (`f'{cls.other.__table__.fullname}.id'`): its key may be there. */
  | { kind: 'foreignKey'; table: string; column: string }
  /** The class mapping this table does not parse and has no earlier reading: its findings are paused. */
  | { kind: 'table'; table: string }
  /** A class that does not parse could map any table: table drops (and renames) are paused. */
  | { kind: 'tableDrops' };

export interface ModelSchema {
  schema: Schema;
  sources: { tables: Record<string, TableSource>; enums: Record<string, SourceLocation> };
  /** Everything that could not be resolved statically, and half-typed code that was skipped. */
  notes: Note[];
  /** What the diff must not guess about (absent when everything was read). */
  unreadable?: Unreadable[];
  /** Module-level calls handed model classes that may build tables or columns at import time (absent when none). */
  importTimeCalls?: ImportTimeCall[];
  /** The target metadata's naming_convention, which also names what the revisions leave unnamed (absent: SQLAlchemy's default). */
  namingConvention?: NamingConvention;
  /** Models skipped because their __tablename__ cannot be read statically (absent when none). */
  unnamedModels?: UnnamedModel[];
  /** SQLAlchemy-Continuum tables built on something that could not be read: their findings are uncertain (absent when none). */
  versionedDoubts?: { table: string; reason: string; location: SourceLocation }[];
}

/** A model whose table name cannot be read (nyaa's `__tablename__` built by classmethods): it maps a table nobody can name. */
export interface UnnamedModel {
  className: string;
  /** The class statement. */
  location: SourceLocation;
  /** The `__tablename__` that cannot be read (possibly in a base class). */
  tablename: SourceLocation;
  /** The column names it declares (its own and its mixins'). */
  columns: string[];
}

/** One model file's text, as the caller has it (on disk or an unsaved editor buffer). */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A column whose type could not be resolved statically gets a placeholder type starting with this
 * prefix ("?MyType(...)") and a note; compare such columns by presence only, never by type.
 */
export const UNRESOLVED_TYPE_PREFIX = '?';
