/** SQL of the print log (migration 026) as camelCase records. */
import type { Db } from './db';
import { statement } from './statements';
import type { PrintDocument, PrintJob as PrintJobView } from '../domain/print-documents';

/** A job as recorded when queued; the rest of PrintJob comes with its outcome. */
export type NewPrintJob = Pick<PrintJobView, 'id' | 'createdAt' | 'document' | 'objectId' | 'objectLabel' | 'printer' | 'format' | 'copies' | 'reprint'> & { userId: string; stationId: string };

const SELECT = `SELECT j.id, j.created_at AS createdAt, u.display_name AS user, j.document, j.object_id AS objectId, j.object_label AS objectLabel,
  j.printer, j.format, j.copies, j.reprint, j.status, j.attempts, j.error_key AS errorKey, j.error_params AS errorParams, j.reference, j.finished_at AS finishedAt
  FROM print_jobs j JOIN users u ON u.id = j.user_id`;

type Row = Omit<PrintJobView, 'errorParams'> & { errorParams: string | null };
const view = (r: Row): PrintJobView => ({ ...r, errorParams: r.errorParams ? (JSON.parse(r.errorParams) as Record<string, string | number>) : null });

/** Earlier jobs of the same document and object that did not fail: the new job's reprint number. */
export function countEarlierPrints(db: Db, document: PrintDocument, objectId: string): number {
  return (statement(db, `SELECT COUNT(*) AS n FROM print_jobs WHERE document = ? AND object_id = ? AND status != 'failed'`).get(document, objectId) as { n: number }).n;
}

export function insertPrintJob(db: Db, j: NewPrintJob): void {
  statement(
    db,
    `INSERT INTO print_jobs (id, created_at, user_id, station_id, document, object_id, object_label, printer, format, copies, reprint, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')`,
  ).run(j.id, j.createdAt, j.userId, j.stationId, j.document, j.objectId, j.objectLabel, j.printer, j.format, j.copies, j.reprint);
}

export function findPrintJob(db: Db, id: string): PrintJobView | null {
  const r = statement(db, `${SELECT} WHERE j.id = ?`).get(id) as Row | undefined;
  return r ? view(r) : null;
}

/** Back to the queue for another send (a retry keeps the job's reprint number). */
export function requeuePrintJob(db: Db, id: string): void {
  statement(db, `UPDATE print_jobs SET status = 'queued', error_key = NULL, error_params = NULL WHERE id = ?`).run(id);
}

/** The outcome of one send; written after the job left the desk, outside the command's transaction. */
export function finishPrintJob(db: Db, id: string, at: string, outcome: { ok: true; reference: string } | { ok: false; key: string; params: Record<string, string | number> }): void {
  if (outcome.ok) {
    statement(db, `UPDATE print_jobs SET status = 'printed', attempts = attempts + 1, reference = ?, finished_at = ?, error_key = NULL, error_params = NULL WHERE id = ?`).run(outcome.reference, at, id);
  } else {
    statement(db, `UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, error_key = ?, error_params = ?, finished_at = ? WHERE id = ?`).run(outcome.key, JSON.stringify(outcome.params), at, id);
  }
}

export function listPrintJobs(db: Db, filter: { objectId?: string; limit: number }): PrintJobView[] {
  const rows = filter.objectId
    ? (statement(db, `${SELECT} WHERE j.object_id = ? ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`).all(filter.objectId, filter.limit) as Row[])
    : (statement(db, `${SELECT} ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`).all(filter.limit) as Row[]);
  return rows.map(view);
}
