// Public API of the models extractor.
export { extractModels, ModelIndex, type ModelIndexOptions } from './modelIndex';
export { camelToSnakeCase } from './classTables';
export type { ModelSchema, SourceFile, TableSource, ColumnSource } from './types';
export { UNRESOLVED_TYPE_PREFIX } from './types';
export { findPythonFiles, readProjectPythonFiles } from './discover';
