/**
 * The central trace: a lot's genealogy both ways over every site's pushed data, following a lot
 * from one site to another (docs/DESIGN.md, "Central views: cross-site trace"). Three kinds of step:
 * - a genealogy link a desk recorded (central_lot_links: split, merge, transformation);
 * - a crossing: lot X shipped from site A and lot Y received at site B (B ≠ A) as the same GS1
 *   lot, that is Y's supplier batch (AI 10 on A's label) is X's code, the two lots are of one
 *   product (same central item, or the same GTIN) and B received Y no earlier than A first shipped X.
 * - or, preferred where known, an SSCC crossing: the package A shipped holding X has the SSCC B
 *   received Y under (ssccPairs); a lot with one is not matched by batch.
 * The walk is a recursive query (UNION: each lot once, so a cycle ends it). A manager limited to
 * some sites sees only those sites' lots; the others are counted (`hidden`), never shown.
 */
import { SyncError } from '../sync-protocol/errors';
import { nameField as f, namedJoin } from './central-names';
import type { Db } from './pg';

/** The product of a central lot: the central item's GTIN, else the desk item's. */
const gtinOf = (l: string) =>
  `COALESCE((SELECT body->>'gtin' FROM master_docs WHERE kind = 'item' AND key = ${l}.item_id), (SELECT row->>'gtin' FROM desk_rows WHERE station_id = ${l}.station_id AND tbl = 'items' AND key = ${l}.item_id))`;

/** X (shipped) and Y (received) are one GS1 lot crossing from X's site to Y's. */
export const CROSSING = `y.row->>'supplier_lot' = x.code AND y.site_code <> x.site_code
  AND (y.item_id = x.item_id OR ${gtinOf('y')} = ${gtinOf('x')})
  AND y.row->>'created_at' >= (SELECT min(m.at) FROM central_movements m WHERE m.lot_id = x.lot_id AND m.kind = 'ship')`;

/**
 * SSCC crossings: a package shipped from site A (its `shipment_id` set) holds lot X, and site B ≠ A
 * received lot Y under that package's SSCC; X and Y are of one product, and when Y's supplier batch
 * names one of the package's lots of that product, X is that lot (a pallet of several lots of one
 * product whose batch B did not record links Y to each: a trace errs on the side of a recall).
 * `where` narrows it (over `${a}x`, the shipped lot, and `${a}y`, the received one).
 */
function ssccPairs(where: string, a: string): string {
  const [p, l, r, x, y, o, ox] = ['p', 'l', 'r', 'x', 'y', 'o', 'ox'].map((n) => `${a}${n}`);
  return `SELECT ${x}.lot_id AS from_lot, ${y}.lot_id AS to_lot, ${p}.sscc
    FROM central_packages ${p}
    JOIN central_package_lines ${l} ON ${l}.station_id = ${p}.station_id AND ${l}.package_id = ${p}.package_id
    JOIN central_received_units ${r} ON ${r}.sscc = ${p}.sscc AND ${r}.site_code <> ${p}.site_code
    JOIN central_lots ${x} ON ${x}.lot_id = ${l}.lot_id
    JOIN central_lots ${y} ON ${y}.lot_id = ${r}.lot_id
    WHERE ${p}.shipment_id IS NOT NULL AND ${where}
      AND (${y}.item_id = ${x}.item_id OR ${gtinOf(y)} = ${gtinOf(x)})
      AND (${y}.row->>'supplier_lot' = ${x}.code OR NOT EXISTS (
        SELECT 1 FROM central_package_lines ${o} JOIN central_lots ${ox} ON ${ox}.lot_id = ${o}.lot_id
        WHERE ${o}.station_id = ${l}.station_id AND ${o}.package_id = ${l}.package_id AND ${ox}.item_id = ${x}.item_id AND ${ox}.code = ${y}.row->>'supplier_lot'))`;
}

/**
 * A received lot with an SSCC crossing into it is matched by SSCC only: the batch crossing (a
 * heuristic: the same batch text of one product, after the first shipment) is the fallback for a
 * lot received without an SSCC that any site shipped.
 */
const BATCH_CROSSING = `${CROSSING} AND NOT EXISTS (${ssccPairs('ny.lot_id = y.lot_id', 'n')})`;

/** Lots reached from $1, forward (to what it went into and where it was received) or backward. */
function walk(direction: 'forward' | 'backward'): string {
  const [from, to] = direction === 'forward' ? ['parent_lot_id', 'child_lot_id'] : ['child_lot_id', 'parent_lot_id'];
  const crossing =
    direction === 'forward'
      ? `SELECT s.to_lot FROM (${ssccPairs('sx.lot_id = w.lot_id', 's')}) s
         UNION ALL SELECT y.lot_id FROM central_lots x JOIN central_lots y ON y.row->>'supplier_lot' = x.code WHERE x.lot_id = w.lot_id AND ${BATCH_CROSSING}`
      : `SELECT s.from_lot FROM (${ssccPairs('sy.lot_id = w.lot_id', 's')}) s
         UNION ALL SELECT x.lot_id FROM central_lots y JOIN central_lots x ON x.code = y.row->>'supplier_lot' WHERE y.lot_id = w.lot_id AND ${BATCH_CROSSING}`;
  return `WITH RECURSIVE walk(lot_id) AS (
      SELECT $1::text
      UNION
      SELECT n.lot_id FROM walk w CROSS JOIN LATERAL (SELECT k.${to} AS lot_id FROM central_lot_links k WHERE k.${from} = w.lot_id UNION ALL ${crossing}) n
    ) SELECT lot_id FROM walk WHERE lot_id <> $1`;
}

