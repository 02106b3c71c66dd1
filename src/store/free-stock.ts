/**
 * Free stock, defined once: a lot's balance in a bin less the unpicked part (quantity - picked)
 * of the open allocations that promise it to order lines. Allocation walks candidates with
 * `FREE_SQL`; every command that takes stock out of a bin (move, adjust, split, merge, consume,
 * a pick of another lot) checks `freeStock` before it writes. Open allocations have a covering
 * partial index (migration 004), so the reserved part is read from the index alone.
 */
import type { Db } from './db';
import { statement } from './statements';

/**
 * SQL for the reserved part of a lot in a bin; `lot`, `location` and `exceptOrder` are column or
 * parameter expressions. With `exceptOrder`, one order's own allocations are left out.
 */
export function reservedSql(lot: string, location: string, exceptOrder?: string): string {
  const others = exceptOrder ? ` AND a.document_id <> ${exceptOrder}` : '';
  return `COALESCE((SELECT SUM(a.quantity - a.picked) FROM allocations a WHERE a.lot_id = ${lot} AND a.location_id = ${location} AND a.status = 'open'${others}), 0)`;
}

/** Free part of a balance row `b` (balances joined in the query). */
export const FREE_SQL = `b.quantity - ${reservedSql('b.lot_id', 'b.location_id')}`;

export interface FreeStock {
  balance: number;
  reserved: number;
  /** balance - reserved; below zero only if a count found less than was promised (see counts). */
  free: number;
  /** Number of the earliest order holding part of it, when some is reserved. */
  heldBy: string | null;
}

/** Balance, reserved and free stock of a lot in a bin (stored thousandths), with the order that holds it. */
export function freeStock(db: Db, lotId: string, locationId: string): FreeStock {
  const r = statement(
    db,
    `SELECT COALESCE((SELECT quantity FROM balances WHERE lot_id = @lot AND location_id = @bin), 0) AS balance,
            ${reservedSql('@lot', '@bin')} AS reserved,
            (SELECT d.number FROM allocations a JOIN documents d ON d.id = a.document_id
             WHERE a.lot_id = @lot AND a.location_id = @bin AND a.status = 'open' AND a.quantity > a.picked
             ORDER BY a.created_at, a.id LIMIT 1) AS heldBy`,
  ).get({ lot: lotId, bin: locationId }) as Omit<FreeStock, 'free'>;
  return { ...r, free: r.balance - r.reserved };
}
