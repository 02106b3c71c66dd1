/**
 * Receipts, shipments, lots and trace OUT, from the ERP read model (feed.ts) of the key's site
 * only. Receipts and shipments page by the event seq (`after` = the last page's `next`), which
 * grows in commit order, so an ERP polling with it never misses one.
 */
import { AppError } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { iso, type Integration } from './keys';
import type { Sql } from './sql';

export async function eventPage(q: Sql, who: Integration, kind: 'receipt' | 'shipment', after: number, limit: number) {
  const { rows } = await q.query<{ seq: string; body: Record<string, unknown> }>(
    'SELECT seq, body FROM erp_events WHERE site_code = $1 AND kind = $2 AND seq > $3 ORDER BY seq LIMIT $4',
    [who.siteCode, kind, after, limit + 1],
  );
  const page = rows.slice(0, limit);
  return { items: page.map((r) => r.body), next: page.length > 0 ? Number(page[page.length - 1].seq) : after, hasMore: rows.length > limit };
}

type LotRow = { id: string; code: string; item_id: string; status: string; expiry_date: string | null; supplier_lot: string | null; quantity: string | null; item_external_id: string | null };

const LOT_SELECT = `SELECT l.id, l.code, l.item_id, l.status, l.expiry_date, l.supplier_lot,
  (SELECT SUM(s.quantity) FROM erp_stock s WHERE s.lot_id = l.id) AS quantity,
  (SELECT r.external_id FROM erp_records r WHERE r.id = l.item_id) AS item_external_id
  FROM erp_lots l`;

const toLot = (r: LotRow) => ({
  id: r.id,
  code: r.code,
  itemId: r.item_id,
  itemExternalId: r.item_external_id,
  status: r.status,
  expiryDate: r.expiry_date,
  supplierLot: r.supplier_lot,
  quantity: fromStored(Number(r.quantity ?? 0)),
});

export async function listLots(q: Sql, who: Integration, filter: { code?: string; itemExternalId?: string; limit: number }) {
  const { rows } = await q.query<LotRow>(
    `${LOT_SELECT} WHERE l.site_code = $1 AND l.code IS NOT NULL AND ($2::text IS NULL OR l.code = $2)
       AND ($3::text IS NULL OR l.item_id = (SELECT id FROM erp_records WHERE site_code = $1 AND kind = 'item' AND external_id = $3))
     ORDER BY l.code, l.id LIMIT $4`,
    [who.siteCode, filter.code ?? null, filter.itemExternalId ?? null, filter.limit],
  );
  return { items: rows.map(toLot) };
}

export async function getLot(q: Sql, who: Integration, lotId: string) {
  const { rows } = await q.query<LotRow>(`${LOT_SELECT} WHERE l.site_code = $1 AND l.id = $2 AND l.code IS NOT NULL`, [who.siteCode, lotId]);
  if (!rows[0]) throw new AppError('not_found', 'errors.erp.noSuchLot', { lot: lotId }, 'lotId');
  return toLot(rows[0]);
}

/** The lots reachable from `root` over the genealogy links, one way; each lot once (a cycle ends the walk). */
async function walk(q: Sql, root: string, direction: 'forward' | 'backward', seen: Map<string, number>) {
  const links: { parentLotId: string; childLotId: string; quantity: number }[] = [];
  let frontier = [root];
  for (let depth = 1; frontier.length > 0 && depth <= 1000; depth++) {
    const col = direction === 'forward' ? 'parent_lot_id' : 'child_lot_id';
    const { rows } = await q.query<{ parent_lot_id: string; child_lot_id: string; quantity: string }>(
      `SELECT parent_lot_id, child_lot_id, SUM(quantity) AS quantity FROM erp_lot_links WHERE ${col} = ANY ($1) GROUP BY parent_lot_id, child_lot_id`,
      [frontier],
    );
    const next: string[] = [];
    for (const r of rows) {
      links.push({ parentLotId: r.parent_lot_id, childLotId: r.child_lot_id, quantity: fromStored(Number(r.quantity)) });
      const other = direction === 'forward' ? r.child_lot_id : r.parent_lot_id;
      if (!seen.has(other)) {
        seen.set(other, direction === 'forward' ? depth : -depth);
        next.push(other);
      }
    }
    frontier = next;
  }
  return links;
}

