/**
 * SQL of the trace: the genealogy links of a whole frontier of lots at once (one indexed query per
 * level, the frontier passed as a JSON array), the lots reached, their receipts and shipments.
 * Records come back camelCase with stored quantities.
 */
import type { Db } from './db';
import { statement } from './statements';
import { LOT_COLUMNS, LOT_FROM, type LotRow } from './lots';
import type { GenealogyLink } from '../domain/trace/walk';
import type { TraceReceipt, TraceShipment } from '../domain/trace/records';

export interface TraceLinkRecord extends GenealogyLink {
  /** The movement kind of the parent's side: split, merge or consume (a transformation). */
  movementKind: string | null;
}

/** A shipment or receipt line of a lot, as the result names it, with the stored quantity and without the lot's code and unit. */
export type ShipmentRecord = Omit<TraceShipment, 'lotCode' | 'unit'>;
export type ReceiptRecord = Omit<TraceReceipt, 'lotCode' | 'unit'>;

const LINK_COLUMNS = 'k.parent_lot_id AS parentLotId, k.child_lot_id AS childLotId, k.quantity, m.kind AS movementKind';
const LINK_FROM = 'FROM lot_links k LEFT JOIN movements m ON m.id = k.movement_id';

/** Links whose parent (forward) or child (backward) is in the frontier. */
export function linksOf(db: Db, frontier: string[], side: 'parent' | 'child'): TraceLinkRecord[] {
  const column = side === 'parent' ? 'k.parent_lot_id' : 'k.child_lot_id';
  if (frontier.length === 1) return statement(db, `SELECT ${LINK_COLUMNS} ${LINK_FROM} WHERE ${column} = ?`).all(frontier[0]) as TraceLinkRecord[];
  return statement(db, `SELECT ${LINK_COLUMNS} ${LINK_FROM} WHERE ${column} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(frontier)) as TraceLinkRecord[];
}

export function lotRows(db: Db, lotIds: string[]): LotRow[] {
  return statement(db, `SELECT ${LOT_COLUMNS} ${LOT_FROM} WHERE l.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(lotIds)) as LotRow[];
}

export function lotRowsByCode(db: Db, code: string): LotRow[] {
  return statement(db, `SELECT ${LOT_COLUMNS} ${LOT_FROM} WHERE l.code = ? ORDER BY l.created_at`).all(code) as LotRow[];
}

export function shipmentsOf(db: Db, lotIds: string[]): ShipmentRecord[] {
  return statement(
    db,
    `SELECT dl.lot_id AS lotId, d.number AS shipmentNumber, p.code AS customerCode, p.name AS customerName,
            s.region, s.channel, s.shipped_at AS shippedAt, dl.quantity
     FROM document_lines dl JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment'
     JOIN shipments s ON s.document_id = d.id LEFT JOIN parties p ON p.id = d.party_id
     WHERE dl.lot_id IN (SELECT value FROM json_each(?)) ORDER BY s.shipped_at, d.number, dl.line_no`,
  ).all(JSON.stringify(lotIds)) as ShipmentRecord[];
}

export function receiptsOf(db: Db, lotIds: string[]): ReceiptRecord[] {
  return statement(
    db,
    `SELECT dl.lot_id AS lotId, d.number AS receiptNumber, p.code AS supplierCode, p.name AS supplierName,
            l.supplier_lot AS supplierLot, po.number AS purchaseOrderNumber, d.created_at AS receivedAt, dl.quantity
     FROM document_lines dl JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt'
     JOIN lots l ON l.id = dl.lot_id LEFT JOIN parties p ON p.id = d.party_id
     LEFT JOIN document_lines pol ON pol.id = dl.source_line_id LEFT JOIN documents po ON po.id = pol.document_id
     WHERE dl.lot_id IN (SELECT value FROM json_each(?)) ORDER BY d.created_at, d.number, dl.line_no`,
  ).all(JSON.stringify(lotIds)) as ReceiptRecord[];
}
