/**
 * Pull (centre → desk): pages of central changes read with the cursor. Each page, its
 * `sync_applied` rows, the new cursor and one `sync.apply` audit record are ONE SQLite
 * transaction: a desk killed mid-apply has applied nothing of that page and pulls it again.
 * A `sync.resync` answer (cursor of another centre, or older than the kept history) makes the
 * desk read a snapshot and start from its cursor.
 */
import type { Station } from '../app/kernel/station';
import { appendAudit } from '../app/kernel/audit-log';
import { statement } from '../store/statements';
import { SyncError } from '../sync-protocol/errors';
import type { Change } from '../sync-protocol/messages';
import * as centre from './centre-client';
import { applyChange, newOutcome } from './apply';
import { pullCursor, setSetting, SYNC_KEYS } from './sync-settings';

export const PULL_PAGE = 500;

/** Applies one page and its cursor atomically; `beforeCommit` is a test's way to fail mid-apply. */
export function applyPage(station: Station, changes: readonly Change[], cursor: string, command = 'sync.apply', beforeCommit?: () => void): number {
  const db = station.db;
  return db
    .transaction(() => {
      const outcome = newOutcome();
      const at = station.clock.now().toISOString();
      const seen = statement(db, 'INSERT OR IGNORE INTO sync_applied (change_id, cursor, applied_at) VALUES (?, ?, ?)');
      for (const change of changes) {
        // A change read twice (a page re-read after a crash before the answer was kept) is applied once.
        if (seen.run(change.id, cursor, at).changes === 0) continue;
        applyChange(db, change, outcome, at);
      }
      setSetting(db, SYNC_KEYS.cursor, cursor);
      if (changes.length > 0) {
        appendAudit(db, { at, stationId: station.stationId, userId: null, command, input: { cursor, changes: changes.length }, result: 'ok', detail: { applied: outcome.applied, skipped: outcome.skipped }, changes: outcome.changes });
      }
      beforeCommit?.();
      return outcome.applied;
    })
    .immediate();
}

/** Reads a snapshot (all its pages) and applies it as changes, then keeps its cursor. */
async function resync(station: Station, auth: centre.CentreAuth): Promise<void> {
  let after: string | null = null;
  let n = 0;
  do {
    const page = await centre.snapshot(auth, after);
    const changes: Change[] = [
      ...page.items.map((d) => ({ id: `snap:item:${d.key}`, kind: 'item' as const, key: d.key, body: d.body })),
      ...page.parties.map((d) => ({ id: `snap:party:${d.key}`, kind: 'party' as const, key: d.key, body: d.body })),
      ...page.locations.map((d) => ({ id: `snap:location:${d.key}`, kind: 'location' as const, key: d.key, body: d.body })),
      ...page.users.map((d) => ({ id: `snap:user:${d.key}`, kind: 'user' as const, key: d.key, body: d.body })),
      ...page.boms.map((d) => ({ id: `snap:bom:${d.key}`, kind: 'bom' as const, key: d.key, body: d.body })),
      ...page.qcPlans.map((d) => ({ id: `snap:qc_plan:${d.key}`, kind: 'qc_plan' as const, key: d.key, body: d.body })),
      ...page.lotStatus.map((s) => ({ id: `snap:lot:${s.lotId}`, kind: 'lot_status' as const, key: s.lotId, body: s })),
      ...page.purchaseOrders.map((d) => ({ id: `snap:po:${d.key}`, kind: 'purchase_order' as const, key: d.key, body: d.body })),
      ...page.salesOrders.map((d) => ({ id: `snap:so:${d.key}`, kind: 'sales_order' as const, key: d.key, body: d.body })),
    ];
    // A snapshot's ids are not change ids: forget earlier snapshot marks so a second resync applies again.
    if (n++ === 0) statement(station.db, "DELETE FROM sync_applied WHERE change_id LIKE 'snap:%'").run();
    // The cursor is kept only with the last page: a snapshot cut short is read again from the start.
    applyPage(station, changes, page.after === null ? page.cursor : pullCursor(station.db), 'sync.snapshot');
    after = page.after;
  } while (after !== null);
}

/** Pulls until the centre has no more; returns how many changes were applied. */
export async function pullAll(station: Station, auth: centre.CentreAuth): Promise<number> {
  let applied = 0;
  for (;;) {
    let page;
    try {
      page = await centre.pull(auth, pullCursor(station.db), PULL_PAGE);
    } catch (err) {
      if (err instanceof SyncError && err.code === 'resync') {
        await resync(station, auth);
        continue;
      }
      throw err;
    }
    applied += applyPage(station, page.changes, page.cursor);
    if (!page.hasMore) return applied;
  }
}
