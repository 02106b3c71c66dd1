/** Read-only central views for leads and managers: stock and lots across a site's desks, exceptions, trace. */
import type { Db } from './pg';

/** A desk row's fields as the desk pushed it (items and bins are the desks' own master data). */
const deskRow = (alias: string, table: string, station: string, key: string) =>
  `LEFT JOIN LATERAL (SELECT row FROM desk_rows WHERE tbl = '${table}' AND key = ${key} ORDER BY station_id = ${station} DESC LIMIT 1) ${alias} ON true`;

/** Quantities are the desks' integer thousandths of the item's unit (src/domain/quantity.ts). */
export async function siteStock(db: Db, siteCode: string) {
  const { rows } = await db.query(
    `SELECT g.*, i.row->>'sku' AS sku, i.row->>'name' AS "itemName", i.row->>'unit' AS unit, b.row->>'code' AS "locationCode"
     FROM (SELECT s.lot_id AS "lotId", l.code AS "lotCode", s.item_id AS "itemId", s.location_id AS "locationId", min(s.station_id) AS station,
                  COALESCE(l.central_status, l.desk_status) AS status, l.expiry_date AS "expiryDate",
                  sum(s.quantity)::text AS quantity, json_agg(json_build_object('stationId', s.station_id, 'quantity', s.quantity) ORDER BY s.station_id) AS "byStation"
           FROM central_stock s LEFT JOIN central_lots l ON l.lot_id = s.lot_id
           WHERE s.site_code = $1 GROUP BY s.lot_id, l.code, l.central_status, l.desk_status, l.expiry_date, s.item_id, s.location_id HAVING sum(s.quantity) <> 0) g
     ${deskRow('i', 'items', 'g.station', 'g."itemId"')}
     ${deskRow('b', 'locations', 'g.station', 'g."locationId"')}
     ORDER BY g."lotCode", "locationCode"`,
    [siteCode],
  );
  return rows.map(({ station: _station, ...r }) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function siteLots(db: Db, siteCode: string) {
  const { rows } = await db.query(
    `SELECT l.lot_id AS "lotId", l.code, l.item_id AS "itemId", l.expiry_date AS "expiryDate", l.station_id AS "stationId",
            l.desk_status AS "deskStatus", l.central_status AS "centralStatus", COALESCE(l.central_status, l.desk_status) AS status,
            l.central_reason AS reason, COALESCE((SELECT sum(quantity) FROM central_stock s WHERE s.lot_id = l.lot_id AND s.site_code = l.site_code), 0)::text AS quantity,
            i.row->>'sku' AS sku, i.row->>'name' AS "itemName", i.row->>'unit' AS unit
     FROM central_lots l ${deskRow('i', 'items', 'l.station_id', 'l.item_id')} WHERE l.site_code = $1 ORDER BY l.code`,
    [siteCode],
  );
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function listExceptions(db: Db, opts: { siteCode?: string; open?: boolean }) {
  const { rows } = await db.query(
    `SELECT id::text AS id, kind, event_id::text AS "eventId", station_id AS "stationId", site_code AS "siteCode", lot_id AS "lotId", detail,
            created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by AS "resolvedBy", resolution
     FROM exceptions WHERE ($1::text IS NULL OR site_code = $1) AND (NOT $2::boolean OR resolved_at IS NULL) ORDER BY id`,
    [opts.siteCode ?? null, opts.open ?? false],
  );
  return rows;
}

/** Lots reachable from a lot over the central genealogy links, both ways (UNION: a cycle ends the walk). */
export async function traceLot(db: Db, lotId: string) {
  const walk = (from: string, to: string) => `
    WITH RECURSIVE walk(lot_id) AS (SELECT $1::text UNION SELECT k.${to} FROM central_lot_links k JOIN walk w ON k.${from} = w.lot_id)
    SELECT w.lot_id AS "lotId", l.code, l.site_code AS "siteCode", COALESCE(l.central_status, l.desk_status) AS status FROM walk w LEFT JOIN central_lots l ON l.lot_id = w.lot_id WHERE w.lot_id <> $1 ORDER BY l.code`;
  const [lot, forward, backward, shipments] = await Promise.all([
    db.query(
      `SELECT l.lot_id AS "lotId", l.code, l.site_code AS "siteCode", l.item_id AS "itemId", COALESCE(l.central_status, l.desk_status) AS status, l.central_reason AS reason
       FROM central_lots l WHERE l.lot_id = $1`,
      [lotId],
    ),
    db.query(walk('parent_lot_id', 'child_lot_id'), [lotId]),
    db.query(walk('child_lot_id', 'parent_lot_id'), [lotId]),
    db.query(
      `WITH RECURSIVE walk(lot_id) AS (SELECT $1::text UNION SELECT k.child_lot_id FROM central_lot_links k JOIN walk w ON k.parent_lot_id = w.lot_id)
       SELECT DISTINCT s.document_id AS "shipmentId", m.lot_id AS "lotId", s.site_code AS "siteCode", s.order_id AS "orderId", s.shipped_at AS "shippedAt"
       FROM walk w JOIN central_movements m ON m.lot_id = w.lot_id AND m.kind = 'ship' JOIN central_shipments s ON s.document_id = m.document_id ORDER BY s.shipped_at`,
      [lotId],
    ),
  ]);
  return { lotId, lot: lot.rows[0] ?? null, descendants: forward.rows, ancestors: backward.rows, shipments: shipments.rows };
}
