// Reads the migrationGuard.* settings the client itself uses.
import * as vscode from 'vscode';

export type ExecutorKind = 'native' | 'alembic' | 'auto';

export interface ClientSettings {
  lockTimeout: number;
  backupBeforeDestructive: boolean;
  /** SQLite file backups kept next to the database. */
  keepBackups: number;
  executor: ExecutorKind;
  pythonPath: string;
  databaseUrl: string;
}

export function readSettings(scope?: vscode.Uri): ClientSettings {
  const c = vscode.workspace.getConfiguration('migrationGuard', scope);
  return {
    lockTimeout: c.get<number>('lockTimeout', 10000),
    backupBeforeDestructive: c.get<boolean>('backupBeforeDestructive', true),
    keepBackups: Math.max(1, Math.floor(c.get<number>('keepBackups', 5)) || 5),
    executor: c.get<ExecutorKind>('executor', 'auto'),
    pythonPath: c.get<string>('pythonPath', ''),
    databaseUrl: c.get<string>('databaseUrl', ''),
  };
}
