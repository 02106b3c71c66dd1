/**
 * SQL of QC inspections, their results and files (migration 023), as camelCase records. Results
 * are never updated in place: a correction inserts a row and marks the old one superseded.
 */
import type { Db } from './db';
import { statement } from './statements';
import type { StoredLotStatus } from '../domain/lot-status';
import type { QcFile, SampleResultRecord } from '../domain/qc/inspection-records';

export type InspectionTrigger = 'receipt' | 'production' | 'retest' | 'manual';
export type Decision = 'released' | 'rejected' | 'on_hold' | 'conditional';

export interface InspectionRecord {
  id: string;
  number: string;
  lotId: string;
  lotCode: string;
  lotStatus: StoredLotStatus;
  itemId: string;
  sku: string;
  itemName: string;
  supplierId: string | null;
  supplierName: string | null;
  planId: string;
  planVersion: number;
  trigger: InspectionTrigger;
  lotSize: number;
  sampleSize: number;
  status: 'open' | 'decided';
  decision: Decision | null;
  dueAt: string;
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  signatureId: string | null;
}

const SELECT = `SELECT q.id, q.number, q.lot_id AS lotId, l.code AS lotCode, l.status AS lotStatus, l.item_id AS itemId, i.sku, i.name AS itemName,
  l.supplier_id AS supplierId, p.name AS supplierName, q.plan_id AS planId, pl.version AS planVersion, q.trigger, q.lot_size AS lotSize,
  q.sample_size AS sampleSize, q.status, q.decision, q.due_at AS dueAt, q.created_at AS createdAt, u.display_name AS createdBy,
  q.decided_at AS decidedAt, q.signature_id AS signatureId
  FROM qc_inspections q JOIN lots l ON l.id = q.lot_id JOIN items i ON i.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id
  JOIN qc_plans pl ON pl.id = q.plan_id JOIN users u ON u.id = q.created_by`;

export interface NewInspection {
  id: string;
  number: string;
  lotId: string;
  planId: string;
  trigger: InspectionTrigger;
  lotSize: number;
  sampleSize: number;
  dueAt: string;
  at: string;
  userId: string;
}

