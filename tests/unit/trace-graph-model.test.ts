/**
 * The trace graph's model (renderer/trace/graph-model.ts): which nodes and edges a state shows.
 * A small trace by hand (root → A → B, root → C; B and C shipped; the root received), then a
 * synthetic 10k-node one: it starts grouped by customer, and every state stays consistent (no
 * edge to a node not shown; a fold hides exactly what only it leads to).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, initialFolds, searchGraph, visibleGraph, GROUP_LINES } from '../../renderer/trace/graph-model';
import type { TraceResult } from '../../src/contract/results';
import { syntheticTrace } from '../support/synthetic-trace';

const lot = (id: string) => ({ lotId: id, code: id.toUpperCase(), itemId: 'i', sku: 'TEA', itemName: 'Tea', unit: 'pcs', status: 'released' as const });
const ship = (lotId: string, n: string, customer: string) => ({ lotId, lotCode: lotId.toUpperCase(), shipmentNumber: n, customerCode: customer, customerName: `${customer} name`, region: 'CN-SH', channel: 'retail', shippedAt: '2026-11-01T00:00:00Z', quantity: 1, unit: 'pcs' });
const small: TraceResult = {
  root: lot('r'),
  direction: 'both',
  nodes: [
    { ...lot('a'), direction: 'forward', depth: 1, quantity: 5 },
    { ...lot('b'), direction: 'forward', depth: 2, quantity: 3 },
    { ...lot('c'), direction: 'forward', depth: 1, quantity: 2 },
    { ...lot('p'), direction: 'backward', depth: 1, quantity: 9 },
  ],
  edges: [
    { parentLotId: 'r', childLotId: 'a', quantity: 5, kind: 'split' },
    { parentLotId: 'a', childLotId: 'b', quantity: 3, kind: 'transform' },
    { parentLotId: 'r', childLotId: 'c', quantity: 2, kind: 'split' },
    { parentLotId: 'p', childLotId: 'r', quantity: 9, kind: 'merge' },
  ],
  shipments: [ship('b', 'SH-1', 'CUS-X'), ship('b', 'SH-2', 'CUS-X'), ship('c', 'SH-3', 'CUS-Y')],
  receipts: [{ lotId: 'p', lotCode: 'P', receiptNumber: 'RC-1', supplierCode: 'SUP-1', supplierName: 'Tea Co', supplierLot: 'T1', purchaseOrderNumber: null, receivedAt: '2026-10-01T00:00:00Z', quantity: 9, unit: 'pcs' }],
  totals: { lots: 4, edges: 4, shipments: 3, customers: 2, receipts: 1, suppliers: 1, maxDepth: 2 },
};
const none = new Set<string>();
const ids = (v: { nodes: { id: string }[] }) => v.nodes.map((n) => n.id).sort();

function consistent(v: ReturnType<typeof visibleGraph>): void {
  const shown = new Set(v.nodes.map((n) => n.id));
  expect(v.edges.filter((e) => !shown.has(e.source) || !shown.has(e.target))).toEqual([]);
  expect(new Set(v.edges.map((e) => e.id)).size).toBe(v.edges.length);
}

describe('trace graph model', () => {
  it('shows every lot, shipment, customer, receipt and supplier of a small trace, descendants right and ancestors left', () => {
    const g = buildGraph(small);
    expect(g.groupedAtStart).toBe(false);
    const v = visibleGraph(g, { folded: none, toggled: none });
    expect(ids(v)).toEqual(['C:CUS-X', 'C:CUS-Y', 'H:0', 'H:1', 'H:2', 'L:a', 'L:b', 'L:c', 'L:p', 'L:r', 'R:0', 'S:SUP-1']);
    consistent(v);
    const x = (id: string) => g.nodes.get(id)!.x;
    expect(x('L:p')).toBeLessThan(x('L:r'));
    expect(x('L:r')).toBeLessThan(x('L:a'));
    expect(x('L:a')).toBeLessThan(x('L:b'));
    expect(x('L:b')).toBeLessThan(x('H:0'));
    expect(x('H:0')).toBeLessThan(x('C:CUS-X'));
    expect(x('S:SUP-1')).toBeLessThan(x('R:0'));
    // No two nodes share a place.
    expect(new Set([...g.nodes.values()].map((n) => `${n.x},${n.y}`)).size).toBe(g.nodes.size);
  });

  it('folds a lot: what only it leads to goes, and the fold says how much', () => {
    const g = buildGraph(small);
    const v = visibleGraph(g, { folded: new Set(['a']), toggled: none });
    expect(ids(v)).toEqual(['C:CUS-Y', 'H:2', 'L:a', 'L:c', 'L:p', 'L:r', 'R:0', 'S:SUP-1']);
    expect(v.hidden.get('a')).toBe(3); // lot b and its two shipments
    consistent(v);
    const root = visibleGraph(g, { folded: new Set(['r']), toggled: none });
    expect(ids(root)).toEqual(['L:r']);
    expect(root.hidden.get('r')).toBe(4 + 3 + 1);
  });

  it('groups a customer: one node with one edge per lot carrying the count', () => {
    const g = buildGraph(small);
    const v = visibleGraph(g, { folded: none, toggled: new Set(['C:CUS-X']) });
    expect(ids(v)).toEqual(['C:CUS-X', 'C:CUS-Y', 'H:2', 'L:a', 'L:b', 'L:c', 'L:p', 'L:r', 'R:0', 'S:SUP-1']);
    expect(v.edges.filter((e) => e.kind === 'grouped').map((e) => [e.source, e.target, e.label])).toEqual([['L:b', 'C:CUS-X', '2']]);
    expect(v.groupedLines.get('C:CUS-X')).toBe(2);
    consistent(v);
  });

  it('searches lot codes, customers and shipment numbers; a match inside a grouped customer lights the customer', () => {
    const g = buildGraph(small);
    const open = visibleGraph(g, { folded: none, toggled: none });
    expect(searchGraph(g, open, 'cus-x')).toEqual({ lit: ['C:CUS-X'], count: 1 });
    expect(searchGraph(g, open, 'B')).toMatchObject({ lit: ['L:b'] });
    const grouped = visibleGraph(g, { folded: none, toggled: new Set(['C:CUS-X']) });
    expect(searchGraph(g, grouped, 'sh-1')).toEqual({ lit: ['C:CUS-X'], count: 1 });
    expect(searchGraph(g, grouped, '  ')).toEqual({ lit: [], count: 0 });
  });

  it('starts a 10k-node trace grouped by customer and keeps every state consistent', () => {
    const trace = syntheticTrace({ lots: 3000, shipments: 7000, customers: 300 });
    const g = buildGraph(trace);
    const grouped = visibleGraph(g, { folded: none, toggled: none });
    expect(trace.shipments.length + trace.receipts.length).toBeGreaterThan(GROUP_LINES);
    expect(g.groupedAtStart).toBe(true);
    expect(grouped.nodes.filter((n) => n.kind === 'shipment')).toEqual([]);
    expect(grouped.nodes.filter((n) => n.kind === 'customer').length).toBe(trace.totals.customers);
    consistent(grouped);
    const all = visibleGraph(g, { folded: none, toggled: new Set(g.parties) });
    expect(all.nodes.length).toBe(1 + trace.nodes.length + trace.shipments.length + trace.receipts.length + trace.totals.customers + trace.totals.suppliers);
    expect(all.nodes.length).toBeGreaterThan(10_000);
    consistent(all);
    const firstChild = trace.edges.find((e) => e.parentLotId === trace.root.lotId)!.childLotId;
    const folded = visibleGraph(g, { folded: new Set([firstChild]), toggled: new Set(g.parties) });
    consistent(folded);
    expect(all.nodes.length - folded.nodes.length).toBeLessThanOrEqual(folded.hidden.get(firstChild)! + trace.totals.customers);
  });
});

describe('a large trace at first draw', () => {
  it('folds the lots next to the root, so the first draw is small, and unfolding shows them all', () => {
    const trace = syntheticTrace({ lots: 3000, shipments: 7000, customers: 300 });
    const g = buildGraph(trace);
    const folds = initialFolds(trace);
    expect([...folds].sort()).toEqual(trace.nodes.filter((n) => n.depth === 1).map((n) => n.lotId).sort());
    const first = visibleGraph(g, { folded: folds, toggled: none });
    consistent(first);
    // Only lots linked to the root itself remain (the synthetic tree links a few deeper lots to it directly).
    const nextToRoot = new Set(trace.edges.filter((e) => e.parentLotId === trace.root.lotId || e.childLotId === trace.root.lotId).map((e) => (e.parentLotId === trace.root.lotId ? e.childLotId : e.parentLotId)));
    expect(first.nodes.filter((n) => n.kind === 'lot').map((n) => n.lotId).sort()).toEqual([...nextToRoot].sort());
    expect(first.nodes.length).toBeLessThan(500);
    expect([...first.hidden.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(9000);
    expect(initialFolds(small).size).toBe(0);
  });
});
