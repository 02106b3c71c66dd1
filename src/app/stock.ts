/** Stock views: balances by lot and location, and one lot with its whole movement history. */
import { fail } from '../domain/errors';
import { fromStored } from '../domain/quantity';
import type { MovementView, StockRow } from '../api/results';
import { findLot, toLotView, type LotRow } from '../store/lots';
import type { Handlers } from './context';

export const stockHandlers = {
  'stock.list': (ctx, input) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.itemId) {
      where.push('b.item_id = ?');
      params.push(input.itemId);
    }
    if (input.lotId) {
      where.push('b.lot_id = ?');
      params.push(input.lotId);
    }
    if (input.search) {
      where.push('(l.code LIKE ? OR l.supplier_lot LIKE ? OR i.sku LIKE ? OR i.name LIKE ?)');
      const like = `%${input.search.replace(/[%_]/g, '')}%`;
      params.push(like, like, like, like);
    }
    const rows = ctx.station.db
      .prepare(
        `SELECT l.id, l.code, l.item_id, i.sku, i.name AS item_name, i.unit, l.supplier_id, p.name AS supplier_name,
                l.supplier_lot, l.production_date, l.expiry_date, l.best_before_date, l.status, l.created_at,
                b.quantity AS qty, b.location_id, loc.code AS location_code
         FROM balances b JOIN lots l ON l.id = b.lot_id JOIN items i ON i.id = b.item_id
         JOIN locations loc ON loc.id = b.location_id LEFT JOIN parties p ON p.id = l.supplier_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY l.created_at DESC, loc.code LIMIT ?`,
      )
      .all(...params, input.limit ?? 200) as (LotRow & { qty: number; location_id: string; location_code: string })[];
    return rows.map(
      (r): StockRow => ({ lot: toLotView(r, ctx.today), locationId: r.location_id, locationCode: r.location_code, quantity: fromStored(r.qty) }),
    );
  },
  'lots.get': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    const stock = (
      db
        .prepare('SELECT loc.code AS locationCode, b.quantity FROM balances b JOIN locations loc ON loc.id = b.location_id WHERE b.lot_id = ? ORDER BY loc.code')
        .all(lot.id) as { locationCode: string; quantity: number }[]
    ).map((s) => ({ ...s, quantity: fromStored(s.quantity) }));
    const movements = (
      db
        .prepare(
          `SELECT m.id, m.kind, m.at, m.quantity, f.code AS "from", t.code AS "to", u.display_name AS user, d.number AS document
           FROM movements m LEFT JOIN locations f ON f.id = m.from_location_id LEFT JOIN locations t ON t.id = m.to_location_id
           JOIN users u ON u.id = m.user_id LEFT JOIN documents d ON d.id = m.document_id
           WHERE m.lot_id = ? ORDER BY m.seq`,
        )
        .all(lot.id) as MovementView[]
    ).map((m) => ({ ...m, quantity: fromStored(m.quantity) }));
    return { lot, stock, movements };
  },
} satisfies Partial<Handlers>;
