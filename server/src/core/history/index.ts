// The history engine's public surface: find and parse revision files, build the graph, replay.
export { findVersionDirs } from './discovery';
export { parseRevisionFile } from './revisionFile';
export { loadHistory, listRevisionFiles, type History, type LoadHistoryOptions } from './load';
export { RevisionGraph } from './graph';
export { resolveRevision, type Resolution } from './resolve';
export { downgradeSteps, pathBetween, upgradeSteps, type PathResult } from './path';
export { applyOps, applyOpInPlace } from './apply/apply';
export { replaySteps, schemaAtRevision, stepOps } from './schemaAtRevision';
export { readDdl, type DdlReading } from './sql/ddl';
export { formatEntry, headEntries, historyEntries, type RevisionEntry } from './listing';
export type { ParsedRevision, ReplayedBody, RevisionStep, VersionDirs } from './types';
