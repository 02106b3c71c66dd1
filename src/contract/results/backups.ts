/** The Backups screen (issue 18): the station's backups, their schedule and the check of one. */
export type BackupProblem = 'missing' | 'corrupt' | 'not_lotdesk' | 'too_new' | 'chain_broken' | 'changed';

export interface BackupSettings {
  /** Where backups go; the station's default (a `backups` folder beside the database) when not set. */
  folder: string;
  /** Daily at this local time ("HH:MM"), or null. */
  time: string | null;
  /** Every N hours, or null. */
  everyHours: number | null;
  keepDays: number;
}

export interface BackupEntry {
  file: string;
  createdAt: string;
  size: number;
  sha256: string;
  userVersion: number;
  auditSeq: number;
  /** The last full check (integrity, version, chain); null when never checked. */
  checked: { at: string; ok: boolean; problem: BackupProblem | null } | null;
}

export interface BackupOverview {
  settings: BackupSettings;
  backups: BackupEntry[];
  running: boolean;
  /** The last scheduled backup's failure, if the latest attempt failed. */
  lastError: string | null;
}

export interface BackupCheckResult {
  file: string;
  ok: boolean;
  problem: BackupProblem | null;
  detail: string | null;
}

export interface RestoreResult {
  restored: string;
  /** Where the database that was replaced now is (moved aside, never deleted). */
  movedAside: string | null;
}
