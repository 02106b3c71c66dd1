/**
 * POST /sync/v1/push: a desk's batch of events, in ONE transaction — the station's watermark
 * row locked (FOR UPDATE: two pushes of one desk, on any workers, go one after the other), a
 * gap refused with "resend from", replays skipped, the fresh events stored and projected, the
 * watermark advanced. Every check of the batch runs before the transaction, so bad input
 * writes nothing; any failure inside rolls the whole batch back.
 */
import { parseEvent, type RowEvent, type SyncEvent } from '../sync-protocol/events';
import { SyncError } from '../sync-protocol/errors';
import { MAX_BATCH, PushRequestSchema, type PushResponse } from '../sync-protocol/messages';
import type { StationPrincipal } from './auth';
import type { Db } from './pg';
import { projectEvents } from './projection';

/** NOTIFY channel of stored batches (central views, tests); desks are nudged on `lotdesk_changes`. */
export const EVENTS_CHANNEL = 'lotdesk_events';

/** The batch, checked whole: schema of each event, its station, seq = from, from+1, … */
export function checkBatch(body: unknown, centreId: string, station: StationPrincipal): { from: number; events: SyncEvent[] } {
  const req = PushRequestSchema.safeParse(body);
  if (!req.success) {
    const issue = req.error.issues[0];
    throw new SyncError('malformed', { seq: '', detail: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` });
  }
  const { from, events: raw } = req.data;
  if (req.data.centreId !== centreId) throw new SyncError('otherCentre', { centreId: req.data.centreId });
  if (raw.length > MAX_BATCH) throw new SyncError('batchTooLarge', { max: MAX_BATCH });
  const events: SyncEvent[] = [];
  for (const [i, item] of raw.entries()) {
    const parsed = parseEvent(item);
    if (!parsed.ok) {
      const { code, seq, detail } = parsed.problem;
      const schema = (item as { schema?: unknown })?.schema;
      throw code === 'unknownSchema'
        ? new SyncError('unknownSchema', { seq: seq ?? from + i, schema: String(schema) })
        : new SyncError('malformed', { seq: seq ?? from + i, detail });
    }
    const e = parsed.event;
    if (e.station !== station.id) throw new SyncError('forbidden', { seq: e.seq, detail: `event ${e.seq} is written as station ${e.station}` });
    if (e.seq !== from + i) throw new SyncError('malformed', { seq: e.seq, detail: `expected seq ${from + i}` });
    events.push(e);
  }
  return { from, events };
}

export async function pushBatch(db: Db, centreId: string, station: StationPrincipal, body: unknown): Promise<PushResponse> {
  const { from, events } = checkBatch(body, centreId, station);
  return db.transaction(async (tx) => {
    const wmRows = await tx.query<{ seq: string }>('SELECT seq::text AS seq FROM station_watermarks WHERE station_id = $1 FOR UPDATE', [station.id]);
    const watermark = Number(wmRows.rows[0]?.seq ?? 0);
    if (from > watermark + 1) throw new SyncError('gap', { resendFrom: watermark + 1 });
    const fresh = events.filter((e) => e.seq > watermark);
    if (fresh.length === 0) return { acked: watermark, exceptions: 0 };
    const stored = await tx.query(
      `INSERT INTO events (id, station_id, seq, kind, tbl, key, at, body)
       SELECT (e->>'id')::uuid, $1, (e->>'seq')::bigint, e->>'kind', e->>'table', e->>'key', e->>'at', e FROM jsonb_array_elements($2::jsonb) e
       ON CONFLICT DO NOTHING`,
      [station.id, JSON.stringify(fresh)],
    );
    // Seqs above the locked watermark cannot be stored yet, so a row not stored is an event id
    // already stored under another seq: refused, or the desk's sequence would have a hole.
    if (stored.rowCount !== fresh.length) throw new SyncError('malformed', { seq: fresh[0].seq, detail: 'an event id of this batch is already stored under another seq' });
    const rowEvents = fresh.filter((e): e is RowEvent => e.kind === 'row');
    const exceptions = await projectEvents(tx, station, rowEvents);
    const acked = fresh[fresh.length - 1].seq;
    await tx.query('UPDATE station_watermarks SET seq = $2, updated_at = now() WHERE station_id = $1', [station.id, acked]);
    await tx.query('UPDATE stations SET last_seen_at = now() WHERE id = $1', [station.id]);
    await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ station: station.id, site: station.siteCode, acked, exceptions })]);
    return { acked, exceptions };
  });
}
