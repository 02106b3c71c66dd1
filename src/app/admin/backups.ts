/**
 * Backups of the station (issue 18): settings per station (folder, daily time, interval, days
 * kept), "back up now", the check of one backup and the restore. A backup runs as a query (it awaits
 * the stepped online backup, src/store/backup-files.ts) and writes its own audit record once done; a
 * restore cannot run inside a transaction on the database it replaces, so it writes one record in
 * the database it moves aside and one in the restored database, after the swap.
 */
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { BackupEntry, BackupOverview, BackupProblem, BackupSettings } from '../../contract/results';
import { fail } from '../../domain/errors';
import { BACKUP_TIME } from '../../domain/backup-schedule';
import { listBackups, makeBackup, pruneBackups, readManifest, swapInBackup, writeManifest, type BackupManifest } from '../../store/backup-files';
import { statement } from '../../store/statements';
import { appendAudit, type AuditDetail } from '../kernel/audit-log';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type Handlers } from '../kernel/context';
import { getSetting, setSetting } from '../kernel/settings';
import type { Station } from '../kernel/station';
import { checkBackupFile, type BackupCheck } from './backup-check';
import { defaultCheckpointPath } from '../kernel/checkpoints';

export const DEFAULT_KEEP_DAYS = 30;
const KEYS = { folder: 'backup.folder', time: 'backup.time', everyHours: 'backup.everyHours', keepDays: 'backup.keepDays' } as const;

/** Per-station state outside the database: one backup or restore at a time, the last scheduled failure. */
interface BackupState {
  running: boolean;
  lastError: string | null;
  /** The newest backup's instant, once known (the schedule asks every minute). */
  lastAt?: Date | null;
}
const states = new WeakMap<Station, BackupState>();
export function backupState(station: Station): BackupState {
  let s = states.get(station);
  if (!s) states.set(station, (s = { running: false, lastError: null }));
  return s;
}

export function backupSettings(station: Station): BackupSettings {
  const db = station.db;
  const hours = getSetting(db, KEYS.everyHours);
  return {
    folder: getSetting(db, KEYS.folder) ?? join(dirname(station.file), 'backups'),
    time: getSetting(db, KEYS.time),
    everyHours: hours === null ? null : Number(hours),
    keepDays: Number(getSetting(db, KEYS.keepDays) ?? DEFAULT_KEEP_DAYS),
  };
}

/** What the station is called in a backup's file name: its name, else its site, else its id. */
export function stationLabel(station: Station): string {
  return getSetting(station.db, 'station.name') ?? station.site() ?? station.stationId;
}

/** An audit record of its own transaction, for the acts that run outside the dispatcher's (a backup, a restore). */
function record(station: Station, userId: string | null, command: string, input: Record<string, unknown>, detail: AuditDetail): void {
  const db = station.db;
  // The restored database may not know the user who restored it.
  const known = userId !== null && statement(db, 'SELECT 1 FROM users WHERE id = ?').get(userId) !== undefined;
  db.transaction(() =>
    appendAudit(db, { at: station.clock.now().toISOString(), stationId: station.stationId, userId: known ? userId : null, command, input, result: 'ok', detail }),
  ).immediate();
}

async function exclusive<T>(station: Station, body: () => Promise<T>): Promise<T> {
  const state = backupState(station);
  if (state.running) throw fail.conflict('errors.backup.running');
  state.running = true;
  try {
    return await body();
  } finally {
    state.running = false;
  }
}

/** One backup now into the station's folder, then the retention; `userId` null is the schedule. */
export async function runBackup(station: Station, userId: string | null): Promise<BackupManifest> {
  return exclusive(station, async () => {
    const settings = backupSettings(station);
    const state = backupState(station);
    const now = station.clock.now();
    try {
      const manifest = await makeBackup(station.db, { dir: settings.folder, station: stationLabel(station), now, nativeBinding: station.nativeBinding });
      await pruneBackups(settings.folder, settings.keepDays, now);
      state.lastAt = now;
      state.lastError = null;
      if (station.db.open) {
        record(station, userId, 'backup.made', { file: manifest.file, trigger: userId ? 'manual' : 'scheduled' }, { file: manifest.file, size: manifest.size });
      }
      return manifest;
    } catch (err) {
      state.lastError = (err as Error).message;
      throw err;
    }
  });
}

