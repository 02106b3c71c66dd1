/**
 * Opening a station database: WAL, foreign keys, migrations applied once (PRAGMA user_version),
 * and a refusal to run against a database written by a newer LotDesk.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of an alternative native binding (the Electron-ABI build of better-sqlite3). */
  nativeBinding?: string;
  readonly?: boolean;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} is newer than this LotDesk supports (${supported}); update LotDesk`);
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  // Read-only never creates: not the folder, not the file (`audit verify` on a mistyped path).
  if (file !== ':memory:' && !readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // FULL makes every commit durable across power loss, which a ledger needs.
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) throw new DatabaseTooNewError(current, MIGRATIONS.length);
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
