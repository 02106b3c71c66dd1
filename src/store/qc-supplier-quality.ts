/**
 * Supplier quality (issue 17, item 7): the figures of the lots a supplier delivered, per item, over
 * a period of receipt dates. A received lot is one with a supplier and no parent lot (a split or
 * merge of it inherits the supplier but was not delivered). Its first inspection is the earliest
 * one that is not a re-test: the lot is "decided" once that inspection was decided (a reopened one
 * was), and passed first time when it stands released and was never reopened (no 'reopened'
 * e-signature). Rejected and on hold are the lots' statuses now. Numeric results are the current
 * ones (not superseded) of the first inspection, summed per lot so one row per lot and
 * characteristic code leaves SQLite; the code is stable across plan versions.
 * Every query walks lots_supplier_received (migration 027) for one supplier, or all of them.
 */
import type { Db } from './db';
import { statement } from './statements';
import type { CharacteristicLimits, QualityCounts, SupplierItemRef } from '../domain/qc/quality-figures';
import type { Subgroup } from '../domain/qc/control-chart';

export interface QualityPeriod {
  /** UTC instants: receipt times from (inclusive) to (exclusive). */
  from: string;
  to: string;
}

export interface SupplierItemCounts extends SupplierItemRef, QualityCounts {
  unit: string;
}

export interface MonthCounts extends QualityCounts {
  /** YYYY-MM of receipt. */
  month: string;
}

/** One lot's current results of one characteristic code, summed. */
export interface LotCharacteristicSums extends CharacteristicLimits, Subgroup {
  lotId: string;
  lotCode: string;
  receivedAt: string;
}

/**
 * The received lots in the period with their first inspection's outcome (a CTE the three queries
 * share). The filters are written into the text rather than as `:x IS NULL OR …`, which would keep
 * SQLite from walking lots_supplier_received for a supplier (47 ms instead of a few for five years).
 * The first inspection is ordered by its time alone, as qc_inspections_lot holds it: a tie-break by
 * id cost a sort per lot.
 */
function received(f: Filter): string {
  const supplier = f.supplierId === null ? 'l.supplier_id IS NOT NULL' : 'l.supplier_id = :supplierId';
  const item = f.itemId === null ? '' : 'AND l.item_id = :itemId';
  return `received AS (
  SELECT l.id, l.code, l.supplier_id, l.item_id, l.status, l.created_at,
    (SELECT q.id FROM qc_inspections q WHERE q.lot_id = l.id AND q.trigger <> 'retest' ORDER BY q.created_at LIMIT 1) AS inspection_id
  FROM lots l
  WHERE ${supplier} ${item} AND l.created_at >= :from AND l.created_at < :to
    AND NOT EXISTS (SELECT 1 FROM lot_links k WHERE k.child_lot_id = l.id)
), outcome AS (
  SELECT r.*, q.status AS inspection_status, q.decision,
    EXISTS (SELECT 1 FROM e_signatures s WHERE s.object = 'qc_inspection' AND s.object_id = q.id AND s.meaning = 'reopened') AS reopened
  FROM received r LEFT JOIN qc_inspections q ON q.id = r.inspection_id
)`;
}

/** Named parameters for the statement: only those its text uses (better-sqlite3 refuses others). */
function params(f: Filter): Record<string, string> {
  return { from: f.from, to: f.to, ...(f.supplierId === null ? {} : { supplierId: f.supplierId }), ...(f.itemId === null ? {} : { itemId: f.itemId }) };
}

const COUNTS = `COUNT(*) AS received, TOTAL(status = 'rejected') AS rejected, TOTAL(status = 'on_hold') AS onHold,
  TOTAL(inspection_status = 'decided' OR reopened) AS decided,
  TOTAL(inspection_status = 'decided' AND decision = 'released' AND NOT reopened) AS firstPass`;

interface Filter extends QualityPeriod {
  supplierId: string | null;
  itemId: string | null;
}

/** Counts per supplier and item (one supplier's items, or every supplier's), most lots first. */
export function supplierItemCounts(db: Db, f: Filter): SupplierItemCounts[] {
  return statement(
    db,
    `WITH ${received(f)}
     SELECT c.supplier_id AS supplierId, p.code AS supplierCode, p.name AS supplierName, c.item_id AS itemId, i.sku, i.name AS itemName, i.unit,
       c.received, c.rejected, c.onHold, c.decided, c.firstPass
     FROM (SELECT supplier_id, item_id, ${COUNTS} FROM outcome GROUP BY supplier_id, item_id) c
     JOIN parties p ON p.id = c.supplier_id JOIN items i ON i.id = c.item_id
     ORDER BY c.received DESC, p.code, i.sku`,
  ).all(params(f)) as SupplierItemCounts[];
}

/** The same counts per month of receipt, for one supplier and item. */
export function monthCounts(db: Db, f: Filter): MonthCounts[] {
  return statement(db, `WITH ${received(f)} SELECT substr(created_at, 1, 7) AS month, ${COUNTS} FROM outcome GROUP BY month ORDER BY month`).all(params(f)) as MonthCounts[];
}

/**
 * Per lot (in receipt order) and numeric characteristic: the count, sum, sum of squares, min and max of its first
 * inspection's current results, summed per characteristic before the characteristic is looked up (once a lot, not once a value);
 * qc_results_values (migration 027) covers the values.
 */
export function lotCharacteristicSums(db: Db, f: Filter): LotCharacteristicSums[] {
  return statement(
    db,
    `WITH ${received(f)}
     SELECT g.lotId, g.lotCode, g.receivedAt, c.code, c.name, c.name_zh AS nameZh, c.unit, c.target, c.lower_limit AS lowerLimit, c.upper_limit AS upperLimit,
       g.n, g.sum, g.sumSquares, g.min, g.max
     FROM (
       SELECT r.id AS lotId, r.code AS lotCode, r.created_at AS receivedAt, x.characteristic_id,
         COUNT(*) AS n, SUM(x.value_num) AS sum, SUM(x.value_num * x.value_num) AS sumSquares, MIN(x.value_num) AS min, MAX(x.value_num) AS max
       FROM received r JOIN qc_results x ON x.inspection_id = r.inspection_id AND x.superseded_by IS NULL AND x.value_num IS NOT NULL
       GROUP BY r.id, x.characteristic_id
     ) g
     JOIN qc_characteristics c ON c.id = g.characteristic_id AND c.kind IN ('numeric', 'weight') AND c.stage = 'inspection'
     ORDER BY g.receivedAt, g.lotId, c.code`,
  ).all(params(f)) as LotCharacteristicSums[];
}
