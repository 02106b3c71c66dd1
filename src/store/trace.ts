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
  /** The link's rowid: a link walked both ways (a cycle through the root) is one edge. */
  linkId: number;
}

/** A shipment or receipt line of a lot, as the result names it, with the stored quantity and without the lot's code and unit. */
export type ShipmentRecord = Omit<TraceShipment, 'lotCode' | 'unit'>;
export type ReceiptRecord = Omit<TraceReceipt, 'lotCode' | 'unit'>;

const LINK_COLUMNS = 'k.rowid AS linkId, k.parent_lot_id AS parentLotId, k.child_lot_id AS childLotId, k.quantity, m.kind AS movementKind';
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
     FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment'
     JOIN shipments s ON s.document_id = d.id LEFT JOIN parties p ON p.id = d.party_id
     WHERE dl.lot_id IN (SELECT value FROM json_each(?)) ORDER BY s.shipped_at, d.number, dl.line_no`,
  ).all(JSON.stringify(lotIds)) as ShipmentRecord[];
}

export function receiptsOf(db: Db, lotIds: string[]): ReceiptRecord[] {
  return statement(
    db,
    `SELECT dl.lot_id AS lotId, d.number AS receiptNumber, p.code AS supplierCode, p.name AS supplierName,
            l.supplier_lot AS supplierLot, po.number AS purchaseOrderNumber, d.created_at AS receivedAt, dl.quantity
     FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt'
     JOIN lots l ON l.id = dl.lot_id LEFT JOIN parties p ON p.id = d.party_id
     LEFT JOIN document_lines pol ON pol.id = dl.source_line_id LEFT JOIN documents po ON po.id = pol.document_id
     WHERE dl.lot_id IN (SELECT value FROM json_each(?)) ORDER BY d.created_at, d.number, dl.line_no`,
  ).all(JSON.stringify(lotIds)) as ReceiptRecord[];
}

/** The lot's stable number, the trace index's key for it. */
export function lotNoOf(db: Db, lotId: string): number | null {
  return (statement(db, 'SELECT no FROM lots WHERE id = ?').pluck().get(lotId) as number | undefined) ?? null;
}

/** The entry points of trace.find (issue 16): each gives its lots, `limit` of them, and how many matched. */
export type FoundLotRow = LotRow & { receivedAt: string | null };

function found(db: Db, from: string, params: unknown[], order: string, limit: number, receivedAt = 'NULL'): { rows: FoundLotRow[]; total: number } {
  const total = statement(db, `SELECT COUNT(*) FROM (SELECT DISTINCT l.id ${from})`).pluck().get(...params) as number;
  const rows = statement(db, `SELECT ${LOT_COLUMNS}, ${receivedAt} AS receivedAt ${from} GROUP BY l.id ORDER BY ${order} LIMIT ?`).all(...params, limit) as FoundLotRow[];
  return { rows, total };
}

const LOT_JOINS = 'FROM lots l JOIN items i ON i.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id';
const RECEIVED = "(SELECT MIN(d.created_at) FROM document_lines dl JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt' WHERE dl.lot_id = l.id)";

export function lotsBySupplierLot(db: Db, supplierLot: string, limit: number): { rows: FoundLotRow[]; total: number } {
  return found(db, `${LOT_JOINS} WHERE l.supplier_lot = ?`, [supplierLot], 'l.created_at, l.code', limit, RECEIVED);
}

export function partyIdByCode(db: Db, kind: 'supplier' | 'customer', code: string): string | null {
  return (statement(db, 'SELECT id FROM parties WHERE kind = ? AND code = ?').pluck().get(kind, code) as string | undefined) ?? null;
}

export function itemIdBySku(db: Db, sku: string): string | null {
  return (statement(db, 'SELECT id FROM items WHERE sku = ?').pluck().get(sku) as string | undefined) ?? null;
}

/** Lots a supplier delivered on a receipt dated in [from, before). */
export function lotsReceivedFrom(db: Db, supplierId: string, from: string, before: string, limit: number): { rows: FoundLotRow[]; total: number } {
  return found(
    db,
    `${LOT_JOINS} JOIN document_lines rl ON rl.lot_id = l.id JOIN documents rd ON rd.id = rl.document_id AND rd.kind = 'receipt' AND rd.party_id = ?
     WHERE l.supplier_id = ? AND rd.created_at >= ? AND rd.created_at < ?`,
    [supplierId, supplierId, from, before],
    'MIN(rd.created_at), l.code',
    limit,
    'MIN(rd.created_at)',
  );
}

export function lotsProducedBetween(db: Db, itemId: string, from: string, to: string, limit: number): { rows: FoundLotRow[]; total: number } {
  return found(db, `${LOT_JOINS} WHERE l.item_id = ? AND l.production_date >= ? AND l.production_date <= ?`, [itemId, from, to], 'l.production_date, l.code', limit, RECEIVED);
}

/** The package with this SSCC and the shipment it left on (null: packed, not shipped), or null for none. */
export function packageBySscc(db: Db, sscc: string): { id: string; shipmentId: string | null } | null {
  return (statement(db, 'SELECT id, shipment_id AS shipmentId FROM packages WHERE sscc = ?').get(sscc) as { id: string; shipmentId: string | null } | undefined) ?? null;
}

export function lotsInPackage(db: Db, packageId: string, limit: number): { rows: FoundLotRow[]; total: number } {
  return found(db, `${LOT_JOINS} JOIN package_lines pl ON pl.lot_id = l.id WHERE pl.package_id = ?`, [packageId], 'l.code', limit, RECEIVED);
}
