/**
 * The critical tracking events of one or more root lots' traces, gathered once for both exporters
 * (FSMA 204 sortable spreadsheet, EPCIS 2.0): receivings, shippings, transformations and SSCC
 * packings, each with its lots' traceability lot codes (TLC), TLC sources and the parties' GLNs.
 *
 * The genealogy comes from the trace engine (`traceLot`, both directions, used as is); what the
 * trace result does not carry is read by src/store/trace-exports.ts in one query per kind.
 *
 * TLC rule (FSMA 204, 21 CFR 1.1320): a lot received with the supplier's lot code keeps that code
 * as its TLC and the supplier as its TLC source; a lot LotDesk made (split, merge, transformation)
 * or received without a supplier lot has its internal code as TLC and this site as TLC source.
 */
import { fromStored } from '../../../domain/quantity';
import type { Db } from '../../../store/db';
import {
  exportLinks, exportLots, exportOutputs, exportPackages, exportParties, exportShipmentDocuments, exportSite,
  type ExportLot, type ExportParty, type ExportSite,
} from '../../../store/trace-exports';
import type { TraceResult } from '../../../contract/results';
import { traceLot } from '../trace-lot';

export interface Place {
  code: string;
  name: string;
  gln: string | null;
}

export interface EventLot {
  lotId: string;
  /** LotDesk's own code of the lot. */
  code: string;
  tlc: string;
  tlcSource: Place;
  sku: string;
  itemName: string;
  unit: string;
  gtin: string | null;
  productionDate: string | null;
}

export interface LotQuantity {
  lotId: string;
  /** In the lot's unit. */
  quantity: number;
}

export interface ReceivingEvent {
  kind: 'receiving';
  at: string;
  receiptNumber: string;
  purchaseOrderNumber: string | null;
  lotId: string;
  quantity: number;
  supplier: Place | null;
}

export interface ShippingEvent {
  kind: 'shipping';
  at: string;
  shipmentNumber: string;
  orderNumber: string | null;
  customerReference: string | null;
  lotId: string;
  quantity: number;
  customer: Place | null;
  region: string | null;
}

export interface TransformationEvent {
  kind: 'transformation';
  at: string;
  documentNumber: string;
  /** split, merge, or the transformation's kind (repack, blend, kitting…). */
  reference: string | null;
  linkKind: 'split' | 'merge' | 'transform';
  inputs: LotQuantity[];
  outputs: LotQuantity[];
}

export interface PackingEvent {
  kind: 'packing';
  at: string;
  sscc: string;
  shipmentNumber: string | null;
  contents: LotQuantity[];
}

export interface TraceEvents {
  site: Place;
  roots: EventLot[];
  lots: Map<string, EventLot>;
  receivings: ReceivingEvent[];
  transformations: TransformationEvent[];
  shippings: ShippingEvent[];
  packings: PackingEvent[];
}

function place(p: ExportParty | ExportSite | null | undefined): Place | null {
  return p ? { code: p.code, name: p.name, gln: p.gln } : null;
}

function linkKind(movementKind: string | null): TransformationEvent['linkKind'] {
  return movementKind === 'split' ? 'split' : movementKind === 'merge' ? 'merge' : 'transform';
}

function eventLot(l: ExportLot, site: Place): EventLot {
  const supplied = !l.made && l.supplierLot !== null;
  const supplier: Place = { code: l.supplierCode ?? '', name: l.supplierName ?? '', gln: l.supplierGln };
  return {
    lotId: l.lotId, code: l.code, tlc: supplied ? l.supplierLot! : l.code, tlcSource: supplied ? supplier : site,
    sku: l.sku, itemName: l.itemName, unit: l.unit, gtin: l.gtin, productionDate: l.productionDate,
  };
}

