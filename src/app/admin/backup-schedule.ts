/**
 * The desk's scheduled backup (issue 18): a timer in the station core, the same in serve mode and in
 * Electron. Once a minute it asks the pure rule (src/domain/backup-schedule.ts) whether a backup is
 * due, from the station's settings and its newest backup; the backup itself runs in steps
 * (runBackup), so commands keep their pace while it copies.
 */
import { backupDue } from '../../domain/backup-schedule';
import { listBackups } from '../../store/backup-files';
import type { Station } from '../kernel/station';
import { backupSettings, backupState, runBackup } from './backups';

export const SCHEDULE_TICK_MS = 60_000;

/** One look at the schedule: backs up when due. Returns whether it did; a failure is kept for the Backups screen. */
export async function scheduledBackupTick(station: Station): Promise<boolean> {
  const state = backupState(station);
  if (state.running || station.swapping || !station.db.open) return false;
  const settings = backupSettings(station);
  if (settings.time === null && settings.everyHours === null) return false;
  if (state.lastAt === undefined) {
    const newest = (await listBackups(settings.folder))[0];
    state.lastAt = newest ? new Date(newest.createdAt) : null;
  }
  if (!backupDue(settings, state.lastAt, station.clock.now())) return false;
  try {
    await runBackup(station, null);
    return true;
  } catch (err) {
    console.error('lotdesk: the scheduled backup failed', err);
    return false;
  }
}

export function startBackupSchedule(station: Station, everyMs = SCHEDULE_TICK_MS): () => void {
  const timer = setInterval(() => void scheduledBackupTick(station), everyMs);
  // The schedule never keeps a CLI run or a test alive.
  timer.unref();
  return () => clearInterval(timer);
}
