/**
 * `trace.lot` and `trace.page`: a lot's genealogy both ways.
 *
 * The walk runs over the connection's trace index (src/domain/trace/genealogy-index.ts, fed by
 * src/store/trace-index.ts): the lots reached, their depth and quantity, the links walked, and the
 * shipment and receipt lines at the ends come from typed arrays, and what the result shows from
 * the details held beside them (src/store/trace-details.ts), the root named by id included. A large result can be asked for
 * a page at a time (`limit` on trace.lot, then trace.page with an offset): the totals are always
 * those of the whole trace. Where the index cannot answer (inside a transaction that wrote links
 * or lines it does not hold yet) the pure `walkGenealogy` walks with SQL rounds instead, the first
 * slice's engine, kept as `traceLotRounds` (the benchmark's baseline, the tests' oracle).
 */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { walkGenealogy, type TraceDirection } from '../../domain/trace/walk';
import { LINK_KIND, type GenealogyIndex, type IndexedWalk } from '../../domain/trace/genealogy-index';
import type { TraceEdge, TraceLinkKind, TraceList, TraceLot, TraceNode, TracePage, TraceReceipt, TraceResult, TraceShipment } from '../../contract/results';
import type { ParsedInput } from '../../contract/contract';
import type { Db } from '../../store/db';
import { toLotView, type LotRow } from '../../store/lots';
import { linksOf, lotNoOf, lotRows, lotRowsByCode, receiptsOf, shipmentsOf, type TraceLinkRecord } from '../../store/trace';
import { currentTrace, hasTraceIndex } from '../../store/trace-index';
import type { TraceDetails } from '../../store/trace-details';
import { effectiveStatus } from '../../domain/lot-status';
import type { Handlers } from '../kernel/context';
import { resolveLotScan } from '../shared/lot-scan';

type Direction = 'forward' | 'backward' | 'both';

function linkKind(movementKind: string | null): TraceLinkKind {
  return movementKind === 'split' ? 'split' : movementKind === 'merge' ? 'merge' : 'transform';
}
const KIND_NAMES: TraceLinkKind[] = [];
KIND_NAMES[LINK_KIND.transform] = 'transform';
KIND_NAMES[LINK_KIND.split] = 'split';
KIND_NAMES[LINK_KIND.merge] = 'merge';

function toTraceLot(row: LotRow, today: string): TraceLot {
  const lot = toLotView(row, today);
  return { lotId: lot.id, code: lot.code, itemId: lot.itemId, sku: lot.sku, itemName: lot.itemName, unit: lot.unit, status: lot.status };
}

type RootInput = { lotId: string } | { lotCode: string } | { scan: string; gsSubstitute?: string };

/** The one lot the input names; a code shared by two items' lots is refused rather than guessed. */
export function rootLot(db: Db, input: RootInput, today: string): LotRow {
  let rows: LotRow[];
  let shown: string;
  if ('lotId' in input) {
    rows = lotRows(db, [input.lotId]);
    if (rows.length === 0) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    return rows[0];
  } else if ('lotCode' in input) {
    shown = input.lotCode.trim();
    rows = lotRowsByCode(db, shown);
    if (rows.length === 0) throw fail.notFound('errors.trace.lotCodeUnknown', { code: shown }, 'lotCode');
  } else {
    shown = input.scan.trim();
    const ids = resolveLotScan(db, input.scan, today, input.gsSubstitute).lots.map((l) => l.lot.id);
    rows = lotRows(db, ids);
  }
  if (rows.length > 1) throw fail.validation('errors.trace.ambiguous', 'lotId' in input ? 'lotId' : 'lotCode' in input ? 'lotCode' : 'scan', { code: shown, count: rows.length });
  return rows[0];
}

const directionsOf = (d: Direction): TraceDirection[] => (d === 'both' ? ['forward', 'backward'] : [d]);

/** What the index says of a trace, all in numbers: the core the benchmark times. */
export interface TraceCore {
  walks: { direction: TraceDirection; walk: IndexedWalk }[];
  /** Link positions, each once over both directions, in walk order. */
  edges: number[];
  shipments: { lines: Int32Array; parties: number };
  receipts: { lines: Int32Array; parties: number };
}

export function traceCore(index: GenealogyIndex, rootNo: number, direction: Direction): TraceCore {
  const walks = directionsOf(direction).map((d) => ({ direction: d, walk: index.walk(rootNo, d) }));
  const edges = index.distinctLinks(walks.map((w) => w.walk.links));
  const ends = (d: TraceDirection) => {
    const w = walks.find((x) => x.direction === d);
    return w ? [rootNo, ...w.walk.lots] : [];
  };
  return {
    walks,
    edges,
    shipments: index.linesOf(index.shipments, ends('forward')),
    receipts: index.linesOf(index.receipts, ends('backward')),
  };
}

/** Which part of each list a call returns: [offset, offset + limit) of the lists named (all when none are). */
interface Window {
  offset: number;
  limit: number;
  lists?: TraceList[];
}

