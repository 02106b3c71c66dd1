/**
 * When the desk's scheduled backup is due (issue 18): daily at a time of the desk's own day
 * (HH:MM, local time, as a person sets it) and/or every N hours; no schedule, never. Pure: the
 * timer in src/app/admin/backup-schedule.ts asks it once a minute with the newest backup's instant.
 */
export interface BackupSchedule {
  /** "HH:MM" in the desk's local time, or null. */
  time: string | null;
  /** Hours between two backups, or null. */
  everyHours: number | null;
}

export const BACKUP_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The latest instant at or before `now` that the daily time names (today's, else yesterday's). */
export function lastDailyOccurrence(time: string, now: Date): Date {
  const [h, m] = time.split(':').map(Number);
  const at = new Date(now);
  at.setHours(h, m, 0, 0);
  if (at.getTime() > now.getTime()) at.setDate(at.getDate() - 1);
  return at;
}

export function backupDue(schedule: BackupSchedule, lastBackupAt: Date | null, now: Date): boolean {
  const last = lastBackupAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (schedule.time !== null && BACKUP_TIME.test(schedule.time) && last < lastDailyOccurrence(schedule.time, now).getTime()) return true;
  if (schedule.everyHours !== null && schedule.everyHours > 0 && now.getTime() - last >= schedule.everyHours * 3_600_000) return true;
  return false;
}