/** Every event of the traces (both directions) of the root lots, each once, in time order. */
export function traceEvents(db: Db, rootLotIds: string[], siteCode: string | null, today: string): TraceEvents {
  const traces: TraceResult[] = rootLotIds.map((lotId) => traceLot(db, { lotId, direction: 'both' }, today));
  const s = exportSite(db, siteCode);
  const site: Place = place(s) ?? { code: siteCode ?? '', name: siteCode ?? '', gln: null };

  // Lots reached and the transformations between them (all inputs of each, as FSMA 204 asks).
  const traced = new Set<string>();
  const pairs = new Set<string>();
  for (const t of traces) {
    traced.add(t.root.lotId);
    for (const n of t.nodes) traced.add(n.lotId);
    for (const e of t.edges) pairs.add(`${e.parentLotId}>${e.childLotId}`);
  }
  const children = [...new Set([...pairs].map((p) => p.split('>')[1]))];
  const links = exportLinks(db, children);
  // A document reached through one of its links brings every input of it.
  const reachedDocuments = new Set(links.filter((l) => pairs.has(`${l.parentLotId}>${l.childLotId}`)).map((l) => l.documentId));
  const byDocument = new Map<string, typeof links>();
  for (const l of links) if (reachedDocuments.has(l.documentId)) byDocument.set(l.documentId, [...(byDocument.get(l.documentId) ?? []), l]);
  const outputs = exportOutputs(db, [...byDocument.keys()]);
  const lotIds = new Set(traced);
  for (const list of byDocument.values()) for (const l of list) lotIds.add(l.parentLotId).add(l.childLotId);
  const lots = new Map(exportLots(db, [...lotIds]).map((l) => [l.lotId, eventLot(l, site)]));

  const receiptKeys = new Set<string>();
  const shipmentKeys = new Set<string>();
  const receiptRows = traces.flatMap((t) => t.receipts).filter((r) => !receiptKeys.has(`${r.receiptNumber}|${r.lotId}`) && !!receiptKeys.add(`${r.receiptNumber}|${r.lotId}`));
  const shipmentRows = traces.flatMap((t) => t.shipments).filter((r) => !shipmentKeys.has(`${r.shipmentNumber}|${r.lotId}|${r.quantity}`) && !!shipmentKeys.add(`${r.shipmentNumber}|${r.lotId}|${r.quantity}`));
  const partyCodes = [...new Set([...receiptRows.map((r) => r.supplierCode), ...shipmentRows.map((r) => r.customerCode)].filter((c): c is string => c !== null))];
  const parties = new Map(exportParties(db, partyCodes).map((p) => [p.code, p]));
  const shipmentDocs = new Map(exportShipmentDocuments(db, [...new Set(shipmentRows.map((r) => r.shipmentNumber))]).map((d) => [d.shipmentNumber, d]));

  const receivings: ReceivingEvent[] = receiptRows.map((r) => ({
    kind: 'receiving', at: r.receivedAt, receiptNumber: r.receiptNumber, purchaseOrderNumber: r.purchaseOrderNumber, lotId: r.lotId, quantity: r.quantity,
    supplier: place(r.supplierCode ? parties.get(r.supplierCode) : null) ?? (r.supplierName ? { code: r.supplierCode ?? '', name: r.supplierName, gln: null } : null),
  }));
  const shippings: ShippingEvent[] = shipmentRows.map((r) => {
    const doc = shipmentDocs.get(r.shipmentNumber);
    return {
      kind: 'shipping', at: r.shippedAt, shipmentNumber: r.shipmentNumber, orderNumber: doc?.orderNumber ?? null, customerReference: doc?.customerReference ?? null,
      lotId: r.lotId, quantity: r.quantity, region: r.region,
      customer: place(r.customerCode ? parties.get(r.customerCode) : null) ?? (r.customerName ? { code: r.customerCode ?? '', name: r.customerName, gln: null } : null),
    };
  });
  const outputsOf = new Map<string, LotQuantity[]>();
  for (const o of outputs) outputsOf.set(o.documentId, [...(outputsOf.get(o.documentId) ?? []), { lotId: o.lotId, quantity: fromStored(o.quantity) }]);
  const transformations: TransformationEvent[] = [...byDocument.entries()].map(([documentId, list]) => {
    const inputs = new Map<string, number>();
    for (const l of list) inputs.set(l.parentLotId, (inputs.get(l.parentLotId) ?? 0) + l.quantity);
    return {
      kind: 'transformation', at: list[0].at, documentNumber: list[0].documentNumber, reference: list[0].reference, linkKind: linkKind(list[0].movementKind),
      inputs: [...inputs].map(([lotId, q]) => ({ lotId, quantity: fromStored(q) })),
      outputs: outputsOf.get(documentId) ?? [...new Set(list.map((l) => l.childLotId))].map((lotId) => ({ lotId, quantity: 0 })),
    };
  });
  // SSCC packages of the shipped lots: one packing (aggregation) per package, its contents limited to the traced lots.
  const packageRows = exportPackages(db, [...new Set(shippings.map((s) => s.lotId))]);
  const shipped = new Set(shipmentRows.map((r) => r.shipmentNumber));
  const packings = new Map<string, PackingEvent>();
  for (const p of packageRows) {
    if (p.shipmentNumber !== null && !shipped.has(p.shipmentNumber)) continue;
    const e = packings.get(p.sscc) ?? { kind: 'packing' as const, at: p.createdAt, sscc: p.sscc, shipmentNumber: p.shipmentNumber, contents: [] };
    e.contents.push({ lotId: p.lotId, quantity: fromStored(p.quantity) });
    packings.set(p.sscc, e);
  }
  const byTime = <T extends { at: string }>(list: T[]) => list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    site,
    roots: traces.map((t) => lots.get(t.root.lotId)!),
    lots,
    receivings: byTime(receivings),
    transformations: byTime(transformations),
    shippings: byTime(shippings),
    packings: byTime([...packings.values()]),
  };
}