export function insertInspection(db: Db, q: NewInspection): void {
  statement(
    db,
    `INSERT INTO qc_inspections (id, number, lot_id, plan_id, trigger, lot_size, sample_size, status, due_at, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  ).run(q.id, q.number, q.lotId, q.planId, q.trigger, q.lotSize, q.sampleSize, q.dueAt, q.at, q.userId);
}

export function inspectionById(db: Db, id: string): InspectionRecord | null {
  return (statement(db, `${SELECT} WHERE q.id = ?`).get(id) as InspectionRecord | undefined) ?? null;
}

/** A lot's inspections, newest first. */
export function inspectionsOfLot(db: Db, lotId: string): InspectionRecord[] {
  return statement(db, `${SELECT} WHERE q.lot_id = ? ORDER BY q.created_at DESC, q.number DESC`).all(lotId) as InspectionRecord[];
}

export function openInspectionOfLot(db: Db, lotId: string): InspectionRecord | null {
  return (statement(db, `${SELECT} WHERE q.lot_id = ? AND q.status = 'open' ORDER BY q.created_at LIMIT 1`).get(lotId) as InspectionRecord | undefined) ?? null;
}

/** Open inspections, oldest first (the order they came in), a page at a time, with the whole count. */
export function inspectionQueue(db: Db, offset: number, limit: number): { rows: InspectionRecord[]; total: number } {
  const rows = statement(db, `${SELECT} WHERE q.status = 'open' ORDER BY q.created_at, q.number LIMIT ? OFFSET ?`).all(limit, offset) as InspectionRecord[];
  const total = (statement(db, "SELECT count(*) AS n FROM qc_inspections WHERE status = 'open'").get() as { n: number }).n;
  return { rows, total };
}

export function markDecided(db: Db, id: string, decision: Decision, at: string, signatureId: string): void {
  statement(db, "UPDATE qc_inspections SET status = 'decided', decision = ?, decided_at = ?, signature_id = ? WHERE id = ? AND status = 'open'").run(decision, at, signatureId, id);
}

export function markReopened(db: Db, id: string): void {
  statement(db, "UPDATE qc_inspections SET status = 'open', decision = NULL, decided_at = NULL, signature_id = NULL WHERE id = ? AND status = 'decided'").run(id);
}

export interface ResultRecord extends SampleResultRecord {
  /** User id of who recorded it (separation of duties; bound into signatures). */
  recordedById: string;
}

const RESULT_COLUMNS = `r.id, r.characteristic_id AS characteristicId, r.sample_no AS sampleNo, r.value_num AS valueNum, r.value_text AS valueText,
  r.in_spec AS inSpec, r.source, r.recorded_at AS recordedAt, u.display_name AS recordedBy, r.recorded_by AS recordedById, r.correction_reason AS correctionReason`;

type ResultRow = Omit<ResultRecord, 'inSpec'> & { inSpec: number };
const toResult = (r: ResultRow): ResultRecord => ({ ...r, inSpec: r.inSpec === 1 });

/** The current (not superseded) results of an inspection, by characteristic and sample. */
export function currentResults(db: Db, inspectionId: string): ResultRecord[] {
  return (
    statement(
      db,
      `SELECT ${RESULT_COLUMNS} FROM qc_results r JOIN users u ON u.id = r.recorded_by
       WHERE r.inspection_id = ? AND r.superseded_by IS NULL ORDER BY r.characteristic_id, r.sample_no`,
    ).all(inspectionId) as ResultRow[]
  ).map(toResult);
}

/**
 * The results as they stood at an instant: recorded by then and not yet superseded by a row
 * recorded by then. A signature of an earlier decision is checked against these.
 */
export function resultsAsOf(db: Db, inspectionId: string, at: string): ResultRecord[] {
  return (
    statement(
      db,
      `SELECT ${RESULT_COLUMNS} FROM qc_results r JOIN users u ON u.id = r.recorded_by
       WHERE r.inspection_id = ? AND r.recorded_at <= ?
         AND NOT EXISTS (SELECT 1 FROM qc_results n WHERE n.id = r.superseded_by AND n.recorded_at <= ?)
       ORDER BY r.characteristic_id, r.sample_no`,
    ).all(inspectionId, at, at) as ResultRow[]
  ).map(toResult);
}

export function currentResult(db: Db, inspectionId: string, characteristicId: string, sampleNo: number): ResultRecord | null {
  const row = statement(
    db,
    `SELECT ${RESULT_COLUMNS} FROM qc_results r JOIN users u ON u.id = r.recorded_by
     WHERE r.inspection_id = ? AND r.characteristic_id = ? AND r.sample_no = ? AND r.superseded_by IS NULL`,
  ).get(inspectionId, characteristicId, sampleNo) as ResultRow | undefined;
  return row ? toResult(row) : null;
}

export interface NewResult extends Omit<SampleResultRecord, 'recordedAt' | 'recordedBy'> {
  inspectionId: string;
  at: string;
  userId: string;
}

/**
 * Inserts a result; a correction first marks the row it replaces superseded by the new one (the
 * partial unique index allows one current row per sample), so the foreign key to the row not yet
 * inserted is checked at commit (defer_foreign_keys lasts until the transaction ends).
 */
export function insertResult(db: Db, r: NewResult, supersedes: string | null): void {
  if (supersedes) {
    db.pragma('defer_foreign_keys = ON');
    statement(db, 'UPDATE qc_results SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL').run(r.id, supersedes);
  }
  statement(
    db,
    `INSERT INTO qc_results (id, inspection_id, characteristic_id, sample_no, value_num, value_text, in_spec, source, recorded_at, recorded_by, correction_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.inspectionId, r.characteristicId, r.sampleNo, r.valueNum, r.valueText, r.inSpec ? 1 : 0, r.source, r.at, r.userId, r.correctionReason);
}

/** Whether this user recorded any current result of the inspection (separation of duties). */
export function recordedBy(db: Db, inspectionId: string, userId: string): boolean {
  return statement(db, 'SELECT 1 FROM qc_results WHERE inspection_id = ? AND superseded_by IS NULL AND recorded_by = ? LIMIT 1').get(inspectionId, userId) !== undefined;
}

export interface QcFileRecord extends QcFile {
  lotId: string;
  inspectionId: string | null;
}

export function insertQcFile(db: Db, f: QcFileRecord): void {
  statement(
    db,
    'INSERT INTO qc_files (id, lot_id, inspection_id, kind, file_name, mime_type, size, sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(f.id, f.lotId, f.inspectionId, f.kind, f.fileName, f.mimeType, f.size, f.sha256, f.addedAt, f.addedBy);
}

export function filesOfInspection(db: Db, inspectionId: string): QcFileRecord[] {
  return statement(
    db,
    `SELECT f.id, f.lot_id AS lotId, f.inspection_id AS inspectionId, f.kind, f.file_name AS fileName, f.mime_type AS mimeType, f.size, f.sha256,
            f.added_at AS addedAt, u.display_name AS addedBy
     FROM qc_files f JOIN users u ON u.id = f.added_by WHERE f.inspection_id = ? ORDER BY f.added_at, f.file_name`,
  ).all(inspectionId) as QcFileRecord[];
}

export function qcFileById(db: Db, id: string): QcFileRecord | null {
  return (
    (statement(
      db,
      'SELECT id, lot_id AS lotId, inspection_id AS inspectionId, kind, file_name AS fileName, mime_type AS mimeType, size, sha256, added_at AS addedAt, added_by AS addedBy FROM qc_files WHERE id = ?',
    ).get(id) as QcFileRecord | undefined) ?? null
  );
}

/** Stock of a lot on hand in every bin (stored quantity): the lot size an inspection opened by hand samples from. */
export function lotOnHand(db: Db, lotId: string): number {
  return (statement(db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM balances WHERE lot_id = ?').get(lotId) as { q: number }).q;
}

