/** Trace results: a lot's genealogy both ways, with the shipments and receipts at its ends. Quantities in the lot's unit. */
import type { LotStatus } from '../../domain/lot-status';
import type { TraceReceipt, TraceShipment } from '../../domain/trace/records';

export type { TraceReceipt, TraceShipment } from '../../domain/trace/records';

export type TraceDirectionInput = 'forward' | 'backward' | 'both';
export type TraceLinkKind = 'split' | 'merge' | 'transform';

export interface TraceLot {
  lotId: string;
  code: string;
  itemId: string;
  sku: string;
  itemName: string;
  unit: string;
  status: LotStatus;
}

export interface TraceNode extends TraceLot {
  /** forward: a descendant of the root; backward: an ancestor. */
  direction: 'forward' | 'backward';
  /** Links between the root and this lot along the shortest path. */
  depth: number;
  /** Quantity that flowed from the root into this lot (forward) or from this lot into the root (backward), in this lot's unit. */
  quantity: number;
}

export interface TraceEdge {
  parentLotId: string;
  childLotId: string;
  /** Quantity of the parent that went into the child, in the parent's unit. */
  quantity: number;
  kind: TraceLinkKind;
}


export interface TraceResult {
  root: TraceLot;
  direction: TraceDirectionInput;
  nodes: TraceNode[];
  edges: TraceEdge[];
  shipments: TraceShipment[];
  receipts: TraceReceipt[];
  totals: { lots: number; edges: number; shipments: number; customers: number; receipts: number; suppliers: number; maxDepth: number };
  /** Present when the call asked for a page (`limit`): each list holds [offset, offset + limit) of its whole; `totals` count the whole. */
  page?: { offset: number; limit: number };
}

/** The lists of a trace that trace.page pages through. */
export type TraceList = 'nodes' | 'edges' | 'shipments' | 'receipts';

interface TracePageBase {
  offset: number;
  limit: number;
  /** Rows in the whole list. */
  total: number;
  /** The offset of the next page, null after the last. */
  next: number | null;
  totals: TraceResult['totals'];
}

export type TracePage = TracePageBase &
  (
    | { list: 'nodes'; items: TraceNode[] }
    | { list: 'edges'; items: TraceEdge[] }
    | { list: 'shipments'; items: TraceShipment[] }
    | { list: 'receipts'; items: TraceReceipt[] }
  );

/** A lot an entry point of trace.find names, with what named it. */
export interface FoundLot extends TraceLot {
  supplierLot: string | null;
  productionDate: string | null;
  receivedAt: string | null;
}

export interface TraceFindResult {
  lots: FoundLot[];
  /** Lots the search matched; at most `limit` of them are listed. */
  total: number;
}

/** The trace as a file (trace.export): CSV (UTF-8 with a byte-order mark) or XLSX, as base64. */
export interface TraceExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** Data rows written (all sheets for XLSX). */
  rows: number;
}

/** Where a lot and its descendants went, grouped by customer, region, channel and unit (trace.diversion). */
export interface DiversionDestination {
  customerCode: string | null;
  customerName: string | null;
  region: string | null;
  channel: string | null;
  /** True when this destination's region is the region the goods were found in. */
  inRegion: boolean;
  shipments: number;
  quantity: number;
  unit: string;
  lotCodes: string[];
  firstShippedAt: string;
  lastShippedAt: string;
}

export interface DiversionResult {
  /** The lot named, or the lots packed in the case whose SSCC was scanned. */
  roots: TraceLot[];
  /** The SSCC of the case scanned, when the lots are that case's. */
  sscc: string | null;
  /** The region as typed, trimmed. */
  region: string;
  /** Whether any customer or shipment of this desk names that region (false: no customer of ours is there at all). */
  regionKnown: boolean;
  /** True when none of the shipments of the lot and its descendants went to that region. */
  flagged: boolean;
  /** Shipments that went to the region. */
  matchingShipments: number;
  destinations: DiversionDestination[];
  totals: { lots: number; shipments: number; customers: number; regions: number };
}

/** A region the diversion check offers, with how many customers are in it now. */
export interface TraceRegion {
  region: string;
  customers: number;
}
