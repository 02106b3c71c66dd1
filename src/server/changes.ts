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
