/**
 * SQL of re-tests (issue 17, item 8): the plan that re-tests a lot, the lots whose re-test is due,
 * and the expiry changes a released re-test makes (lot_expiry_changes, migration 023).
 */
import type { Db } from './db';
import { statement } from './statements';
import type { RetestLot } from '../domain/qc/lot-records';

/** An item's shelf life in days (NULL: none set): the latest a re-test may extend a lot to, from today. */
export function itemShelfLifeDays(db: Db, itemId: string): number | null {
  return (statement(db, 'SELECT shelf_life_days AS days FROM items WHERE id = ?').get(itemId) as { days: number | null } | undefined)?.days ?? null;
}

export interface RetestDueDbRow extends RetestLot {
  retestDays: number;
  inspectionId: string | null;
  inspectionNumber: string | null;
  inspectionStatus: 'open' | 'decided' | null;
  decision: string | null;
}

/**
 * Lots with stock, in date, whose plan re-tests them and whose re-test window (expiry − retest_days
 * … expiry) has begun, soonest expiry first, with their newest re-test inspection since the window
 * opened. Walks the few plans that re-test, then each item's lots by expiry (lots_item_expiry).
 */
export function retestDueLots(db: Db, today: string, limit: number): RetestDueDbRow[] {
  return statement(
    db,
    `WITH plans AS (
       SELECT item_id, supplier_key, retest_days FROM qc_plans p
       WHERE status = 'active' AND retest_days IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(p.triggers) WHERE value = 'retest')
     )
     SELECT l.id AS lotId, l.code AS lotCode, i.sku, i.name AS itemName, l.status, l.expiry_date AS expiryDate, p.retest_days AS retestDays,
            q.id AS inspectionId, q.number AS inspectionNumber, q.status AS inspectionStatus, q.decision
     FROM plans p JOIN items i ON i.id = p.item_id
     JOIN lots l ON l.item_id = p.item_id AND l.expiry_date >= ? AND l.expiry_date <= date(?, '+' || p.retest_days || ' days')
     LEFT JOIN qc_inspections q ON q.id = (SELECT id FROM qc_inspections WHERE lot_id = l.id AND trigger = 'retest'
       AND created_at >= date(l.expiry_date, '-' || p.retest_days || ' days') ORDER BY created_at DESC LIMIT 1)
     WHERE l.status IN ('quarantine', 'released', 'on_hold')
       -- the supplier's own plan wins over the item's plan for every supplier
       AND p.supplier_key = (SELECT MAX(supplier_key) FROM qc_plans x WHERE x.item_id = l.item_id AND x.status = 'active' AND x.supplier_key IN (COALESCE(l.supplier_id, ''), ''))
       AND EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = l.id AND b.quantity > 0)
     ORDER BY l.expiry_date, l.code LIMIT ?`,
  ).all(today, today, limit) as RetestDueDbRow[];
}

export function hasExpiryChangeFor(db: Db, inspectionId: string): boolean {
  return statement(db, 'SELECT 1 FROM lot_expiry_changes WHERE inspection_id = ?').get(inspectionId) !== undefined;
}

export function insertExpiryChange(
  db: Db,
  c: { id: string; lotId: string; oldExpiry: string | null; newExpiry: string; inspectionId: string; signatureId: string; at: string },
): void {
  statement(db, 'INSERT INTO lot_expiry_changes (id, lot_id, old_expiry, new_expiry, inspection_id, signature_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.id, c.lotId, c.oldExpiry, c.newExpiry, c.inspectionId, c.signatureId, c.at,
  );
  statement(db, 'UPDATE lots SET expiry_date = ? WHERE id = ?').run(c.newExpiry, c.lotId);
}

export interface ExpiryChangeRow {
  lotId: string;
  oldExpiry: string | null;
  newExpiry: string;
  changedAt: string;
  inspectionId: string | null;
  inspectionNumber: string | null;
  signatureId: string;
  printedName: string;
  meaning: string;
  reason: string | null;
}

/** A lot's expiry changes, oldest first, with the signature of each. */
export function expiryChangesOfLot(db: Db, lotId: string): ExpiryChangeRow[] {
  return statement(
    db,
    `SELECT c.lot_id AS lotId, c.old_expiry AS oldExpiry, c.new_expiry AS newExpiry, c.changed_at AS changedAt, c.inspection_id AS inspectionId, q.number AS inspectionNumber,
            c.signature_id AS signatureId, s.printed_name AS printedName, s.meaning, s.reason
     FROM lot_expiry_changes c JOIN e_signatures s ON s.id = c.signature_id LEFT JOIN qc_inspections q ON q.id = c.inspection_id
     WHERE c.lot_id = ? ORDER BY c.changed_at, c.id`,
  ).all(lotId) as ExpiryChangeRow[];
}
