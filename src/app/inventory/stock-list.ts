/** Stock views: balances by lot, item and bin, and one lot with its whole movement history and genealogy. */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import type { GenealogyLink, MovementView, StockPage, StockRow } from '../../contract/results';
import { findLot, LOT_COLUMNS, LOT_FROM, toLotView, type LotRow } from '../../store/lots';
import { FREE_SQL } from '../../store/free-stock';
import { exactLotsWithoutStock, searchedLotIds } from '../../store/lot-search';
import { statement } from '../../store/statements';
import type { Handlers } from '../kernel/context';
import { expiryMark, ITEM_HORIZON_SQL, stationNearExpiryDays } from './near-expiry';

type ShippedMovementRow = Omit<MovementView, 'shipment'> & {
  shipment_id: string | null;
  customer_code: string | null;
  customer_name: string | null;
  region: string | null;
  channel: string | null;
};

/** The removal order of FEFO (expiry, then receipt instant); lots without an expiry date last. */
const FEFO_ORDER = 'l.expiry_date IS NULL, l.expiry_date, l.created_at, l.code';

export const stockHandlers = {
  'stock.list': (ctx, input): StockPage => {
    const db = ctx.station.db;
    // Item, lot and bin are columns of balances, so their rows are counted on its indexes alone.
    const narrow: string[] = [];
    const params: unknown[] = [];
    if (input.itemId) {
      narrow.push('b.item_id = ?');
      params.push(input.itemId);
    }
    if (input.lotId) {
      narrow.push('b.lot_id = ?');
      params.push(input.lotId);
    }
    if (input.locationId) {
      narrow.push('b.location_id = ?');
      params.push(input.locationId);
    }
    const where = [...narrow];
    const searchParams: unknown[] = [];
    const term = input.search?.replace(/[%_]/g, '') ?? '';
    const like = `%${term}%`;
    // A whole-site search for a term the indexes answer reads only the lots it names.
    const named = input.search && narrow.length === 0 ? searchedLotIds(db, term, like) : null;
    const namedIds = named ? JSON.stringify(named) : null;
    if (namedIds) {
      where.push('l.id IN (SELECT value FROM json_each(?))');
      searchParams.push(namedIds);
    } else if (input.search) {
      where.push('(l.code LIKE ? OR l.supplier_lot LIKE ? OR i.sku LIKE ? OR i.name LIKE ?)');
      searchParams.push(like, like, like, like);
    }
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 200;
    // Unless an item, lot or bin narrows it, the list walks lots newest first (lots_received) and
    // stops after its page; CROSS JOIN keeps that order, and tests a search on the lot and its item
    // before looking up the lot's balances. One row more than the page says whether more follow.
    const from = narrow.length || named
      ? `${LOT_FROM} JOIN balances b ON b.lot_id = l.id`
      : 'FROM lots l CROSS JOIN items i ON i.id = l.item_id CROSS JOIN balances b ON b.lot_id = l.id LEFT JOIN parties p ON p.id = l.supplier_id';
    const rows = db
      .prepare(
        `SELECT ${LOT_COLUMNS}, b.quantity AS qty, b.location_id, loc.code AS location_code, ${ITEM_HORIZON_SQL} AS horizon
         ${from} JOIN locations loc ON loc.id = b.location_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${input.order === 'fefo' ? FEFO_ORDER : 'l.created_at DESC'}, loc.code LIMIT ? OFFSET ?`,
      )
      .all(stationNearExpiryDays(db), ...params, ...searchParams, limit + 1, offset) as (LotRow & { qty: number; location_id: string; location_code: string; horizon: number })[];
    const more = rows.length > limit;
    if (more) rows.pop();
    // Without a search the total is one indexed count (~1 ms on 100k balances), and so is a search
    // the indexes answered. One that reads lots is not counted, since that tests every lot: its total
    // is known only on its last page (not on a page past the end, which cannot tell where it ended).
    let total: number | null = null;
    if (!input.search) total = (db.prepare(`SELECT COUNT(*) AS n FROM balances b${narrow.length ? ` WHERE ${narrow.join(' AND ')}` : ''}`).get(...params) as { n: number }).n;
    else if (namedIds) total = statement(db, 'SELECT COUNT(*) FROM balances WHERE lot_id IN (SELECT value FROM json_each(?))').pluck().get(namedIds) as number;
    else if (!more && (rows.length > 0 || offset === 0)) total = offset + rows.length;
    // A lot with no stock left has no row here; a search naming it exactly still reaches it, beside
    // the list rather than in it, so the count and pages stay those of the balances.
    const emptyIds = input.search && !input.locationId ? exactLotsWithoutStock(db, input.search.trim()) : [];
    const withoutStock = emptyIds.length
      ? (db.prepare(`SELECT ${LOT_COLUMNS} ${LOT_FROM} WHERE l.id IN (SELECT value FROM json_each(?)) ORDER BY l.created_at DESC, i.sku`).all(JSON.stringify(emptyIds)) as LotRow[])
          .filter((r) => (!input.itemId || r.item_id === input.itemId) && (!input.lotId || r.id === input.lotId))
          .map((r) => toLotView(r, ctx.today))
      : [];
    return {
      rows: rows.map(
        (r): StockRow => ({
          lot: toLotView(r, ctx.today),
          locationId: r.location_id,
          locationCode: r.location_code,
          quantity: fromStored(r.qty),
          expiry: expiryMark(r.expiry_date, ctx.today, r.horizon),
        }),
      ),
      total,
      more,
      withoutStock,
    };
  },
  'lots.get': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    // Per bin, what open allocations still hold of it and what is free for other orders.
    const stock = (
      db
        .prepare(`SELECT loc.code AS locationCode, b.quantity, ${FREE_SQL} AS free FROM balances b JOIN lots l ON l.id = b.lot_id JOIN locations loc ON loc.id = b.location_id WHERE b.lot_id = ? ORDER BY loc.code`)
        .all(lot.id) as { locationCode: string; quantity: number; free: number }[]
    ).map((s) => ({ locationCode: s.locationCode, quantity: fromStored(s.quantity), reserved: fromStored(s.quantity - s.free), free: fromStored(s.free) }));
    const movements = (
      db
        .prepare(
          `SELECT m.id, m.kind, m.at, m.quantity, f.code AS "from", t.code AS "to", u.display_name AS user, d.number AS document, m.reason,
                  s.document_id AS shipment_id, c.code AS customer_code, c.name AS customer_name, s.region, s.channel
           FROM movements m LEFT JOIN locations f ON f.id = m.from_location_id LEFT JOIN locations t ON t.id = m.to_location_id
           JOIN users u ON u.id = m.user_id LEFT JOIN documents d ON d.id = m.document_id
           LEFT JOIN shipments s ON s.document_id = m.document_id AND m.kind = 'ship' LEFT JOIN parties c ON c.id = d.party_id AND s.document_id IS NOT NULL
           WHERE m.lot_id = ? ORDER BY m.seq`,
        )
        .all(lot.id) as ShippedMovementRow[]
    ).map(
      ({ shipment_id, customer_code, customer_name, region, channel, ...m }): MovementView => ({
        ...m,
        quantity: fromStored(m.quantity),
        // Ship movements leave the site for no bin: their destination is the shipment's customer.
        shipment:
          shipment_id && m.document
            ? { number: m.document, customerCode: customer_code ?? '', customerName: customer_name ?? '', region, channel }
            : null,
      }),
    );
    const links = (side: 'parent' | 'child') =>
      (
        db
          .prepare(
            `SELECT o.id AS lotId, o.code AS lotCode, i.sku, i.name AS itemName, pi.unit, k.quantity, COALESCE(m.at, c.created_at) AS at
             FROM lot_links k JOIN lots o ON o.id = k.${side === 'parent' ? 'parent' : 'child'}_lot_id JOIN items i ON i.id = o.item_id
             JOIN lots pl ON pl.id = k.parent_lot_id JOIN items pi ON pi.id = pl.item_id JOIN lots c ON c.id = k.child_lot_id
             LEFT JOIN movements m ON m.id = k.movement_id
             WHERE k.${side === 'parent' ? 'child' : 'parent'}_lot_id = ? ORDER BY at, o.code`,
          )
          .all(lot.id) as GenealogyLink[]
      ).map((g) => ({ ...g, quantity: fromStored(g.quantity) }));
    return { lot, stock, movements, parents: links('parent'), children: links('child') };
  },
} satisfies Partial<Handlers>;
