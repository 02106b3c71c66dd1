/**
 * Projects pushed row events into the central views, in the push's transaction: the latest row
 * of every desk table (desk_rows), lots, the ledger and the stock derived from it, genealogy
 * links, shipments, SSCC packages and the SSCCs lots were received under — and the central
 * exceptions a fact raises. A fact is never refused here.
 */
import type { RowEvent } from '../sync-protocol/events';
import type { Queryable } from './pg';

interface Movement {
  id: string;
  event_id: string;
  kind: string;
  item_id: string | null;
  lot_id: string;
  quantity: number;
  from_location_id: string | null;
  to_location_id: string | null;
  document_id: string | null;
  at: string;
}

interface ExceptionRow {
  kind: 'negative_stock' | 'moved_recalled';
  event_id: string;
  lot_id: string;
  detail: Record<string, unknown>;
}

/** Moves of stock out to a customer or a pick face: refused centrally for a recalled or held lot. */
const PICKING_KINDS = new Set(['pick', 'ship']);
const BLOCKING_STATUSES = new Set(['recalled', 'on_hold']);

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The last event of each (table, key) in the batch: one upsert may touch a row once. */
function lastPerKey(events: RowEvent[]): RowEvent[] {
  const last = new Map<string, RowEvent>();
  for (const e of events) last.set(`${e.table}\u0000${e.key}`, e);
  return [...last.values()];
}

/** Projects the batch; returns how many exceptions it raised. */
export async function projectEvents(tx: Queryable, station: { id: string; siteCode: string }, events: RowEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const latest = lastPerKey(events);
  await tx.query(
    `INSERT INTO desk_rows (station_id, tbl, key, row, event_id)
     SELECT $1, e->>'table', e->>'key', CASE WHEN e->>'op' = 'put' THEN e->'row' END, (e->>'id')::uuid FROM jsonb_array_elements($2::jsonb) e
     ON CONFLICT (station_id, tbl, key) DO UPDATE SET row = EXCLUDED.row, event_id = EXCLUDED.event_id`,
    [station.id, JSON.stringify(latest)],
  );
  const puts = (table: string) => latest.filter((e) => e.table === table && e.op === 'put' && e.row).map((e) => ({ key: e.key, ...(e.row as Record<string, unknown>) }));
  const deletes = (table: string) => latest.filter((e) => e.table === table && e.op === 'delete').map((e) => e.key);

  const lots = puts('lots');
  if (lots.length) {
    await tx.query(
      `INSERT INTO central_lots (lot_id, site_code, station_id, item_id, code, expiry_date, desk_status, row)
       SELECT l->>'id', $1, $2, l->>'item_id', l->>'code', l->>'expiry_date', l->>'status', l FROM jsonb_array_elements($3::jsonb) l WHERE l->>'id' IS NOT NULL
       ON CONFLICT (lot_id) DO UPDATE SET item_id = EXCLUDED.item_id, code = EXCLUDED.code, expiry_date = EXCLUDED.expiry_date,
         desk_status = EXCLUDED.desk_status, row = EXCLUDED.row, updated_at = now()`,
      [station.siteCode, station.id, JSON.stringify(lots)],
    );
  }

  const links = puts('lot_links');
  if (links.length) {
    await tx.query(
      `INSERT INTO central_lot_links (station_id, key, parent_lot_id, child_lot_id, quantity, movement_id)
       SELECT $1, l->>'key', l->>'parent_lot_id', l->>'child_lot_id', (l->>'quantity')::bigint, l->>'movement_id' FROM jsonb_array_elements($2::jsonb) l
       WHERE l->>'parent_lot_id' IS NOT NULL AND l->>'child_lot_id' IS NOT NULL
       ON CONFLICT (station_id, key) DO UPDATE SET parent_lot_id = EXCLUDED.parent_lot_id, child_lot_id = EXCLUDED.child_lot_id, quantity = EXCLUDED.quantity, movement_id = EXCLUDED.movement_id`,
      [station.id, JSON.stringify(links)],
    );
  }
  const goneLinks = deletes('lot_links');
  if (goneLinks.length) await tx.query('DELETE FROM central_lot_links WHERE station_id = $1 AND key = ANY($2::text[])', [station.id, goneLinks]);

  const shipments = puts('shipments');
  if (shipments.length) {
    await tx.query(
      `INSERT INTO central_shipments (document_id, station_id, site_code, order_id, shipped_at, row)
       SELECT COALESCE(s->>'document_id', s->>'key'), $1, $2, s->>'order_id', s->>'shipped_at', s FROM jsonb_array_elements($3::jsonb) s
       ON CONFLICT (document_id) DO UPDATE SET order_id = EXCLUDED.order_id, shipped_at = EXCLUDED.shipped_at, row = EXCLUDED.row`,
      [station.id, station.siteCode, JSON.stringify(shipments)],
    );
  }

  await projectSsccRows(tx, station, puts, deletes);

  // Movements are append-only: every put is one ledger row, in seq order (not deduplicated by key).
  const movements: Movement[] = events
    .filter((e) => e.table === 'movements' && e.op === 'put' && e.row && e.row.lot_id !== undefined)
    .map((e) => {
      const r = e.row as Record<string, unknown>;
      return {
        id: str(r.id) ?? e.key,
        event_id: e.id,
        kind: str(r.kind) ?? 'unknown',
        item_id: str(r.item_id),
        lot_id: String(r.lot_id),
        quantity: Math.trunc(Number(r.quantity) || 0),
        from_location_id: str(r.from_location_id),
        to_location_id: str(r.to_location_id),
        document_id: str(r.document_id),
        at: str(r.at) ?? e.at,
      };
    });
  return movements.length ? projectMovements(tx, station, movements) : 0;
}

