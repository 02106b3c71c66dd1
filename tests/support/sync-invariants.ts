/**
 * What must hold after any run of desks, faults and workers (issue 20), checked on the central
 * PostgreSQL database and on each desk:
 * - exactly one central row per event id, and each desk's events centrally are seq 1..n, gap-free,
 *   with the ids the desk gave them; the desk's watermark is n;
 * - every central change applied exactly once on every desk (no id twice, none missing);
 * - the cursors a desk stored only moved forward;
 * - stock: a hash of (lot, location, quantity) per desk equals the centre's projection for it;
 * - an exception per breaking event, never two for one event.
 */
import { createHash } from 'node:crypto';
import type { TestDatabase } from './central-cluster';
import { cursorBefore } from './wire-desk';

/** What a desk (the wire desk, or a real desk read back from its SQLite file) shows the checks. */
export interface DeskView {
  station: string;
  /** Event ids of its outbox in seq order (index 0 is seq 1). */
  eventIds: string[];
  /** Change ids applied, in order of application. */
  appliedChangeIds: string[];
  /** Cursors in the order they were stored. */
  cursors: (string | null)[];
  /** Non-zero (lot, location) quantities. */
  balances: Map<string, number>;
}

export function stockHash(balances: Iterable<[string, number]>): string {
  const lines = [...balances].filter(([, q]) => q !== 0).map(([k, q]) => `${k}|${q}`);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/** Every violation found, as sentences (empty when the run is sound). */
export async function checkInvariants(db: TestDatabase, desks: DeskView[]): Promise<string[]> {
  const out: string[] = [];
  const dup = await db.query<{ id: string; n: string }>('SELECT id, count(*) AS n FROM events GROUP BY id HAVING count(*) > 1');
  for (const d of dup) out.push(`event ${d.id} stored ${d.n} times`);

  for (const desk of desks) {
    // What this desk is entitled to: changes for every site, and for its own.
    const changes = (
      await db.query<{ id: string }>(
        "SELECT c.xact::text || '.' || c.id::text AS id FROM changes c WHERE c.site_code IS NULL OR c.site_code = (SELECT site_code FROM stations WHERE id = $1) ORDER BY c.xact, c.id",
        [desk.station],
      )
    ).map((c) => c.id);
    const changeSet = new Set(changes);
    const rows = await db.query<{ id: string; seq: string }>('SELECT id::text AS id, seq FROM events WHERE station_id = $1 ORDER BY seq', [desk.station]);
    if (rows.length !== desk.eventIds.length) out.push(`${desk.station}: centre holds ${rows.length} events, desk wrote ${desk.eventIds.length}`);
    rows.forEach((r, i) => {
      if (Number(r.seq) !== i + 1) out.push(`${desk.station}: central seq ${r.seq} at position ${i + 1} (gap or duplicate)`);
      else if (r.id !== desk.eventIds[i]) out.push(`${desk.station}: seq ${r.seq} is event ${r.id} centrally, ${desk.eventIds[i]} at the desk`);
    });
    const [wm] = await db.query<{ seq: string }>('SELECT seq FROM station_watermarks WHERE station_id = $1', [desk.station]);
    if (Number(wm?.seq ?? 0) !== desk.eventIds.length) out.push(`${desk.station}: watermark ${wm?.seq} ≠ ${desk.eventIds.length}`);

    const seen = new Set<string>();
    for (const id of desk.appliedChangeIds) {
      if (seen.has(id)) out.push(`${desk.station}: change ${id} applied twice`);
      seen.add(id);
      if (!changeSet.has(id)) out.push(`${desk.station}: applied change ${id} the centre does not have`);
    }
    const missing = changes.filter((id) => !seen.has(id));
    if (missing.length) out.push(`${desk.station}: ${missing.length} central changes never applied (first ${missing[0]})`);
    for (let i = 1; i < desk.cursors.length; i++) {
      if (cursorBefore(desk.cursors[i], desk.cursors[i - 1])) out.push(`${desk.station}: cursor went back at page ${i}`);
    }

    const central = await db.query<{ lot_id: string; location_id: string; quantity: string }>(
      'SELECT lot_id, location_id, quantity FROM central_stock WHERE station_id = $1 AND quantity <> 0',
      [desk.station],
    );
    const centralHash = stockHash(central.map((r) => [`${r.lot_id}|${r.location_id}`, Number(r.quantity)] as [string, number]));
    if (centralHash !== stockHash(desk.balances)) out.push(`${desk.station}: stock hash differs (centre ${central.length} rows, desk ${desk.balances.size})`);
  }

  const twice = await db.query<{ event_id: string; kind: string; n: string }>('SELECT event_id::text AS event_id, kind, count(*) AS n FROM exceptions GROUP BY 1, 2 HAVING count(*) > 1');
  for (const e of twice) out.push(`exception ${e.kind} recorded ${e.n} times for event ${e.event_id}`);
  return out;
}

export function wireView(d: import('./wire-desk').WireDesk): DeskView {
  return { station: d.station, eventIds: d.outbox.map((e) => e.id), appliedChangeIds: d.applied.map((c) => c.id), cursors: d.cursors, balances: d.balances };
}

/**
 * A real desk's view, read from its SQLite file: the outbox (migration 029), the balances, and the
 * pull pages it applied (`sync_applied`, written with each page: see SYNC-PROTOCOL.md "Changes").
 */
export function sqliteDeskView(db: import('better-sqlite3').Database, station: string): DeskView {
  const eventIds = (db.prepare('SELECT id FROM sync_outbox ORDER BY seq').all() as { id: string }[]).map((r) => r.id);
  const applied = db.prepare('SELECT change_id, cursor FROM sync_applied ORDER BY rowid').all() as { change_id: string; cursor: string }[];
  const balances = new Map((db.prepare('SELECT lot_id, location_id, quantity FROM balances WHERE quantity <> 0').all() as { lot_id: string; location_id: string; quantity: number }[]).map((r) => [`${r.lot_id}|${r.location_id}`, r.quantity]));
  return { station, eventIds, appliedChangeIds: applied.map((a) => a.change_id), cursors: applied.map((a) => a.cursor), balances };
}
