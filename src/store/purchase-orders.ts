/**
 * Purchase orders: documents of kind 'purchase_order' with their lines; a line's received
 * quantity is the sum of the receipt lines that name it (document_lines.source_line_id), as
 * receiving counts it. Statuses: open → closed (all received, or closed short with a reason) or
 * cancelled (nothing received). Rules in src/app/inbound/purchase-orders.ts.
 */
import type { Db } from './db';
import { newId } from './ids';
import { containing } from './like';
import { statement } from './statements';

export type PoStatus = 'open' | 'closed' | 'cancelled';

export interface PoLineRecord {
  id: string;
  lineNo: number;
  itemId: string;
  sku: string;
  itemName: string;
  unit: string;
  /** Thousandths of the item's unit. */
  ordered: number;
  received: number;
}

export interface PoRecord {
  id: string;
  number: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  status: PoStatus;
  reference: string | null;
  expectedDate: string | null;
  closedReason: string | null;
  createdAt: string;
  /** The ERP's own id of an order pulled from the centre (migration 034); null: made at this desk. */
  erpId: string | null;
  /** Thousandths, summed over the lines (units may differ: for "anything received?" only). */
  received: number;
  lines: number;
}

interface PoRow {
  id: string;
  number: string;
  party_id: string;
  supplier_code: string;
  supplier_name: string;
  status: PoStatus;
  reference: string | null;
  expected_date: string | null;
  closed_reason: string | null;
  created_at: string;
  external_id: string | null;
  received: number;
  lines: number;
}

const SELECT = `SELECT d.id, d.number, d.party_id, p.code AS supplier_code, p.name AS supplier_name, d.status, d.reference, d.expected_date,
    d.closed_reason, d.created_at, d.external_id,
    (SELECT COALESCE(SUM(r.quantity), 0) FROM document_lines dl JOIN document_lines r ON r.source_line_id = dl.id WHERE dl.document_id = d.id) AS received,
    (SELECT COUNT(*) FROM document_lines dl WHERE dl.document_id = d.id) AS lines
  FROM documents d JOIN parties p ON p.id = d.party_id`;

function toRecord(r: PoRow): PoRecord {
  return {
    id: r.id,
    number: r.number,
    supplierId: r.party_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    status: r.status,
    reference: r.reference,
    expectedDate: r.expected_date,
    closedReason: r.closed_reason,
    createdAt: r.created_at,
    erpId: r.external_id,
    received: r.received,
    lines: r.lines,
  };
}

export interface NewPoLine {
  itemId: string;
  /** Thousandths. */
  quantity: number;
}

export interface NewPo {
  number: string;
  supplierId: string;
  reference: string | null;
  expectedDate: string | null;
  lines: readonly NewPoLine[];
}

function writeLines(db: Db, documentId: string, lines: readonly NewPoLine[]): void {
  const add = statement(db, 'INSERT INTO document_lines (id, document_id, line_no, item_id, quantity) VALUES (?, ?, ?, ?, ?)');
  lines.forEach((l, i) => add.run(newId(), documentId, i + 1, l.itemId, l.quantity));
}

export function insertPurchaseOrder(db: Db, po: NewPo, at: string, userId: string | null): string {
  const id = newId();
  statement(
    db,
    "INSERT INTO documents (id, kind, number, party_id, status, reference, expected_date, created_at, created_by) VALUES (?, 'purchase_order', ?, ?, 'open', ?, ?, ?, ?)",
  ).run(id, po.number, po.supplierId, po.reference, po.expectedDate, at, userId);
  writeLines(db, id, po.lines);
  return id;
}

/** Replaces header and lines of an order nothing was received against. */
export function rewritePurchaseOrder(db: Db, id: string, po: Omit<NewPo, 'number'>): void {
  statement(db, 'UPDATE documents SET party_id = ?, reference = ?, expected_date = ? WHERE id = ?').run(po.supplierId, po.reference, po.expectedDate, id);
  statement(db, 'DELETE FROM document_lines WHERE document_id = ?').run(id);
  writeLines(db, id, po.lines);
}

export function setPurchaseOrderStatus(db: Db, id: string, status: PoStatus, reason: string | null): void {
  statement(db, 'UPDATE documents SET status = ?, closed_reason = ? WHERE id = ?').run(status, reason, id);
}

export function purchaseOrderById(db: Db, id: string): PoRecord | null {
  const row = statement(db, `${SELECT} WHERE d.id = ? AND d.kind = 'purchase_order'`).get(id) as PoRow | undefined;
  return row ? toRecord(row) : null;
}

export function purchaseOrderNumberTaken(db: Db, number: string): boolean {
  return statement(db, 'SELECT 1 FROM documents WHERE number = ?').get(number) !== undefined;
}

export function purchaseOrderLines(db: Db, id: string): PoLineRecord[] {
  return statement(
    db,
    `SELECT dl.id, dl.line_no AS lineNo, dl.item_id AS itemId, i.sku, i.name AS itemName, i.unit, dl.quantity AS ordered,
            COALESCE((SELECT SUM(r.quantity) FROM document_lines r WHERE r.source_line_id = dl.id), 0) AS received
     FROM document_lines dl JOIN items i ON i.id = dl.item_id WHERE dl.document_id = ? ORDER BY dl.line_no`,
  ).all(id) as PoLineRecord[];
}

/**
 * Orders newest first, `status` 'all' or one status, `search` matching the number, the supplier's
 * code or name, or the reference (substring, case-insensitive), at most `limit`.
 */
export function searchPurchaseOrders(db: Db, filter: { status: PoStatus | 'all'; search: string; limit: number }): PoRecord[] {
  const like = containing(filter.search);
  return (
    statement(
      db,
      `${SELECT} WHERE d.kind = 'purchase_order' AND (@status = 'all' OR d.status = @status)
         AND (@search = '' OR d.number LIKE @like ESCAPE '\\' OR p.code LIKE @like ESCAPE '\\' OR p.name LIKE @like ESCAPE '\\' OR d.reference LIKE @like ESCAPE '\\')
       ORDER BY d.created_at DESC, d.number DESC LIMIT @limit`,
    ).all({ status: filter.status, search: filter.search, like, limit: filter.limit }) as PoRow[]
  ).map(toRecord);
}