async function projectMovements(tx: Queryable, station: { id: string; siteCode: string }, all: Movement[]): Promise<number> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO central_movements (id, event_id, station_id, site_code, kind, item_id, lot_id, quantity, from_location_id, to_location_id, document_id, at)
     SELECT m.id, m.event_id, $1, $2, m.kind, m.item_id, m.lot_id, m.quantity, m.from_location_id, m.to_location_id, m.document_id, m.at
     FROM jsonb_to_recordset($3::jsonb) AS m(id text, event_id uuid, kind text, item_id text, lot_id text, quantity bigint, from_location_id text, to_location_id text, document_id text, at text)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [station.id, station.siteCode, JSON.stringify(all)],
  );
  const fresh = new Set(inserted.rows.map((r) => r.id));
  const movements = all.filter((m) => fresh.has(m.id));
  if (movements.length === 0) return 0;
  const lotIds = [...new Set(movements.map((m) => m.lot_id))].sort();

  // One site's lots are checked under a lock per lot, taken in order (no deadlock): two desks of
  // the site pushing draws of one lot at once see each other's stock, so a crossing below zero
  // is seen by exactly one of them.
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended($1 || ':' || lot, 0))) FROM (SELECT lot FROM unnest($2::text[]) lot ORDER BY lot) s`,
    [station.siteCode, lotIds],
  );
  const sums = await tx.query<{ lot_id: string; total: string }>(
    'SELECT lot_id, sum(quantity)::text AS total FROM central_stock WHERE site_code = $1 AND lot_id = ANY($2::text[]) GROUP BY lot_id',
    [station.siteCode, lotIds],
  );
  const running = new Map(sums.rows.map((r) => [r.lot_id, Number(r.total)]));
  const history = await tx.query<{ lot_id: string; status: string; at: Date | string }>(
    'SELECT lot_id, status, at FROM lot_status_history WHERE lot_id = ANY($1::text[]) ORDER BY lot_id, at, id',
    [lotIds],
  );
  const statusAt = (lotId: string, at: string): string | null => {
    const t = Date.parse(at);
    let status: string | null = null;
    for (const h of history.rows) if (h.lot_id === lotId && new Date(h.at).getTime() <= t) status = h.status;
    return status;
  };

  const exceptions: ExceptionRow[] = [];
  const deltas = new Map<string, { lot_id: string; location_id: string; item_id: string | null; quantity: number }>();
  const addDelta = (m: Movement, location: string, q: number) => {
    const k = `${m.lot_id}\u0000${location}`;
    const d = deltas.get(k) ?? { lot_id: m.lot_id, location_id: location, item_id: m.item_id, quantity: 0 };
    d.quantity += q;
    deltas.set(k, d);
  };
  for (const m of movements) {
    if (m.to_location_id) addDelta(m, m.to_location_id, m.quantity);
    if (m.from_location_id) addDelta(m, m.from_location_id, -m.quantity);
    const before = running.get(m.lot_id) ?? 0;
    const after = before + (m.to_location_id ? m.quantity : 0) - (m.from_location_id ? m.quantity : 0);
    running.set(m.lot_id, after);
    if (before >= 0 && after < 0) {
      exceptions.push({ kind: 'negative_stock', event_id: m.event_id, lot_id: m.lot_id, detail: { siteCode: station.siteCode, quantity: after, movementId: m.id, movementKind: m.kind } });
    }
    if (PICKING_KINDS.has(m.kind)) {
      const status = statusAt(m.lot_id, m.at);
      if (status && BLOCKING_STATUSES.has(status)) {
        exceptions.push({ kind: 'moved_recalled', event_id: m.event_id, lot_id: m.lot_id, detail: { status, movementId: m.id, movementKind: m.kind, movementAt: m.at } });
      }
    }
  }
  await tx.query(
    `INSERT INTO central_stock (site_code, station_id, lot_id, location_id, item_id, quantity)
     SELECT $1, $2, d.lot_id, d.location_id, d.item_id, d.quantity FROM jsonb_to_recordset($3::jsonb) AS d(lot_id text, location_id text, item_id text, quantity bigint)
     ON CONFLICT (station_id, lot_id, location_id) DO UPDATE SET quantity = central_stock.quantity + EXCLUDED.quantity, item_id = COALESCE(central_stock.item_id, EXCLUDED.item_id)`,
    [station.siteCode, station.id, JSON.stringify([...deltas.values()])],
  );
  if (exceptions.length === 0) return 0;
  const raised = await tx.query(
    `INSERT INTO exceptions (kind, event_id, station_id, site_code, lot_id, detail)
     SELECT x.kind, x.event_id, $1, $2, x.lot_id, x.detail FROM jsonb_to_recordset($3::jsonb) AS x(kind text, event_id uuid, lot_id text, detail jsonb)
     ON CONFLICT (event_id, kind) DO NOTHING RETURNING id`,
    [station.id, station.siteCode, JSON.stringify(exceptions)],
  );
  return raised.rowCount;
}

type Puts = (table: string) => Record<string, unknown>[];

/** Packages, their lines and the SSCCs lots were received under (the trace's SSCC crossings, migration 039). */
async function projectSsccRows(tx: Queryable, station: { id: string; siteCode: string }, puts: Puts, deletes: (table: string) => string[]): Promise<void> {
  const packages = puts('packages');
  if (packages.length) {
    await tx.query(
      `INSERT INTO central_packages (station_id, package_id, site_code, sscc, document_id, shipment_id)
       SELECT $1, p->>'key', $2, p->>'sscc', p->>'document_id', p->>'shipment_id' FROM jsonb_array_elements($3::jsonb) p
       ON CONFLICT (station_id, package_id) DO UPDATE SET sscc = EXCLUDED.sscc, document_id = EXCLUDED.document_id, shipment_id = EXCLUDED.shipment_id`,
      [station.id, station.siteCode, JSON.stringify(packages)],
    );
  }
  const lines = puts('package_lines');
  if (lines.length) {
    await tx.query(
      `INSERT INTO central_package_lines (station_id, key, package_id, lot_id, quantity)
       SELECT $1, l->>'key', l->>'package_id', l->>'lot_id', (l->>'quantity')::bigint FROM jsonb_array_elements($2::jsonb) l
       ON CONFLICT (station_id, key) DO UPDATE SET package_id = EXCLUDED.package_id, lot_id = EXCLUDED.lot_id, quantity = EXCLUDED.quantity`,
      [station.id, JSON.stringify(lines)],
    );
  }
  const units = puts('received_units');
  if (units.length) {
    await tx.query(
      `INSERT INTO central_received_units (station_id, key, site_code, sscc, lot_id)
       SELECT $1, u->>'key', $2, u->>'sscc', u->>'lot_id' FROM jsonb_array_elements($3::jsonb) u
       ON CONFLICT (station_id, key) DO UPDATE SET sscc = EXCLUDED.sscc, lot_id = EXCLUDED.lot_id`,
      [station.id, station.siteCode, JSON.stringify(units)],
    );
  }
  const gone: [string, string, string][] = [
    ['packages', 'central_packages', 'package_id'],
    ['package_lines', 'central_package_lines', 'key'],
    ['received_units', 'central_received_units', 'key'],
  ];
  for (const [table, central, key] of gone) {
    const keys = deletes(table);
    if (keys.length) await tx.query(`DELETE FROM ${central} WHERE station_id = $1 AND ${key} = ANY($2::text[])`, [station.id, keys]);
  }
}
