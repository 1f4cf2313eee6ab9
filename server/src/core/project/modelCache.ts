// The model side of a project: the models engine's incremental index. A re-read of the same text
// (a file saved as it was open) costs nothing; an edit reparses one file incrementally.
import { ModelIndex } from '../models';
import type { ModelSchema } from '../models/types';
import type { TextChange } from '../python/parser';

export class ModelCache {
  private readonly index: ModelIndex;

  constructor(root: string) {
    this.index = new ModelIndex({ root });
  }

  has(file: string): boolean {
    return this.index.has(file);
  }

  files(): string[] {
    return this.index.paths().sort();
  }

  declaringFiles(): string[] {
    return this.index.modelFiles().sort();
  }

  /** Returns false when the file already had exactly this text. */
  set(file: string, text: string): boolean {
    if (this.index.text(file) === text) return false;
    this.index.setFile(file, text);
    return true;
  }

  /** An incremental edit of a file the index holds. Throws for an unknown file: the caller re-reads it whole. */
  apply(file: string, change: TextChange): void {
    if (!this.index.applyChange(file, change)) throw new Error(`${file} is not a known model file`);
  }

  remove(file: string): boolean {
    if (!this.index.has(file)) return false;
    this.index.removeFile(file);
    return true;
  }

  schema(): ModelSchema {
    return this.index.schema();
  }

  dispose(): void {
    this.index.dispose();
  }
}