/** Trace over the centre's data: descendants and ancestors, with the receipts and shipments of every lot reached. */
export async function traceLot(q: Sql, who: Integration, lotId: string, direction: 'forward' | 'backward' | 'both') {
  await getLot(q, who, lotId);
  const seen = new Map<string, number>([[lotId, 0]]);
  const links = [
    ...(direction !== 'backward' ? await walk(q, lotId, 'forward', seen) : []),
    ...(direction !== 'forward' ? await walk(q, lotId, 'backward', seen) : []),
  ];
  const ids = [...seen.keys()];
  const lots = await q.query<{ id: string; code: string; item_id: string; status: string }>('SELECT id, code, item_id, status FROM erp_lots WHERE id = ANY ($1) AND site_code = $2 AND code IS NOT NULL', [ids, who.siteCode]);
  const moved = await q.query<{ kind: string; subject_id: string; line: { lotId: string; quantity: number }; party_id: string | null; party_external_id: string | null }>(
    `SELECT e.kind, e.subject_id, l.line, e.body->>'partyId' AS party_id, e.body->>'partyExternalId' AS party_external_id
     FROM erp_events e CROSS JOIN LATERAL jsonb_array_elements(e.body->'lines') AS l(line)
     WHERE e.site_code = $1 AND e.kind IN ('receipt', 'shipment') AND l.line->>'lotId' = ANY ($2)
     ORDER BY e.seq`,
    [who.siteCode, ids],
  );
  const part = (kind: string) =>
    moved.rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ id: r.subject_id, lotId: r.line.lotId, partyId: r.party_id, partyExternalId: r.party_external_id, quantity: r.line.quantity }));
  return {
    root: lotId,
    lots: lots.rows.map((l) => ({ id: l.id, code: l.code, itemId: l.item_id, status: l.status, depth: seen.get(l.id) ?? 0 })),
    links,
    receipts: part('receipt').map(({ id, ...r }) => ({ receiptId: id, ...r })),
    shipments: part('shipment').map(({ id, ...r }) => ({ shipmentId: id, ...r })),
  };
}

/**
 * One ERP order as the centre holds it, with every desk refusal of a version of it and every
 * refused version a desk applied later (feed.ts `announceOrderOutcomes`), and each such desk's
 * state now: its latest refusal or application (by event seq, the order the desk did them in).
 */
export async function getOrder(q: Sql, who: Integration, kind: 'purchase_order' | 'sales_order', externalId: string) {
  const { rows } = await q.query<{ id: string; version: number; body: { number: string; status: 'open' | 'cancelled' }; updated_at: Date }>(
    'SELECT id, version, body, updated_at FROM erp_records WHERE site_code = $1 AND kind = $2 AND external_id = $3',
    [who.siteCode, kind, externalId],
  );
  const order = rows[0];
  if (!order) throw new AppError('not_found', 'errors.erp.noSuchOrder', { externalId }, 'externalId');
  type Outcome = { kind: 'refusal' | 'applied'; body: { station: string; version: number; reason: string; refusedAt?: string; appliedAt?: string } };
  const outcomes = await q.query<Outcome>("SELECT kind, body FROM erp_events WHERE site_code = $1 AND kind IN ('refusal', 'applied') AND subject_id = $2 ORDER BY seq", [
    who.siteCode,
    order.id,
  ]);
  const desks = new Map<string, { station: string; state: 'refused' | 'applied'; version: number; reason: string; at: string }>();
  for (const { kind: k, body: b } of outcomes.rows) {
    desks.set(b.station, { station: b.station, state: k === 'refusal' ? 'refused' : 'applied', version: b.version, reason: b.reason, at: (k === 'refusal' ? b.refusedAt : b.appliedAt) ?? '' });
  }
  return {
    externalId,
    id: order.id,
    kind,
    number: order.body.number,
    status: order.body.status,
    version: Number(order.version),
    updatedAt: iso(order.updated_at)!,
    refusals: outcomes.rows.filter((r) => r.kind === 'refusal').map((r) => r.body),
    applications: outcomes.rows.filter((r) => r.kind === 'applied').map((r) => r.body),
    desks: [...desks.values()].sort((a, b) => a.station.localeCompare(b.station)),
  };
}
