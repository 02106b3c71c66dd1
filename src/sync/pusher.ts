/**
 * Push (desk → centre): outbox events in seq order, in batches, from the last acked seq. The ack
 * (`acked`: the centre's watermark for this desk) moves `sync.pushedSeq`; a `sync.gap` answer
 * moves it back to what the centre has (resendFrom − 1) and sends again from there. Nothing is
 * deleted from the outbox: what is waiting survives a closed desk, and the centre skips replays.
 */
import type { Station } from '../app/kernel/station';
import { outboxAfter, outboxHead } from '../store/sync-outbox';
import { SyncError } from '../sync-protocol/errors';
import * as centre from './centre-client';
import { pushedSeq, setSetting, SYNC_KEYS } from './sync-settings';

export const PUSH_BATCH = 1000;

function keepAcked(station: Station, acked: number): void {
  station.db.transaction(() => setSetting(station.db, SYNC_KEYS.pushedSeq, String(acked))).immediate();
}

/** Events written but not yet acked. */
export function eventsWaiting(station: Station): number {
  return Math.max(0, outboxHead(station.db) - pushedSeq(station.db));
}

/** Pushes until nothing waits; returns how many events the centre acked. */
export async function pushAll(station: Station, auth: centre.CentreAuth, centreId: string): Promise<number> {
  let sent = 0;
  let gaps = 0;
  for (;;) {
    const from = pushedSeq(station.db);
    const rows = outboxAfter(station.db, from, PUSH_BATCH);
    if (rows.length === 0) return sent;
    try {
      const { acked } = await centre.push(auth, centreId, rows[0].seq, rows.map((r) => r.body));
      sent += Math.max(0, acked - from);
      keepAcked(station, acked);
      if (acked < rows[rows.length - 1].seq) throw new centre.CentreUnreachable(`the centre acked ${acked} of ${rows[rows.length - 1].seq}`);
    } catch (err) {
      if (err instanceof SyncError && err.code === 'gap' && gaps++ < 3) {
        const resendFrom = Number(err.params.resendFrom);
        if (!Number.isInteger(resendFrom) || resendFrom < 1) throw err;
        keepAcked(station, resendFrom - 1);
        continue;
      }
      throw err;
    }
  }
}
