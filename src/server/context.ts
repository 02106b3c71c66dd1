/**
 * What every central route works with: the database, this centre's id, and the nudge hub that
 * turns NOTIFY on `lotdesk_changes` (from any worker) into SSE events of this worker's clients.
 */
import { NUDGE_CHANNEL } from '../sync-protocol/messages';
import type { Db, Queryable } from './pg';
import { nudgeWhenReadable } from './changes';
import { hashPassword } from './secrets';

export type NudgeListener = (payload: string) => void;

export interface CentralContext {
  db: Db;
  centreId: string;
  /** Subscribe to change notifications (from this and every other worker); returns unsubscribe. */
  onNudge(listener: NudgeListener): () => void;
  close(): Promise<void>;
}

/** NOTIFY every worker that changes were written; delivered when tx commits (nothing if it rolls back). */
export async function notifyChanges(tx: Queryable, payload = ''): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [NUDGE_CHANNEL, payload]);
}

export async function ensureAdmin(db: Db, admin: { username: string; password: string }): Promise<void> {
  const hash = await hashPassword(admin.password);
  await db.query('INSERT INTO central_users (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING', [admin.username, hash]);
}

export async function openCentralContext(db: Db, opts: { admin?: { username: string; password: string } } = {}): Promise<CentralContext> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM centre');
  const centreId = rows[0]?.id;
  if (!centreId) throw new Error('central database has no centre row');
  if (opts.admin) await ensureAdmin(db, opts.admin);
  const listeners = new Set<NudgeListener>();
  // A nudge reaches the SSE clients once a pull can read its change (changes.ts, nudgeWhenReadable).
  const gate = nudgeWhenReadable(db, (payload) => {
    for (const l of listeners) l(payload);
  });
  const stopListening = await db.listen(NUDGE_CHANNEL, (payload) => gate.offer(payload));
  const stop = async () => {
    gate.close();
    await stopListening();
  };
  return {
    db,
    centreId,
    onNudge(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await stop();
    },
  };
}
