/**
 * The changes desks pull: master data and lot status written centrally. Each row is stamped
 * with its transaction's id (xid8) and read only below the reader's snapshot xmin, ordered by
 * (xact, id): every transaction below xmin has finished, so a transaction that began earlier
 * but commits later is still ahead of every cursor handed out — never skipped, whichever
 * worker wrote it (docs/DESIGN.md, "Central server and sync").
 */
import { compareCursors, decodeCursor, encodeCursor, START, type Cursor } from '../sync-protocol/cursor';
import { SyncError } from '../sync-protocol/errors';
import { MAX_PULL_LIMIT, NUDGE_CHANNEL, type ChangeKind, type PullResponse } from '../sync-protocol/messages';
import type { StationPrincipal } from './auth';
import type { Db, Queryable } from './pg';

export interface NewChange {
  kind: ChangeKind;
  key: string;
  /** null: every site; else only stations of that site read it. */
  siteCode: string | null;
  body: Record<string, unknown> | null;
}

/** Writes a change and NOTIFYs every worker (delivered at commit). */
export async function writeChange(tx: Queryable, centreId: string, change: NewChange): Promise<void> {
  const { rows } = await tx.query<{ x: string; i: string }>(
    'INSERT INTO changes (kind, key, site_code, body) VALUES ($1, $2, $3, $4::jsonb) RETURNING xact::text AS x, id::text AS i',
    [change.kind, change.key, change.siteCode, change.body === null ? null : JSON.stringify(change.body)],
  );
  const cursor = encodeCursor({ c: centreId, x: rows[0].x, i: rows[0].i });
  await tx.query('SELECT pg_notify($1, $2)', [NUDGE_CHANNEL, JSON.stringify({ cursor, site: change.siteCode })]);
}

/** The cursor's position, or resync when it is another centre's, unreadable or older than the kept history. */
export async function positionOf(db: Queryable, centreId: string, text: string | undefined): Promise<Omit<Cursor, 'c'>> {
  let pos: Omit<Cursor, 'c'> = START;
  if (text) {
    const cursor = decodeCursor(text);
    if (!cursor) throw new SyncError('resync', { reason: 'unreadable' });
    if (cursor.c !== centreId) throw new SyncError('resync', { reason: 'otherCentre' });
    pos = { x: cursor.x, i: cursor.i };
  }
  const { rows } = await db.query<{ x: string; i: string }>('SELECT floor_x::text AS x, floor_i::text AS i FROM centre');
  const floor = rows[0] ?? START;
  if (compareCursors(pos, floor) < 0) throw new SyncError('resync', { reason: 'tooOld' });
  return pos;
}

export async function pullChanges(db: Db, centreId: string, station: StationPrincipal, cursorText: string | undefined, limit = 1000): Promise<PullResponse> {
  const pos = await positionOf(db, centreId, cursorText);
  const n = Math.min(Math.max(1, limit), MAX_PULL_LIMIT);
  const { rows } = await db.query<{ x: string; i: string; kind: ChangeKind; key: string; body: Record<string, unknown> | null }>(
    `SELECT xact::text AS x, id::text AS i, kind, key, body FROM changes
     WHERE (xact, id) > ($1::text::xid8, $2::bigint) AND xact < pg_snapshot_xmin(pg_current_snapshot())
       AND (site_code IS NULL OR site_code = $3)
     ORDER BY xact, id LIMIT $4`,
    [pos.x, pos.i, station.siteCode, n + 1],
  );
  const page = rows.slice(0, n);
  const last = page.at(-1);
  return {
    centreId,
    changes: page.map((r) => ({ id: `${r.x}.${r.i}`, kind: r.kind, key: r.key, body: r.body })),
    cursor: encodeCursor({ c: centreId, ...(last ? { x: last.x, i: last.i } : pos) }),
    hasMore: rows.length > n,
  };
}

/** The newest position every change at or below which is final: where a snapshot's reader goes on. */
export async function safeCursor(db: Queryable, centreId: string): Promise<string> {
  const { rows } = await db.query<{ x: string | null; i: string | null; fx: string; fi: string }>(
    `SELECT c.x, c.i, f.floor_x::text AS fx, f.floor_i::text AS fi FROM centre f LEFT JOIN LATERAL (
       SELECT xact::text AS x, id::text AS i FROM changes WHERE xact < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY xact DESC, id DESC LIMIT 1
     ) c ON true`,
  );
  const r = rows[0];
  return encodeCursor({ c: centreId, x: r.x ?? r.fx, i: r.i ?? r.fi });
}

