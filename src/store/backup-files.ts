/**
 * Backup files of a station database (issue 18): taken with SQLite's online backup API through
 * better-sqlite3 (`db.backup`), which copies the pages a step at a time and yields to the event loop
 * between steps, so the desk keeps answering while it runs; writes made through the same connection
 * during the copy are carried into it, so the file is one consistent state. Each backup is a
 * `.db` file and a `.json` manifest beside it (size, SHA-256, user_version, audit head). Retention
 * and the swap of a restore live here too; checking a backup's chain is the app's (src/app/admin/backups.ts).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Db } from './db';

/** Pages copied per step of the online backup (4 KiB pages: 1 MiB a step, well under a millisecond). */
export const BACKUP_PAGES_PER_STEP = 256;
const PREFIX = 'lotdesk-';

export interface BackupManifest {
  file: string;
  station: string;
  createdAt: string;
  size: number;
  sha256: string;
  userVersion: number;
  audit: { seq: number; hash: string | null };
  /** The last full check of this backup (integrity, version, chain), when one was run. */
  checked?: { at: string; ok: boolean; problem?: string };
}

/** Station names go into file names: letters, digits, dot, dash and underscore only. */
export function stationSlug(station: string): string {
  return station.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'station';
}

/** `lotdesk-<station>-<UTC yyyymmddThhmmssZ>`: sorts by time within a station, readable in a file list. */
export function backupBaseName(station: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${PREFIX}${stationSlug(station)}-${stamp}`;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function manifestPath(dir: string, dbFile: string): string {
  return join(dir, dbFile.replace(/\.db$/, '.json'));
}

export interface BackupOptions {
  dir: string;
  station: string;
  now: Date;
  pagesPerStep?: number;
  /** The Electron-ABI binding the station opened its database with: the copy is opened the same way. */
  nativeBinding?: string;
}

/**
 * Backs `db` up into `dir`. The copy is written under a temporary name, switched to the rollback
 * journal (a backup is a still file, readable without -wal/-shm) and renamed only when whole, so a
 * crash mid-backup never leaves a file that looks like a backup.
 */
export async function makeBackup(db: Db, options: BackupOptions): Promise<BackupManifest> {
  await mkdir(options.dir, { recursive: true });
  let base = backupBaseName(options.station, options.now);
  // Two backups in one second (a "back up now" beside the schedule) get distinct names.
  for (let n = 2; existsSync(join(options.dir, `${base}.db`)); n++) base = `${backupBaseName(options.station, options.now)}-${n}`;
  const name = `${base}.db`;
  const partial = join(options.dir, `${name}.partial`);
  const steps = options.pagesPerStep ?? BACKUP_PAGES_PER_STEP;
  try {
    await db.backup(partial, { progress: () => steps });
    const copy = new Database(partial, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    let userVersion: number;
    let head: { seq: number; hash: string } | undefined;
    try {
      copy.pragma('journal_mode = DELETE');
      userVersion = copy.pragma('user_version', { simple: true }) as number;
      head = copy.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as typeof head;
    } finally {
      copy.close();
    }
    await rename(partial, join(options.dir, name));
    const file = join(options.dir, name);
    const manifest: BackupManifest = {
      file: name,
      station: options.station,
      createdAt: options.now.toISOString(),
      size: (await stat(file)).size,
      sha256: await sha256File(file),
      userVersion,
      audit: { seq: head?.seq ?? 0, hash: head?.hash ?? null },
    };
    await writeManifest(options.dir, manifest);
    return manifest;
  } finally {
    await rm(partial, { force: true });
  }
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(manifestPath(dir, manifest.file), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(dir: string, dbFile: string): Promise<BackupManifest | null> {
  try {
    return JSON.parse(await readFile(manifestPath(dir, basename(dbFile)), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

/** The backups of a folder with a manifest, newest first; a missing folder has none. */
export async function listBackups(dir: string): Promise<BackupManifest[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const manifests: BackupManifest[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX) || !name.endsWith('.db')) continue;
    const m = await readManifest(dir, name);
    if (m && m.file === name) manifests.push(m);
  }
  return manifests.sort((a, b) => (a.createdAt === b.createdAt ? b.file.localeCompare(a.file) : b.createdAt.localeCompare(a.createdAt)));
}

/**
 * Keeps the backups of the last `keepDays` days and always the newest one (a desk switched off for
 * a month still has its last backup); deletes the others with their manifests. Returns the names deleted.
 */
export async function pruneBackups(dir: string, keepDays: number, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const [, ...older] = await listBackups(dir);
  const gone: string[] = [];
  for (const m of older) {
    if (Date.parse(m.createdAt) >= cutoff) continue;
    await rm(join(dir, m.file), { force: true });
    await rm(manifestPath(dir, m.file), { force: true });
    gone.push(m.file);
  }
  return gone;
}

const SIDE_FILES = ['', '-wal', '-shm'];

/**
 * The swap of a restore, with the database closed: the current file (and its -wal/-shm) moved
 * aside under `<db>.before-restore-<stamp>`, never deleted; the backup copied in under a temporary
 * name and renamed over. If the copy fails the current file is moved back. Returns the aside path.
 * `companions` are files that record the current database's history outside it (the audit chain's
 * signed checkpoints): they vouch for records the backup does not hold, so they go aside with it.
 */
export async function swapInBackup(from: string, dbFile: string, now: Date, companions: readonly string[] = []): Promise<string | null> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const aside = `${dbFile}.before-restore-${stamp}`;
  const incoming = `${dbFile}.restoring`;
  await mkdir(dirname(dbFile), { recursive: true });
  await copyFile(from, incoming);
  const moved: string[] = [];
  try {
    for (const suffix of SIDE_FILES) {
      if (!existsSync(dbFile + suffix)) continue;
      await rename(dbFile + suffix, aside + suffix);
      moved.push(suffix);
    }
    await rename(incoming, dbFile);
    for (const file of companions) if (existsSync(file)) await rename(file, `${file}.before-restore-${stamp}`);
  } catch (err) {
    for (const suffix of moved) await rename(aside + suffix, dbFile + suffix);
    await rm(incoming, { force: true });
    throw err;
  }
  return moved.length > 0 ? aside : null;
}