/** A backup named from the list: a plain file name of the station's folder, nothing else. */
function backupPath(station: Station, file: string): string {
  if (basename(file) !== file || !file.endsWith('.db')) throw fail.validation('errors.backup.badName', 'file');
  return join(backupSettings(station).folder, file);
}

/** A manifest as the list shows it: the audit head as its seq, the last check or null. */
function entry({ audit, checked, station: _station, ...m }: BackupManifest): BackupEntry {
  return { ...m, auditSeq: audit.seq, checked: checked ? { ...checked, problem: (checked.problem ?? null) as BackupProblem | null } : null };
}

function refusal(file: string, check: BackupCheck) {
  return fail.rule(`errors.backup.${check.problem}`, { file, detail: check.detail ?? '' });
}

export const backupHandlers = {
  'backup.list': async (ctx): Promise<BackupOverview> => {
    const settings = backupSettings(ctx.station);
    const state = backupState(ctx.station);
    return { settings, backups: (await listBackups(settings.folder)).map(entry), running: state.running, lastError: state.lastError };
  },
  'backup.run': async (ctx) => entry(await runBackup(ctx.station, requireUser(ctx).id)),
  'backup.check': async (ctx, input) => {
    const file = backupPath(ctx.station, input.file);
    const check = await checkBackupFile(file, { nativeBinding: ctx.station.nativeBinding, keys: ctx.station.chain?.keys ?? null });
    const manifest = await readManifest(dirname(file), input.file);
    // The result is kept beside the backup: the list shows it without checking again.
    if (manifest && check.problem !== 'changed') await writeManifest(dirname(file), { ...manifest, checked: { at: ctx.now.toISOString(), ok: check.ok, problem: check.problem } });
    return { file: input.file, ok: check.ok, problem: check.problem ?? null, detail: check.detail ?? null };
  },
  'backup.setSchedule': (ctx, input) => {
    const db = ctx.station.db;
    const before = backupSettings(ctx.station);
    if (input.time !== null && !BACKUP_TIME.test(input.time)) throw fail.validation('errors.backup.badTime', 'time');
    if (input.folder !== null && !isAbsolute(input.folder)) throw fail.validation('errors.backup.folderNotAbsolute', 'folder');
    const write = (key: string, value: string | null) => (value === null ? statement(db, 'DELETE FROM settings WHERE key = ?').run(key) : setSetting(db, key, value));
    write(KEYS.folder, input.folder);
    write(KEYS.time, input.time);
    write(KEYS.everyHours, input.everyHours === null ? null : String(input.everyHours));
    write(KEYS.keepDays, String(input.keepDays));
    const after = backupSettings(ctx.station);
    // A new folder has its own newest backup: the schedule reads it again.
    ctx.afterCommit(() => (backupState(ctx.station).lastAt = undefined));
    // One change per setting, as the Audit screen words settings (ui.audit.settings.backup.*).
    for (const field of ['folder', 'time', 'everyHours', 'keepDays'] as const) {
      noteChanges(ctx, { object: 'setting', id: KEYS[field], label: KEYS[field] }, { value: before[field] }, { value: after[field] });
    }
    return { done: true };
  },
  'backup.restore': async (ctx, input) => {
    const user = requireUser(ctx);
    const station = ctx.station;
    const file = backupPath(station, input.file);
    return exclusive(station, async () => {
      const check = await checkBackupFile(file, { nativeBinding: station.nativeBinding, keys: station.chain?.keys ?? null });
      if (!check.ok) throw refusal(input.file, check);
      // The database about to be moved aside records who replaced it, and with what.
      record(station, user.id, 'backup.restore', { file: input.file }, { file: input.file });
      let aside: string | null = null;
      await station.replaceDatabase(async () => {
        aside = await swapInBackup(file, station.file, ctx.now, [defaultCheckpointPath(station.file)]);
      });
      record(station, user.id, 'backup.restored', { file: input.file }, { file: input.file, movedAside: aside ? basename(aside) : '' });
      return { restored: input.file, movedAside: aside };
    });
  },
} satisfies Partial<Handlers>;