/**
 * Forgets changes older than `olderThanMs` (history kept for desks that were offline); a cursor
 * from before the newest change forgotten answers resync. Master docs and lot status stay whole
 * in their own tables, so a snapshot still holds everything.
 */
export async function pruneChanges(db: Db, olderThanMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ x: string; i: string }>(
      `SELECT xact::text AS x, id::text AS i FROM changes WHERE created_at < now() - ($1::text || ' milliseconds')::interval
       AND xact < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY xact DESC, id DESC LIMIT 1`,
      [String(olderThanMs)],
    );
    const newest = rows[0];
    if (!newest) return 0;
    await tx.query('UPDATE centre SET floor_x = GREATEST(floor_x, $1::text::xid8), floor_i = CASE WHEN floor_x < $1::text::xid8 THEN $2::bigint ELSE GREATEST(floor_i, $2::bigint) END', [newest.x, newest.i]);
    const gone = await tx.query('DELETE FROM changes WHERE (xact, id) <= ($1::text::xid8, $2::bigint)', [newest.x, newest.i]);
    return gone.rowCount;
  });
}

/** Where a nudge's change becomes readable: the xid its cursor names, or null (a bare NOTIFY). */
function nudgeXact(payload: string): { x: bigint | null; site: string } {
  try {
    const msg = JSON.parse(payload) as { cursor?: unknown; site?: unknown };
    const cursor = typeof msg.cursor === 'string' ? decodeCursor(msg.cursor) : null;
    return { x: cursor ? BigInt(cursor.x) : null, site: typeof msg.site === 'string' ? msg.site : '' };
  } catch {
    return { x: null, site: '' };
  }
}

export interface NudgeGate {
  /** A NOTIFY payload received: delivered once a pull can read its change. */
  offer(payload: string): void;
  close(): void;
}

/**
 * Holds each nudge back until its change is below the pull horizon (the snapshot's xmin), so a
 * desk nudged pulls the change at once. A NOTIFY arrives at the writer's commit, but while an
 * older transaction anywhere in the cluster still runs, the change is not readable yet: a desk
 * pulling on that nudge would read nothing and wait for the next nudge or its 30–60 s poll. A
 * bare NOTIFY (no cursor) waits until every transaction running when it arrived has ended. The
 * common case costs one snapshot query; while held, it looks again every `retryMs`. Nudges of
 * one site held together are kept as the newest one.
 */
export function nudgeWhenReadable(db: Queryable, deliver: (payload: string) => void, retryMs = 15): NudgeGate {
  const held = new Map<string, { payload: string; x: bigint | null }>();
  let looking = false;
  let closed = false;
  const look = async () => {
    looking = true;
    let failures = 0;
    try {
      while (held.size > 0 && !closed) {
        let xmin: bigint;
        let xmax: bigint;
        try {
          const { rows } = await db.query<{ xmin: string; xmax: string }>('SELECT pg_snapshot_xmin(s)::text AS xmin, pg_snapshot_xmax(s)::text AS xmax FROM pg_current_snapshot() s');
          [xmin, xmax] = [BigInt(rows[0].xmin), BigInt(rows[0].xmax)];
          failures = 0;
        } catch {
          // The database is away: pulls fail too; look again a little later.
          await new Promise((r) => setTimeout(r, Math.min(1000, retryMs * 2 ** ++failures)));
          continue;
        }
        for (const [site, h] of [...held]) {
          // A bare nudge: its writer has committed, so its xid is below xmax; below xmin once all before xmax ended.
          if (h.x === null) h.x = xmax - 1n;
          if (h.x < xmin) {
            held.delete(site);
            deliver(h.payload);
          }
        }
        if (held.size > 0) await new Promise((r) => setTimeout(r, retryMs));
      }
    } finally {
      looking = false;
    }
  };
  return {
    offer(payload) {
      if (closed) return;
      const n = nudgeXact(payload);
      const before = held.get(n.site);
      // One held nudge per site: the newest payload, waiting for the latest of their changes (a
      // bare one resolves at the next look, above every xid committed before it).
      const x = !before ? n.x : n.x === null || before.x === null ? null : n.x > before.x ? n.x : before.x;
      held.set(n.site, { payload, x });
      if (!looking) void look();
    },
    close() {
      closed = true;
      held.clear();
    },
  };
}
