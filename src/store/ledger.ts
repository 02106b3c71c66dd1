/**
 * The stock ledger: every change of stock is one appended movement, and the balances table is
 * updated in the same transaction. Balances are derived data: `ledgerBalances` recomputes them
 * from the movements alone, and `rebuildBalances` replaces the table with that.
 */
import { newId } from './ids';
import { AppError } from '../domain/errors';
import type { Db } from './db';
import { statement } from './statements';

export type MovementKind = 'receive' | 'move' | 'pick' | 'ship' | 'adjust' | 'consume' | 'produce' | 'split' | 'merge';

export interface NewMovement {
  kind: MovementKind;
  stationId: string;
  userId: string;
  at: string;
  itemId: string;
  lotId: string;
  /** Thousandths of the item's unit, > 0. */
  quantity: number;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  documentId?: string | null;
  documentLineId?: string | null;
  reason?: string | null;
}

/** Appends a movement and applies it to the balances; refuses to take a balance below zero. */
export function recordMovement(db: Db, m: NewMovement): string {
  const id = newId();
  statement(
    db,
    `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id, to_location_id, document_id, document_line_id, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, m.kind, m.stationId, m.userId, m.at, m.itemId, m.lotId, m.quantity, m.fromLocationId ?? null, m.toLocationId ?? null, m.documentId ?? null, m.documentLineId ?? null, m.reason ?? null);
  if (m.fromLocationId) {
    const res = statement(db, 'UPDATE balances SET quantity = quantity - ? WHERE lot_id = ? AND location_id = ? AND quantity >= ?').run(m.quantity, m.lotId, m.fromLocationId, m.quantity);
    if (res.changes !== 1) throw new AppError('rule', 'errors.stock.insufficient', {});
    statement(db, 'DELETE FROM balances WHERE lot_id = ? AND location_id = ? AND quantity = 0').run(m.lotId, m.fromLocationId);
  }
  if (m.toLocationId) {
    statement(
      db,
      `INSERT INTO balances (lot_id, location_id, item_id, quantity) VALUES (?, ?, ?, ?)
       ON CONFLICT (lot_id, location_id) DO UPDATE SET quantity = quantity + excluded.quantity`,
    ).run(m.lotId, m.toLocationId, m.itemId, m.quantity);
  }
  return id;
}

export interface BalanceRow {
  lot_id: string;
  location_id: string;
  item_id: string;
  quantity: number;
}

const LEDGER_SQL = `
  SELECT lot_id, location_id, item_id, SUM(q) AS quantity FROM (
    SELECT lot_id, to_location_id AS location_id, item_id, quantity AS q FROM movements WHERE to_location_id IS NOT NULL
    UNION ALL
    SELECT lot_id, from_location_id, item_id, -quantity FROM movements WHERE from_location_id IS NOT NULL
  ) GROUP BY lot_id, location_id HAVING SUM(q) <> 0`;

export interface BalanceDifference {
  lotId: string;
  locationId: string;
  table: number;
  ledger: number;
}

/** Every (lot, location) where the balances table disagrees with the sum of the ledger. */
export function compareBalances(db: Db): BalanceDifference[] {
  const rows = db
    .prepare(
      `WITH ledger AS (${LEDGER_SQL})
       SELECT COALESCE(l.lot_id, b.lot_id) AS lotId, COALESCE(l.location_id, b.location_id) AS locationId,
              COALESCE(b.quantity, 0) AS "table", COALESCE(l.quantity, 0) AS ledger
       FROM ledger l FULL OUTER JOIN balances b ON b.lot_id = l.lot_id AND b.location_id = l.location_id
       WHERE COALESCE(b.quantity, 0) <> COALESCE(l.quantity, 0)
       ORDER BY 1, 2`,
    )
    .all() as BalanceDifference[];
  return rows;
}

/** Every (lot, location) where the ledger sums below zero: a ledger no rebuild may turn into balances. */
export function negativeLedgerBalances(db: Db): { lotId: string; locationId: string; quantity: number }[] {
  return db
    .prepare(`SELECT lot_id AS lotId, location_id AS locationId, quantity FROM (${LEDGER_SQL}) WHERE quantity < 0 ORDER BY 1, 2`)
    .all() as { lotId: string; locationId: string; quantity: number }[];
}

/** Replaces the balances table by the ledger's sums, in one transaction. */
export function rebuildBalances(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM balances');
    db.exec(`INSERT INTO balances (lot_id, location_id, item_id, quantity) ${LEDGER_SQL}`);
  }).immediate();
}

const SNAPSHOT = 'temp.ledger_snapshot';

/**
 * The ledger's sums taken once into a TEMP table (issue 21): `store rebuild-balances` compares,
 * looks for negative stock and rebuilds from the one aggregation of the movements instead of four.
 * `head` is the newest movement's seq when it was taken: a writer after that makes it stale.
 */
export class LedgerSnapshot {
  head = 0;
  constructor(private readonly db: Db) {
    this.take();
  }

  private take(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${SNAPSHOT};
      CREATE TABLE ${SNAPSHOT} (lot_id TEXT NOT NULL, location_id TEXT NOT NULL, item_id TEXT NOT NULL, quantity INTEGER NOT NULL, PRIMARY KEY (lot_id, location_id)) WITHOUT ROWID`);
    this.db.transaction(() => {
      this.head = this.headSeq();
      this.db.exec(`INSERT INTO ${SNAPSHOT} (lot_id, location_id, item_id, quantity) ${LEDGER_SQL} ORDER BY lot_id, location_id`);
    })();
  }

  private headSeq(): number {
    return this.db.prepare('SELECT IFNULL(MAX(seq), 0) FROM movements').pluck().get() as number;
  }

  /** As compareBalances, against the snapshot. */
  differences(): BalanceDifference[] {
    return this.db
      .prepare(
        `SELECT COALESCE(l.lot_id, b.lot_id) AS lotId, COALESCE(l.location_id, b.location_id) AS locationId,
                COALESCE(b.quantity, 0) AS "table", COALESCE(l.quantity, 0) AS ledger
         FROM ${SNAPSHOT} l FULL OUTER JOIN balances b ON b.lot_id = l.lot_id AND b.location_id = l.location_id
         WHERE COALESCE(b.quantity, 0) <> COALESCE(l.quantity, 0)
         ORDER BY 1, 2`,
      )
      .all() as BalanceDifference[];
  }

  /** As negativeLedgerBalances, from the snapshot. */
  negative(): { lotId: string; locationId: string; quantity: number }[] {
    return this.db
      .prepare(`SELECT lot_id AS lotId, location_id AS locationId, quantity FROM ${SNAPSHOT} WHERE quantity < 0 ORDER BY 1, 2`)
      .all() as { lotId: string; locationId: string; quantity: number }[];
  }

  /**
   * Makes the balances table equal to the ledger's sums, writing only the rows that differ (each
   * balance row written fires the item_stock triggers); call inside a write transaction. The
   * snapshot is taken again first when a movement was written since.
   */
  rebuild(): void {
    if (this.headSeq() !== this.head) this.take();
    this.db.exec(`DELETE FROM balances WHERE NOT EXISTS (SELECT 1 FROM ${SNAPSHOT} l WHERE l.lot_id = balances.lot_id AND l.location_id = balances.location_id AND l.quantity = balances.quantity AND l.item_id = balances.item_id)`);
    this.db.exec(`INSERT INTO balances (lot_id, location_id, item_id, quantity)
      SELECT l.lot_id, l.location_id, l.item_id, l.quantity FROM ${SNAPSHOT} l
      WHERE l.quantity <> 0 AND NOT EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = l.lot_id AND b.location_id = l.location_id)`);
  }

  drop(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${SNAPSHOT}`);
  }
}
