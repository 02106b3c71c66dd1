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
 * SQL for the reserved part of a lot in a bin; `lotNo`, `locationNo` and `exceptOrderNo` are
 * expressions of numbers (migration 014), e.g. `l.no`. With `exceptOrderNo`, that order's own
 * allocations are left out.
 */
export function reservedSql(lotNo: string, locationNo: string, exceptOrderNo?: string): string {
  const others = exceptOrderNo ? ` AND a.order_no <> ${exceptOrderNo}` : '';
  return `COALESCE((SELECT SUM(a.quantity - a.picked) FROM allocation_rows a WHERE a.lot_no = ${lotNo} AND a.location_no = ${locationNo} AND a.status = 'open'${others}), 0)`;
}

/** Free part of a balance row `b`, with its lot `l` and bin `loc` joined in the query. */
export const FREE_SQL = `b.quantity - ${reservedSql('l.no', 'loc.no')}`;

export interface FreeStock {
  balance: number;
  reserved: number;
  /** balance - reserved; below zero only if a count found less than was promised (see counts). */
  free: number;
  /** Number of the earliest order holding part of it, when some is reserved. */
  heldBy: string | null;
}

const LOT_NO = '(SELECT no FROM lots WHERE id = @lot)';
const BIN_NO = '(SELECT no FROM locations WHERE id = @bin)';

/** Balance, reserved and free stock of a lot in a bin (stored thousandths), with the order that holds it. */
export function freeStock(db: Db, lotId: string, locationId: string): FreeStock {
  const r = statement(
    db,
    `SELECT COALESCE((SELECT quantity FROM balances WHERE lot_id = @lot AND location_id = @bin), 0) AS balance,
            ${reservedSql(LOT_NO, BIN_NO)} AS reserved,
            (SELECT d.number FROM allocation_rows a JOIN documents d ON d.no = a.order_no
             WHERE a.lot_no = ${LOT_NO} AND a.location_no = ${BIN_NO} AND a.status = 'open' AND a.quantity > a.picked
             ORDER BY a.id LIMIT 1) AS heldBy`,
  ).get({ lot: lotId, bin: locationId }) as Omit<FreeStock, 'free'>;
  return { ...r, free: r.balance - r.reserved };
}
