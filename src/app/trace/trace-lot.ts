/**
 * `trace.lot`: a lot's genealogy both ways. The walk is the pure one of src/domain/trace over the
 * store's batched link queries (one per level); the shipments of the root and its descendants and
 * the receipts of the root and its ancestors are then read in one query each.
 */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { walkGenealogy, type TraceDirection } from '../../domain/trace/walk';
import type { TraceEdge, TraceLinkKind, TraceLot, TraceNode, TraceResult } from '../../contract/results';
import type { ParsedInput } from '../../contract/contract';
import type { Db } from '../../store/db';
import { toLotView, type LotRow } from '../../store/lots';
import { linksOf, lotRows, lotRowsByCode, receiptsOf, shipmentsOf, type TraceLinkRecord } from '../../store/trace';
import type { Handlers } from '../kernel/context';
import { resolveLotScan } from '../shared/lot-scan';

function linkKind(movementKind: string | null): TraceLinkKind {
  return movementKind === 'split' ? 'split' : movementKind === 'merge' ? 'merge' : 'transform';
}

function toTraceLot(row: LotRow, today: string): TraceLot {
  const lot = toLotView(row, today);
  return { lotId: lot.id, code: lot.code, itemId: lot.itemId, sku: lot.sku, itemName: lot.itemName, unit: lot.unit, status: lot.status };
}

/** The one lot the input names; a code shared by two items' lots is refused rather than guessed. */
function rootLot(db: Db, input: ParsedInput<'trace.lot'>, today: string): LotRow {
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

export function traceLot(db: Db, input: ParsedInput<'trace.lot'>, today: string): TraceResult {
  const root = rootLot(db, input, today);
  const directions: TraceDirection[] = input.direction === 'both' ? ['forward', 'backward'] : [input.direction];
  const reached: { lotId: string; depth: number; quantity: number; direction: TraceDirection }[] = [];
  const edges = new Map<TraceLinkRecord, true>();
  for (const direction of directions) {
    const walk = walkGenealogy(root.id, direction, (frontier) => linksOf(db, frontier, direction === 'forward' ? 'parent' : 'child'));
    for (const r of walk.reached) reached.push({ ...r, direction });
    for (const l of walk.links) edges.set(l as TraceLinkRecord, true);
  }
  const rows = new Map(lotRows(db, [root.id, ...reached.map((r) => r.lotId)]).map((r) => [r.id, r]));
  const lot = (id: string) => rows.get(id)!;
  const nodes: TraceNode[] = reached.map((r) => ({ ...toTraceLot(lot(r.lotId), today), direction: r.direction, depth: r.depth, quantity: fromStored(r.quantity) }));
  const edgeList: TraceEdge[] = [...edges.keys()].map((l) => ({ parentLotId: l.parentLotId, childLotId: l.childLotId, quantity: fromStored(l.quantity), kind: linkKind(l.movementKind) }));
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
    direction: input.direction,
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

export const traceHandlers = {
  'trace.lot': (ctx, input) => traceLot(ctx.station.db, input, ctx.today),
} satisfies Partial<Handlers>;