function slice<T>(all: ArrayLike<T>, list: TraceList, window: Window | null): T[] {
  if (!window) return Array.from(all);
  if (window.lists && !window.lists.includes(list)) return [];
  return Array.prototype.slice.call(all, window.offset, window.offset + window.limit) as T[];
}

/** A lot as a trace shows it, from the details held in memory. */
function heldLot(details: TraceDetails, no: number, today: string): TraceLot {
  const l = details.lots.lot(no);
  return { lotId: l.id, code: l.code, itemId: l.itemId, sku: l.sku, itemName: l.itemName, unit: l.unit, status: effectiveStatus(l.storedStatus, l.expiryDate, today) };
}

function traceIndexed(index: GenealogyIndex, details: TraceDetails, rootNo: number, direction: Direction, today: string, window: Window | null): TraceResult {
  const core = traceCore(index, rootNo, direction);
  const reached: { no: number; depth: number; quantity: number; direction: TraceDirection }[] = [];
  let maxDepth = 0;
  for (const { direction: d, walk } of core.walks) {
    for (let i = 0; i < walk.lots.length; i++) {
      reached.push({ no: walk.lots[i], depth: walk.depth[i], quantity: walk.quantity[i], direction: d });
      if (walk.depth[i] > maxDepth) maxDepth = walk.depth[i];
    }
  }
  // Everything below comes from memory (src/store/trace-details.ts), current with the change log.
  const { lots, parties } = details;
  const nodes: TraceNode[] = slice(reached, 'nodes', window).map((r) => {
    const l = lots.lot(r.no);
    return {
      lotId: l.id, code: l.code, itemId: l.itemId, sku: l.sku, itemName: l.itemName, unit: l.unit, status: effectiveStatus(l.storedStatus, l.expiryDate, today),
      direction: r.direction, depth: r.depth, quantity: fromStored(r.quantity),
    };
  });
  const edges: TraceEdge[] = slice(core.edges, 'edges', window).map((e) => {
    const l = index.link(e);
    return { parentLotId: lots.id(l.parent), childLotId: lots.id(l.child), quantity: fromStored(l.quantity), kind: KIND_NAMES[l.kind] };
  });
  const ships = index.shipments;
  const shipments: TraceShipment[] = slice(core.shipments.lines, 'shipments', window).map((i) => {
    const lot = ships.lot.data[i];
    const party = ships.party.data[i];
    const d = details.shipments;
    return {
      lotId: lots.id(lot), shipmentNumber: d.number(i), customerCode: parties.code(party), customerName: parties.name(party), region: d.region(i), channel: d.channel(i),
      shippedAt: d.date(i), lotCode: lots.code(lot), quantity: fromStored(d.quantityAt(i)), unit: lots.unit(lot),
    };
  });
  const recs = index.receipts;
  const receipts: TraceReceipt[] = slice(core.receipts.lines, 'receipts', window).map((i) => {
    const lot = recs.lot.data[i];
    const party = recs.party.data[i];
    const d = details.receipts;
    return {
      lotId: lots.id(lot), receiptNumber: d.number(i), supplierCode: parties.code(party), supplierName: parties.name(party), supplierLot: lots.supplierLot(lot),
      purchaseOrderNumber: d.purchaseOrder(i), receivedAt: d.date(i), lotCode: lots.code(lot), quantity: fromStored(d.quantityAt(i)), unit: lots.unit(lot),
    };
  });
  const result: TraceResult = {
    root: heldLot(details, rootNo, today),
    direction,
    nodes,
    edges,
    shipments,
    receipts,
    totals: {
      lots: reached.length,
      edges: core.edges.length,
      shipments: core.shipments.lines.length,
      customers: core.shipments.parties,
      receipts: core.receipts.lines.length,
      suppliers: core.receipts.parties,
      maxDepth,
    },
  };
  if (window) result.page = { offset: window.offset, limit: window.limit };
  return result;
}

