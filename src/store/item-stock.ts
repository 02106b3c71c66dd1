/**
 * item_stock is derived from balances and lots by triggers (migration 002). `compareItemStock`
 * recomputes it from those tables and lists every group that disagrees, as compareBalances does
 * for the balances and the ledger.
 */
import type { Db } from './db';

export interface ItemStockDifference {
  itemId: string;
  status: string;
  expiryDate: string;
  table: string;
  derived: string;
}

export function compareItemStock(db: Db): ItemStockDifference[] {
  return db
    .prepare(
      `WITH derived AS (
         SELECT b.item_id, l.status, COALESCE(l.expiry_date, '') AS expiry_date, SUM(b.quantity) AS quantity, COUNT(DISTINCT b.lot_id) AS lots
         FROM balances b JOIN lots l ON l.id = b.lot_id GROUP BY 1, 2, 3)
       SELECT COALESCE(d.item_id, s.item_id) AS itemId, COALESCE(d.status, s.status) AS status, COALESCE(d.expiry_date, s.expiry_date) AS expiryDate,
              COALESCE(s.quantity, 0) || ' in ' || COALESCE(s.lots, 0) || ' lots' AS "table",
              COALESCE(d.quantity, 0) || ' in ' || COALESCE(d.lots, 0) || ' lots' AS derived
       FROM derived d FULL OUTER JOIN item_stock s ON s.item_id = d.item_id AND s.status = d.status AND s.expiry_date = d.expiry_date
       WHERE COALESCE(s.quantity, 0) <> COALESCE(d.quantity, 0) OR COALESCE(s.lots, 0) <> COALESCE(d.lots, 0)`,
    )
    .all() as ItemStockDifference[];
}
