/** Read-only central views for leads and managers: stock and lots across a site's desks, exceptions (the trace: central-trace.ts). */
import { nameField as f, namedJoin } from './central-names';
import type { Db } from './pg';

/** Quantities are the desks' integer thousandths of the item's unit (src/domain/quantity.ts). */
export async function siteStock(db: Db, siteCode: string) {
  const { rows } = await db.query(
    `SELECT g.*, ${f('i', 'sku')} AS sku, ${f('i', 'name')} AS "itemName", ${f('i', 'unit')} AS unit, ${f('b', 'code')} AS "locationCode"
     FROM (SELECT s.lot_id AS "lotId", l.code AS "lotCode", s.item_id AS "itemId", s.location_id AS "locationId", min(s.station_id) AS station,
                  COALESCE(l.central_status, l.desk_status) AS status, l.expiry_date AS "expiryDate",
                  sum(s.quantity)::text AS quantity, json_agg(json_build_object('stationId', s.station_id, 'quantity', s.quantity) ORDER BY s.station_id) AS "byStation"
           FROM central_stock s LEFT JOIN central_lots l ON l.lot_id = s.lot_id
           WHERE s.site_code = $1 GROUP BY s.lot_id, l.code, l.central_status, l.desk_status, l.expiry_date, s.item_id, s.location_id HAVING sum(s.quantity) <> 0) g
     ${namedJoin('i', 'item', 'g.station', 'g."itemId"')}
     ${namedJoin('b', 'location', 'g.station', 'g."locationId"')}
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
            ${f('i', 'sku')} AS sku, ${f('i', 'name')} AS "itemName", ${f('i', 'unit')} AS unit
     FROM central_lots l ${namedJoin('i', 'item', 'l.station_id', 'l.item_id')} WHERE l.site_code = $1 ORDER BY l.code`,
    [siteCode],
  );
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** `sites`: the sites the user may see (null: every site). */
export async function listExceptions(db: Db, opts: { siteCode?: string; sites?: string[] | null; open?: boolean }) {
  const { rows } = await db.query(
    `SELECT id::text AS id, kind, event_id::text AS "eventId", station_id AS "stationId", site_code AS "siteCode", lot_id AS "lotId", detail,
            created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by AS "resolvedBy", resolution
     FROM exceptions WHERE ($1::text IS NULL OR site_code = $1) AND (NOT $2::boolean OR resolved_at IS NULL) AND ($3::text[] IS NULL OR site_code = ANY($3::text[])) ORDER BY id`,
    [opts.siteCode ?? null, opts.open ?? false, opts.sites ?? null],
  );
  return rows;
}
