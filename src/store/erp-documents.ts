/**
 * Orders an ERP sent through the centre, as desk documents (issue 20, item 8): the document's id
 * is the centre's id, its number the ERP's and `external_id` the ERP's own id; its lines keep the
 * centre's line ids. Written only by the pull (src/sync/apply-orders.ts); receiving and the
 * outbound commands use them as any purchase or sales order.
 */
import type { Db } from './db';
import { nextNo } from './ids';
import { statement } from './statements';

export type ErpOrderKind = 'purchase_order' | 'sales_order';

export interface ErpDocument {
  id: string;
  kind: ErpOrderKind;
  number: string;
  partyId: string;
  status: string;
  reference: string | null;
  expectedDate: string | null;
  externalId: string;
}

export interface ErpLine {
  id: string;
  lineNo: number;
  itemId: string;
  /** Thousandths of the item's unit. */
  quantity: number;
  requestedDate: string | null;
}

export function erpDocument(db: Db, id: string): (Omit<ErpDocument, 'externalId'> & { externalId: string | null; kind: string }) | null {
  const row = statement(db, 'SELECT id, kind, number, party_id AS partyId, status, reference, expected_date AS expectedDate, external_id AS externalId FROM documents WHERE id = ?').get(id);
  return (row as ReturnType<typeof erpDocument>) ?? null;
}

export function erpLines(db: Db, documentId: string): ErpLine[] {
  return statement(db, 'SELECT id, line_no AS lineNo, item_id AS itemId, quantity, requested_date AS requestedDate FROM document_lines WHERE document_id = ? ORDER BY line_no').all(documentId) as ErpLine[];
}

/**
 * Whether the desk has begun the order: a receipt line against it or a closed status (purchase
 * order); any allocation, even one since voided (its row names the order's lines), or shipped
 * (sales order). Cancelled by the ERP with nothing done is not started: the ERP may reopen it. A started order
 * holds physical facts the ERP's next version must not rewrite.
 */
export function orderStarted(db: Db, doc: { id: string; kind: string; status: string }): boolean {
  if (doc.status !== 'open' && doc.status !== 'cancelled') return true;
  const sql =
    doc.kind === 'purchase_order'
      ? 'SELECT 1 FROM document_lines dl JOIN document_lines r ON r.source_line_id = dl.id WHERE dl.document_id = ? LIMIT 1'
      : "SELECT 1 FROM allocation_rows a JOIN documents d ON a.order_no = d.no WHERE d.id = ? LIMIT 1";
  return statement(db, sql).get(doc.id) !== undefined;
}

function writeLines(db: Db, documentId: string, lines: readonly ErpLine[]): void {
  const add = statement(db, `INSERT INTO document_lines (id, document_id, line_no, item_id, quantity, requested_date, no) VALUES (?, ?, ?, ?, ?, ?, ${nextNo('document_lines')})`);
  for (const l of lines) add.run(l.id, documentId, l.lineNo, l.itemId, l.quantity, l.requestedDate);
}

export function insertErpDocument(db: Db, doc: ErpDocument, lines: readonly ErpLine[], at: string): void {
  statement(
    db,
    'INSERT INTO documents (id, kind, number, party_id, status, reference, expected_date, external_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
  ).run(doc.id, doc.kind, doc.number, doc.partyId, doc.status, doc.reference, doc.expectedDate, doc.externalId, at);
  writeLines(db, doc.id, lines);
}

/** Replaces header and lines of an order the desk has not started (nothing refers to its lines yet). */
export function rewriteErpDocument(db: Db, doc: ErpDocument, lines: readonly ErpLine[]): void {
  statement(db, 'UPDATE documents SET number = ?, party_id = ?, status = ?, reference = ?, expected_date = ?, external_id = ? WHERE id = ?').run(
    doc.number,
    doc.partyId,
    doc.status,
    doc.reference,
    doc.expectedDate,
    doc.externalId,
    doc.id,
  );
  statement(db, 'DELETE FROM document_lines WHERE document_id = ?').run(doc.id);
  writeLines(db, doc.id, lines);
}