/** The crossings among the lots $1 (each pair once): by SSCC where one is known, else by batch. */
const CROSSINGS = `SELECT c."fromLotId", x.code AS "fromCode", x.site_code AS "fromSite", c."toLotId", y.code AS "toCode", y.site_code AS "toSite", c.match, c.sscc
  FROM (
    SELECT s.from_lot AS "fromLotId", s.to_lot AS "toLotId", 'sscc' AS match, min(s.sscc) AS sscc
    FROM (${ssccPairs('sx.lot_id = ANY($1::text[]) AND sy.lot_id = ANY($1::text[])', 's')}) s GROUP BY s.from_lot, s.to_lot
    UNION ALL
    SELECT x.lot_id, y.lot_id, 'batch', NULL
    FROM central_lots x JOIN central_lots y ON y.row->>'supplier_lot' = x.code WHERE x.lot_id = ANY($1::text[]) AND y.lot_id = ANY($1::text[]) AND ${BATCH_CROSSING}
  ) c JOIN central_lots x ON x.lot_id = c."fromLotId" JOIN central_lots y ON y.lot_id = c."toLotId"
  ORDER BY x.code, y.code`;

const LOT_SELECT = `SELECT l.lot_id AS "lotId", l.code, l.site_code AS "siteCode", l.item_id AS "itemId", COALESCE(l.central_status, l.desk_status) AS status,
    l.central_reason AS reason, ${f('i', 'sku')} AS sku, ${f('i', 'name')} AS "itemName"
  FROM central_lots l ${namedJoin('i', 'item', 'l.station_id', 'l.item_id')}`;

/** How a crossing was recognised: the SSCC A shipped and B received under, or (no SSCC known) the GS1 batch. */
export type CrossingMatch = 'sscc' | 'batch';

export interface CentralCrossing {
  fromLotId: string;
  fromCode: string;
  fromSite: string;
  toLotId: string;
  toCode: string;
  toSite: string;
  match: CrossingMatch;
  /** The SSCC of an `sscc` match, null for a batch one. */
  sscc: string | null;
}

export interface CentralTraceLot {
  lotId: string;
  code: string | null;
  siteCode: string | null;
  itemId: string | null;
  status: string | null;
  reason: string | null;
  sku: string | null;
  itemName: string | null;
}

/** `sites`: what the asking user may see (null: every site). */
export async function traceLot(db: Db, lotId: string, sites: string[] | null = null) {
  const root = (await db.query<CentralTraceLot>(`${LOT_SELECT} WHERE l.lot_id = $1`, [lotId])).rows[0] ?? null;
  if (root?.siteCode && sites && !sites.includes(root.siteCode)) throw new SyncError('siteForbidden', { site: root.siteCode });
  const [forward, backward] = await Promise.all([db.query<{ lot_id: string }>(walk('forward'), [lotId]), db.query<{ lot_id: string }>(walk('backward'), [lotId])]);
  const ids = (r: { rows: { lot_id: string }[] }) => r.rows.map((x) => x.lot_id);
  const all = [...new Set([lotId, ...ids(forward), ...ids(backward)])];
  const [lots, crossings, shipments] = await Promise.all([
    db.query<CentralTraceLot>(`${LOT_SELECT} WHERE l.lot_id = ANY($1::text[]) ORDER BY l.code`, [all]),
    db.query<CentralCrossing>(CROSSINGS, [all]),
    db.query<{ shipmentId: string; lotId: string; siteCode: string; orderId: string | null; shippedAt: string | null; customer: string | null }>(
      `SELECT DISTINCT s.document_id AS "shipmentId", m.lot_id AS "lotId", s.site_code AS "siteCode", s.order_id AS "orderId", s.shipped_at AS "shippedAt", ${f('p', 'name')} AS customer
       FROM central_movements m JOIN central_shipments s ON s.document_id = m.document_id
       LEFT JOIN desk_rows o ON o.station_id = s.station_id AND o.tbl = 'documents' AND o.key = s.order_id
       ${namedJoin('p', 'party', 's.station_id', "(o.row->>'party_id')")}
       WHERE m.lot_id = ANY($1::text[]) AND m.kind = 'ship' ORDER BY s.shipped_at`,
      [[lotId, ...ids(forward)]],
    ),
  ]);
  const visible = (site: string | null) => sites === null || (site !== null && sites.includes(site));
  const among = (list: string[]) => {
    const wanted = new Set(list);
    return lots.rows.filter((l) => wanted.has(l.lotId));
  };
  const reached = among([...ids(forward), ...ids(backward)]);
  return {
    lotId,
    lot: root,
    ancestors: among(ids(backward)).filter((l) => visible(l.siteCode)),
    descendants: among(ids(forward)).filter((l) => visible(l.siteCode)),
    shipments: shipments.rows.filter((s) => visible(s.siteCode)),
    crossings: crossings.rows.filter((c) => visible(c.fromSite) && visible(c.toSite)),
    /** Lots the trace reached at sites this user may not see. */
    hidden: reached.filter((l) => l.lotId !== lotId && !visible(l.siteCode)).length,
  };
}