/** The first slice's engine: the pure walk over one SQL round per level (the baseline, and the fallback inside a writing transaction). */
export function traceLotRounds(db: Db, root: LotRow, direction: Direction, today: string): TraceResult {
  const directions = directionsOf(direction);
  const reached: { lotId: string; depth: number; quantity: number; direction: TraceDirection }[] = [];
  const edges = new Map<number, TraceLinkRecord>();
  for (const d of directions) {
    const walk = walkGenealogy(root.id, d, (frontier) => linksOf(db, frontier, d === 'forward' ? 'parent' : 'child'));
    for (const r of walk.reached) reached.push({ ...r, direction: d });
    for (const l of walk.links as TraceLinkRecord[]) if (!edges.has(l.linkId)) edges.set(l.linkId, l);
  }
  const rows = new Map(lotRows(db, [root.id, ...reached.map((r) => r.lotId)]).map((r) => [r.id, r]));
  const lot = (id: string) => rows.get(id)!;
  const nodes: TraceNode[] = reached.map((r) => ({ ...toTraceLot(lot(r.lotId), today), direction: r.direction, depth: r.depth, quantity: fromStored(r.quantity) }));
  const edgeList: TraceEdge[] = [...edges.values()].map((l) => ({ parentLotId: l.parentLotId, childLotId: l.childLotId, quantity: fromStored(l.quantity), kind: linkKind(l.movementKind) }));
  const downstream = [root.id, ...reached.filter((r) => r.direction === 'forward').map((r) => r.lotId)];
  const upstream = [root.id, ...reached.filter((r) => r.direction === 'backward').map((r) => r.lotId)];
  const shipments = directions.includes('forward')
    ? shipmentsOf(db, downstream).map((s) => ({
        lotId: s.lotId, lotCode: lot(s.lotId).code, shipmentNumber: s.shipmentNumber, customerCode: s.customerCode, customerName: s.customerName,
        region: s.region, channel: s.channel, shippedAt: s.shippedAt, quantity: fromStored(s.quantity), unit: lot(s.lotId).unit,
      }))
    : [];
  const receipts = directions.includes('backward')
    ? receiptsOf(db, upstream).map((r) => ({
        lotId: r.lotId, lotCode: lot(r.lotId).code, receiptNumber: r.receiptNumber, supplierCode: r.supplierCode, supplierName: r.supplierName,
        supplierLot: r.supplierLot, purchaseOrderNumber: r.purchaseOrderNumber, receivedAt: r.receivedAt, quantity: fromStored(r.quantity), unit: lot(r.lotId).unit,
      }))
    : [];
  return {
    root: toTraceLot(root, today),
    direction,
    nodes,
    edges: edgeList,
    shipments,
    receipts,
    totals: {
      lots: nodes.length,
      edges: edgeList.length,
      shipments: shipments.length,
      customers: new Set(shipments.map((s) => s.customerCode)).size,
      receipts: receipts.length,
      suppliers: new Set(receipts.map((r) => r.supplierCode)).size,
      maxDepth: nodes.reduce((m, n) => Math.max(m, n.depth), 0),
    },
  };
}

function windowed(result: TraceResult, window: Window | null): TraceResult {
  if (!window) return result;
  return {
    ...result,
    nodes: slice(result.nodes, 'nodes', window),
    edges: slice(result.edges, 'edges', window),
    shipments: slice(result.shipments, 'shipments', window),
    receipts: slice(result.receipts, 'receipts', window),
    page: { offset: window.offset, limit: window.limit },
  };
}

/**
 * The trace of the lot the input names. With the index held and current, a lot named by id is
 * found in memory (no SQL beyond the marks); any other input, and an id the index does not hold,
 * goes through `rootLot` (its errors); without a current index the SQL rounds answer.
 */
function traceRoot(db: Db, input: RootInput, direction: Direction, today: string, window: Window | null): TraceResult {
  const held = 'lotId' in input && hasTraceIndex(db) ? currentTrace(db) : null;
  const no = held && 'lotId' in input ? held.details.lots.noOf(input.lotId) : undefined;
  if (held && no !== undefined) return traceIndexed(held.index, held.details, no, direction, today, window);
  const root = rootLot(db, input, today);
  const current = held ?? currentTrace(db);
  return current ? traceIndexed(current.index, current.details, lotNoOf(db, root.id)!, direction, today, window) : windowed(traceLotRounds(db, root, direction, today), window);
}

/** A lot's trace; with `limit`, the first `limit` of each list (nodes, edges, shipments, receipts) and the totals of all. */
export function traceLot(db: Db, input: ParsedInput<'trace.lot'>, today: string): TraceResult {
  return traceRoot(db, input, input.direction, today, input.limit ? { offset: 0, limit: input.limit } : null);
}

/** One page of one list of a lot's trace, in the order trace.lot lists it. */
export function tracePage(db: Db, input: ParsedInput<'trace.page'>, today: string): TracePage {
  const t = traceRoot(db, { lotId: input.lotId }, input.direction, today, { offset: input.offset, limit: input.limit, lists: [input.list] });
  const total = { nodes: t.totals.lots, edges: t.totals.edges, shipments: t.totals.shipments, receipts: t.totals.receipts }[input.list];
  const base = { offset: input.offset, limit: input.limit, total, totals: t.totals, next: input.offset + input.limit < total ? input.offset + input.limit : null };
  switch (input.list) {
    case 'nodes':
      return { ...base, list: 'nodes', items: t.nodes };
    case 'edges':
      return { ...base, list: 'edges', items: t.edges };
    case 'shipments':
      return { ...base, list: 'shipments', items: t.shipments };
    case 'receipts':
      return { ...base, list: 'receipts', items: t.receipts };
  }
}

export const traceHandlers = {
  'trace.lot': (ctx, input) => traceLot(ctx.station.db, input, ctx.today),
  'trace.page': (ctx, input) => tracePage(ctx.station.db, input, ctx.today),
} satisfies Partial<Handlers>;
