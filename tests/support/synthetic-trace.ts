/**
 * A large trace result made up in memory, shaped like a common ingredient's: a forward tree of
 * lots a few levels deep whose leaves ship to many customers, and a short backward side with its
 * receipts. For measuring the trace screen's graph (the trace query has its own benchmarks).
 */
import type { TraceResult, TraceNode, TraceEdge, TraceShipment, TraceReceipt } from '../../src/contract/results';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticTrace(options: { lots: number; shipments: number; customers: number; ancestors?: number; receipts?: number; seed?: number }): TraceResult {
  const rnd = random(options.seed ?? 7);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const lot = (i: number) => ({ lotId: `lot-${i}`, code: `L${String(i).padStart(6, '0')}`, itemId: 'item-1', sku: 'SYRUP-BASE', itemName: 'Base syrup', unit: 'kg', status: 'released' as const });
  const root = lot(0);
  const nodes: TraceNode[] = [];
  const edges: TraceEdge[] = [];
  // Forward: each new lot takes a parent among the lots one level up, up to six levels.
  const levels: string[][] = [[root.lotId]];
  for (let i = 1; i <= options.lots; i++) {
    const depth = Math.min(6, 1 + Math.floor((Math.log(i) / Math.log(options.lots + 1)) * 6));
    const parents = levels[depth - 1] ?? levels[levels.length - 1];
    const parent = pick(parents);
    (levels[depth] ??= []).push(lot(i).lotId);
    nodes.push({ ...lot(i), direction: 'forward', depth, quantity: 1 + Math.floor(rnd() * 50) });
    edges.push({ parentLotId: parent, childLotId: lot(i).lotId, quantity: 1, kind: pick(['split', 'merge', 'transform'] as const) });
  }
  const ancestors = options.ancestors ?? 40;
  for (let i = 0; i < ancestors; i++) {
    const id = options.lots + 1 + i;
    nodes.push({ ...lot(id), direction: 'backward', depth: i < 3 ? 1 : 2, quantity: 10 });
    edges.push({ parentLotId: lot(id).lotId, childLotId: i < 3 ? root.lotId : lot(options.lots + 1 + (i % 3)).lotId, quantity: 10, kind: 'merge' });
  }
  const leaves = nodes.filter((n) => n.direction === 'forward').map((n) => n);
  const shipments: TraceShipment[] = [];
  for (let i = 0; i < options.shipments; i++) {
    const from = pick(leaves);
    const c = Math.floor(rnd() * options.customers);
    shipments.push({
      lotId: from.lotId, lotCode: from.code, shipmentNumber: `SH-${String(i).padStart(6, '0')}`, customerCode: `CUS-${String(c).padStart(4, '0')}`,
      customerName: `Customer ${c}`, region: `R-${c % 30}`, channel: c % 2 ? 'retail' : 'wholesale', shippedAt: '2026-11-01T08:00:00.000Z', quantity: 2, unit: 'kg',
    });
  }
  const receipts: TraceReceipt[] = [];
  const backward = [root, ...nodes.filter((n) => n.direction === 'backward')];
  for (let i = 0; i < (options.receipts ?? 60); i++) {
    const to = pick(backward);
    receipts.push({
      lotId: to.lotId, lotCode: to.code, receiptNumber: `RC-${i}`, supplierCode: `SUP-${i % 12}`, supplierName: `Supplier ${i % 12}`, supplierLot: `S${i}`,
      purchaseOrderNumber: null, receivedAt: '2026-10-01T08:00:00.000Z', quantity: 100, unit: 'kg',
    });
  }
  return {
    root, direction: 'both', nodes, edges, shipments, receipts,
    totals: {
      lots: nodes.length, edges: edges.length, shipments: shipments.length, customers: new Set(shipments.map((s) => s.customerCode)).size,
      receipts: receipts.length, suppliers: new Set(receipts.map((r) => r.supplierCode)).size, maxDepth: Math.max(...nodes.map((n) => n.depth)),
    },
  };
}
