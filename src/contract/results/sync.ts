/** Results of the desk's sync commands (issue 20, src/app/admin/sync.ts). */
export interface SyncStatus {
  mode: 'standalone' | 'connected';
  /** The last exchange with the centre reached it (false while standalone). */
  online: boolean;
  centreUrl: string | null;
  siteCode: string | null;
  /** Outbox events written but not acked by the centre. */
  eventsWaiting: number;
  lastSyncAt: string | null;
  /** The last error in words: an i18n key (errors.sync.* from the centre, errors.syncDesk.* of the desk). */
  lastError: { key: string; params: Record<string, string | number>; at: string } | null;
}
