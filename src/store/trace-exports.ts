/**
 * SQL of the trace exports (FSMA 204 sortable spreadsheet, EPCIS 2.0): the facts a trace result
 * does not carry — the site and parties with their GLNs, each lot's TLC facts (supplier lot, GTIN,
 * whether it was made here), the transformation documents behind genealogy links, the orders
 * behind shipments and the SSCC packages shipped. One query per kind, the ids passed as a JSON
 * array, so a trace reaching 30k shipments costs a handful of indexed reads.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface ExportSite {
  code: string;
  name: string;
  gln: string | null;
}

export interface ExportParty {
  code: string;
  name: string;
  gln: string | null;
}

export interface ExportLot {
  lotId: string;
  code: string;
  supplierLot: string | null;
  supplierCode: string | null;
  supplierName: string | null;
  supplierGln: string | null;
  gtin: string | null;
  sku: string;
  itemName: string;
  unit: string;
  productionDate: string | null;
  createdAt: string;
  /** 1 when the lot is the child of a genealogy link: LotDesk assigned its code (split, merge, transformation). */
  made: number;
}

/** One parent → child genealogy link with the document and movement that made it. */
export interface ExportLink {
  parentLotId: string;
  childLotId: string;
  /** Stored quantity of the parent. */
  quantity: number;
  movementKind: string | null;
  at: string;
  documentId: string;
  documentNumber: string;
  /** The transformation's kind as the command named it (split, merge, repack, blend, kitting…). */
  reference: string | null;
}

export interface ExportOutput {
  documentId: string;
  lotId: string;
  /** Stored quantity the document put into the child lot. */
  quantity: number;
}

export interface ExportShipmentDocument {
  shipmentNumber: string;
  orderNumber: string | null;
  customerReference: string | null;
}

export interface ExportPackage {
  sscc: string;
  createdAt: string;
  shipmentNumber: string | null;
  lotId: string;
  /** Stored quantity of the lot in the package. */
  quantity: number;
}

export function exportSite(db: Db, siteCode: string | null): ExportSite | null {
  if (!siteCode) return null;
  return (statement(db, 'SELECT code, name, gln FROM sites WHERE code = ?').get(siteCode) as ExportSite | undefined) ?? null;
}

export function exportParties(db: Db, codes: string[]): ExportParty[] {
  return statement(db, 'SELECT code, name, gln FROM parties WHERE code IN (SELECT value FROM json_each(?))').all(JSON.stringify(codes)) as ExportParty[];
}

export function exportLots(db: Db, lotIds: string[]): ExportLot[] {
  return statement(
    db,
    `SELECT l.id AS lotId, l.code, l.supplier_lot AS supplierLot, p.code AS supplierCode, p.name AS supplierName, p.gln AS supplierGln,
            i.gtin, i.sku, i.name AS itemName, i.unit, l.production_date AS productionDate, l.created_at AS createdAt,
            EXISTS (SELECT 1 FROM lot_links k WHERE k.child_lot_id = l.id) AS made
     FROM lots l JOIN items i ON i.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id
     WHERE l.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(lotIds)) as ExportLot[];
}

/** Genealogy links into the given child lots, with their transformation document. */
export function exportLinks(db: Db, childLotIds: string[]): ExportLink[] {
  return statement(
    db,
    `SELECT k.parent_lot_id AS parentLotId, k.child_lot_id AS childLotId, k.quantity, m.kind AS movementKind, m.at,
            d.id AS documentId, d.number AS documentNumber, d.reference
     FROM lot_links k JOIN movements m ON m.id = k.movement_id JOIN documents d ON d.id = m.document_id
     WHERE k.child_lot_id IN (SELECT value FROM json_each(?)) ORDER BY m.at, d.number, m.seq`,
  ).all(JSON.stringify(childLotIds)) as ExportLink[];
}

/** What each transformation document put into its new lot (the movement into a bin). */
export function exportOutputs(db: Db, documentIds: string[]): ExportOutput[] {
  return statement(
    db,
    `SELECT m.document_id AS documentId, m.lot_id AS lotId, SUM(m.quantity) AS quantity
     FROM movements m WHERE m.document_id IN (SELECT value FROM json_each(?)) AND m.to_location_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM lot_links k WHERE k.child_lot_id = m.lot_id)
     GROUP BY m.document_id, m.lot_id`,
  ).all(JSON.stringify(documentIds)) as ExportOutput[];
}

export function exportShipmentDocuments(db: Db, shipmentNumbers: string[]): ExportShipmentDocument[] {
  return statement(
    db,
    `SELECT d.number AS shipmentNumber, o.number AS orderNumber, o.reference AS customerReference
     FROM documents d JOIN shipments s ON s.document_id = d.id LEFT JOIN documents o ON o.id = s.order_id
     WHERE d.kind = 'shipment' AND d.number IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(shipmentNumbers)) as ExportShipmentDocument[];
}

/** The SSCC packages that hold any of the lots, with the shipment that took them (if shipped). */
export function exportPackages(db: Db, lotIds: string[]): ExportPackage[] {
  return statement(
    db,
    `SELECT p.sscc, p.created_at AS createdAt, s.number AS shipmentNumber, pl.lot_id AS lotId, pl.quantity
     FROM package_lines pl JOIN packages p ON p.id = pl.package_id LEFT JOIN documents s ON s.id = p.shipment_id
     WHERE pl.lot_id IN (SELECT value FROM json_each(?)) ORDER BY p.created_at, p.sscc`,
  ).all(JSON.stringify(lotIds)) as ExportPackage[];
}
