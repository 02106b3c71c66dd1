/**
 * What a certificate of analysis prints (src/app/qc/coa.ts) beyond the inspection's own records
 * (src/store/qc-inspections.ts): the lot with its item in both names, supplier and receipt, and
 * the lot's newest decided inspection. Read-only SQL.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface CoaLotRow {
  lotId: string;
  lotCode: string;
  status: string;
  supplierLot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  bestBeforeDate: string | null;
  sku: string;
  itemName: string;
  itemNameZh: string | null;
  gtin: string | null;
  unit: string;
  supplierCode: string | null;
  supplierName: string | null;
  supplierNameZh: string | null;
}

export interface CoaReceiptRow {
  number: string;
  receivedAt: string;
  /** Thousandths of the unit, as the ledger keeps them. */
  quantity: number;
}

export interface CoaInspectionRow {
  id: string;
  number: string;
  trigger: string;
  lotSize: number;
  sampleSize: number;
  decision: string;
  decidedAt: string;
  signatureId: string | null;
  planId: string;
  planVersion: number;
}

export function coaLot(db: Db, lotId: string): CoaLotRow | null {
  return (
    (statement(
      db,
      `SELECT l.id AS lotId, l.code AS lotCode, l.status, l.supplier_lot AS supplierLot, l.production_date AS productionDate, l.expiry_date AS expiryDate,
              l.best_before_date AS bestBeforeDate, i.sku, i.name AS itemName, i.name_zh AS itemNameZh, i.gtin, i.unit,
              p.code AS supplierCode, p.name AS supplierName, p.name_zh AS supplierNameZh
       FROM lots l JOIN items i ON i.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id WHERE l.id = ?`,
    ).get(lotId) as CoaLotRow | undefined) ?? null
  );
}

/** The lot's first receipt (a lot made here has none). */
export function coaReceipt(db: Db, lotId: string): CoaReceiptRow | null {
  return (
    (statement(
      db,
      `SELECT d.number, MIN(m.at) AS receivedAt, SUM(m.quantity) AS quantity FROM movements m JOIN documents d ON d.id = m.document_id
       WHERE m.lot_id = ? AND m.kind = 'receive' GROUP BY d.id ORDER BY receivedAt LIMIT 1`,
    ).get(lotId) as CoaReceiptRow | undefined) ?? null
  );
}

/** The lot's newest decided inspection (a reopened one is open again and no longer counts). */
export function newestDecidedInspection(db: Db, lotId: string): CoaInspectionRow | null {
  return (
    (statement(
      db,
      `SELECT q.id, q.number, q.trigger, q.lot_size AS lotSize, q.sample_size AS sampleSize, q.decision, q.decided_at AS decidedAt,
              q.signature_id AS signatureId, q.plan_id AS planId, p.version AS planVersion
       FROM qc_inspections q JOIN qc_plans p ON p.id = q.plan_id
       WHERE q.lot_id = ? AND q.status = 'decided' ORDER BY q.decided_at DESC, q.id DESC LIMIT 1`,
    ).get(lotId) as CoaInspectionRow | undefined) ?? null
  );
}
