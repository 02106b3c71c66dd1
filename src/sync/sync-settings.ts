/** The sync settings of a desk (rows of `settings`, docs/SYNC-PROTOCOL.md), read and written in one place. */
import type { Db } from '../store/db';
import { getSetting, setSetting } from '../app/kernel/settings';

export type SyncMode = 'standalone' | 'connected';

export const SYNC_KEYS = {
  mode: 'sync.mode',
  centreUrl: 'sync.centreUrl',
  centreId: 'sync.centreId',
  pushedSeq: 'sync.pushedSeq',
  cursor: 'sync.cursor',
  lastSyncAt: 'sync.lastSyncAt',
  lastError: 'sync.lastError',
} as const;

export function syncMode(db: Db): SyncMode {
  return getSetting(db, SYNC_KEYS.mode) === 'connected' ? 'connected' : 'standalone';
}

export function pushedSeq(db: Db): number {
  return Number(getSetting(db, SYNC_KEYS.pushedSeq) ?? 0);
}

export function pullCursor(db: Db): string {
  return getSetting(db, SYNC_KEYS.cursor) ?? '';
}

/** The last error as an i18n key and its parameters (JSON), or null when the last exchange went well. */
export interface SyncErrorNote {
  key: string;
  params: Record<string, string | number>;
  at: string;
}

export function lastError(db: Db): SyncErrorNote | null {
  const text = getSetting(db, SYNC_KEYS.lastError);
  return text ? (JSON.parse(text) as SyncErrorNote) : null;
}

export function noteError(db: Db, note: SyncErrorNote | null): void {
  setSetting(db, SYNC_KEYS.lastError, note ? JSON.stringify(note) : '');
}

export { getSetting, setSetting };
