/**
 * The trace graph as plain data (no Cytoscape here, so it is tested and timed on its own): lots,
 * receipts and their suppliers, shipments and their customers, placed in columns by depth
 * (ancestors left of the traced lot, descendants right, receipts and suppliers at the far left,
 * shipments and customers at the far right), each column ordered by its nodes' parents so links
 * cross little. What is shown follows the view's state: a folded lot hides what follows it (its
 * descendants and shipments, or its ancestors and receipts); a grouped customer or supplier shows
 * as one node with one edge per lot ("3 shipments") instead of a node per shipment line. A large
 * trace starts grouped, so 10k shipment lines draw as a few hundred customers.
 */
import type { TraceResult } from '../../src/contract/results';

export type NodeKind = 'root' | 'lot' | 'supplier' | 'receipt' | 'customer' | 'shipment';
export type EdgeKind = 'link' | 'ship' | 'to-party' | 'grouped';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
  /** The lot (lot and root nodes; the lot of a shipment or receipt line). */
  lotId?: string;
  /** The customer or supplier node this shipment or receipt line goes with. */
  party?: string;
  /** What a search compares with, lower case. */
  search: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
}

export interface TraceGraph {
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** Shipment and receipt lines above which customers and suppliers start grouped. */
  groupedAtStart: boolean;
  /** Every customer and supplier node id. */
  parties: string[];
}

export interface ViewState {
  folded: ReadonlySet<string>;
  /** Parties shown the other way from the default (grouped at start: these are ungrouped; else these are grouped). */
  toggled: ReadonlySet<string>;
}

export interface Visible {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Folded lot id → how many lots, shipments and receipts its fold hides. */
  hidden: Map<string, number>;
  grouped: Set<string>;
  /** Party id → number of lines it groups (grouped parties only). */
  groupedLines: Map<string, number>;
}

/** Lots above which the graph starts with the lots next to the root folded (each unfolds on demand). */
export const FOLD_LOTS = 400;

/** The lots folded when a trace is first drawn: none, or for a large trace every lot one link from the root. */
export function initialFolds(trace: TraceResult, foldLots = FOLD_LOTS): Set<string> {
  return new Set(trace.nodes.length > foldLots ? trace.nodes.filter((n) => n.depth === 1).map((n) => n.lotId) : []);
}

/** Shipment plus receipt lines above which the graph starts grouped by customer and supplier. */
export const GROUP_LINES = 150;
const COLUMN = 260;
const ROW = 46;

const lotNode = (lotId: string) => `L:${lotId}`;

interface Line {
  id: string;
  lotId: string;
  party: string;
}

export function buildGraph(trace: TraceResult, groupLines = GROUP_LINES): TraceGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const r = trace.root;
  nodes.set(lotNode(r.lotId), { id: lotNode(r.lotId), kind: 'root', label: r.code, x: 0, y: 0, lotId: r.lotId, search: `${r.code} ${r.sku} ${r.itemName}`.toLowerCase() });
  const depthOf = new Map<string, number>([[r.lotId, 0]]);
  let maxForward = 0;
  let maxBackward = 0;
  for (const n of trace.nodes) {
    const signed = n.direction === 'forward' ? n.depth : -n.depth;
    depthOf.set(n.lotId, signed);
    if (signed > maxForward) maxForward = signed;
    if (-signed > maxBackward) maxBackward = -signed;
    nodes.set(lotNode(n.lotId), { id: lotNode(n.lotId), kind: 'lot', label: n.code, x: signed * COLUMN, y: 0, lotId: n.lotId, search: `${n.code} ${n.sku} ${n.itemName}`.toLowerCase() });
  }
  for (const [i, e] of trace.edges.entries()) {
    if (!nodes.has(lotNode(e.parentLotId)) || !nodes.has(lotNode(e.childLotId))) continue;
    edges.push({ id: `E:${i}`, source: lotNode(e.parentLotId), target: lotNode(e.childLotId), kind: 'link' });
  }
  const parties = new Set<string>();
  const shipX = (maxForward + 1) * COLUMN;
  const receiptX = -(maxBackward + 1) * COLUMN;
  const lines: Line[] = [];
  for (const [i, s] of trace.shipments.entries()) {
    const party = `C:${s.customerCode ?? '?'}`;
    if (!nodes.has(party)) {
      parties.add(party);
      nodes.set(party, { id: party, kind: 'customer', label: s.customerCode ?? '?', x: shipX + COLUMN, y: 0, search: `${s.customerCode ?? ''} ${s.customerName ?? ''} ${s.region ?? ''}`.toLowerCase() });
    }
    const id = `H:${i}`;
    nodes.set(id, { id, kind: 'shipment', label: s.shipmentNumber, x: shipX, y: 0, lotId: s.lotId, party, search: s.shipmentNumber.toLowerCase() });
    lines.push({ id, lotId: s.lotId, party });
    edges.push({ id: `ES:${i}`, source: lotNode(s.lotId), target: id, kind: 'ship' });
    edges.push({ id: `EC:${i}`, source: id, target: party, kind: 'to-party' });
  }
  for (const [i, rc] of trace.receipts.entries()) {
    const party = `S:${rc.supplierCode ?? '?'}`;
    if (!nodes.has(party)) {
      parties.add(party);
      nodes.set(party, { id: party, kind: 'supplier', label: rc.supplierCode ?? '?', x: receiptX - COLUMN, y: 0, search: `${rc.supplierCode ?? ''} ${rc.supplierName ?? ''}`.toLowerCase() });
    }
    const id = `R:${i}`;
    nodes.set(id, { id, kind: 'receipt', label: rc.receiptNumber, x: receiptX, y: 0, lotId: rc.lotId, party, search: `${rc.receiptNumber} ${rc.supplierLot ?? ''}`.toLowerCase() });
    lines.push({ id, lotId: rc.lotId, party });
    edges.push({ id: `ER:${i}`, source: party, target: id, kind: 'to-party' });
    edges.push({ id: `EL:${i}`, source: id, target: lotNode(rc.lotId), kind: 'ship' });
  }
  // Grouped edges: one per lot and party, carrying the number of lines.
  const grouped = new Map<string, { lot: string; party: string; count: number; customer: boolean }>();
  for (const l of lines) {
    const key = `G:${l.lotId}:${l.party}`;
    const g = grouped.get(key) ?? { lot: lotNode(l.lotId), party: l.party, count: 0, customer: l.party.startsWith('C:') };
    g.count++;
    grouped.set(key, g);
  }
  for (const [id, g] of grouped) {
    edges.push(g.customer ? { id, source: g.lot, target: g.party, kind: 'grouped', label: String(g.count) } : { id, source: g.party, target: g.lot, kind: 'grouped', label: String(g.count) });
  }
  place(nodes, edges);
  return { nodes, edges, groupedAtStart: lines.length > groupLines, parties: [...parties] };
}

/** Each column in turn from the root outwards, ordered by the mean height of what links into it, then spaced evenly. */
function place(nodes: Map<string, GraphNode>, edges: GraphEdge[]): void {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === 'grouped') continue;
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    }
  }
  const columns = new Map<number, GraphNode[]>();
  for (const n of nodes.values()) {
    const col = columns.get(n.x);
    if (col) col.push(n);
    else columns.set(n.x, [n]);
  }
  const placed = new Set<string>();
  const order = [...columns.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const x of order) {
    const col = columns.get(x)!;
    const key = new Map<string, number>();
    for (const [i, n] of col.entries()) {
      let sum = 0;
      let count = 0;
      for (const m of neighbours.get(n.id) ?? []) {
        if (!placed.has(m)) continue;
        sum += nodes.get(m)!.y;
        count++;
      }
      key.set(n.id, count ? sum / count : i);
    }
    col.sort((a, b) => key.get(a.id)! - key.get(b.id)! || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const gap = col[0].kind === 'customer' || col[0].kind === 'supplier' ? ROW * 1.6 : ROW;
    for (const [i, n] of col.entries()) {
      n.y = (i - (col.length - 1) / 2) * gap;
      placed.add(n.id);
    }
  }
}

/** Whether a party shows as one grouped node in this state. */
export function isGrouped(graph: TraceGraph, state: ViewState, party: string): boolean {
  return graph.groupedAtStart !== state.toggled.has(party);
}

/**
 * What the state shows: the lots reached from the root without passing a folded lot (in each
 * lot's own direction), their lines unless the lot is folded, the parties of those lines (one
 * node per line, or one grouped edge per lot), and what each fold hides.
 */
export function visibleGraph(graph: TraceGraph, state: ViewState): Visible {
  const { nodes, edges } = graph;
  const follows = new Map<string, GraphEdge[]>();
  const add = (from: string, e: GraphEdge) => {
    const list = follows.get(from);
    if (list) list.push(e);
    else follows.set(from, [e]);
  };
  let root = '';
  for (const n of nodes.values()) if (n.kind === 'root') root = n.id;
  const forward = (id: string) => nodes.get(id)!.x > 0;
  const backward = (id: string) => nodes.get(id)!.x < 0;
  for (const e of edges) {
    // A link is followed from the side nearer the root: parent→child forward, child→parent backward.
    if (e.kind === 'link') {
      if (forward(e.target)) add(e.source, e);
      else if (backward(e.source)) add(e.target, e);
    }
  }
  const lotFolded = (id: string) => state.folded.has(nodes.get(id)!.lotId!);
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    if (lotFolded(id)) continue;
    for (const e of follows.get(id) ?? []) {
      const next = e.source === id ? e.target : e.source;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const open = (lotId: string) => seen.has(lotNode(lotId)) && !state.folded.has(lotId);
  const grouped = new Set<string>();
  const groupedLines = new Map<string, number>();
  const shownNodes = new Set<string>(seen);
  for (const n of nodes.values()) {
    if ((n.kind !== 'shipment' && n.kind !== 'receipt') || !open(n.lotId!)) continue;
    shownNodes.add(n.party!);
    if (isGrouped(graph, state, n.party!)) {
      grouped.add(n.party!);
      groupedLines.set(n.party!, (groupedLines.get(n.party!) ?? 0) + 1);
    } else shownNodes.add(n.id);
  }
  const shownEdges = edges.filter((e) => {
    if (!shownNodes.has(e.source) || !shownNodes.has(e.target)) return false;
    if (e.kind === 'grouped') {
      const lot = e.source.startsWith('L:') ? e.source : e.target;
      const party = lot === e.source ? e.target : e.source;
      return grouped.has(party) && !state.folded.has(nodes.get(lot)!.lotId!);
    }
    return true;
  });
  const hidden = new Map<string, number>();
  for (const lotId of state.folded) {
    if (!seen.has(lotNode(lotId))) continue;
    hidden.set(lotId, hiddenBy(graph, follows, lotId, seen));
  }
  return { nodes: [...shownNodes].map((id) => nodes.get(id)!), edges: shownEdges, hidden, grouped, groupedLines };
}

/** The lots a fold hides (reachable only through it) and the lines of the lot and of those lots. */
function hiddenBy(graph: TraceGraph, follows: Map<string, GraphEdge[]>, lotId: string, seen: Set<string>): number {
  const start = lotNode(lotId);
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const e of follows.get(queue[i]) ?? []) {
      const next = e.source === queue[i] ? e.target : e.source;
      if (!reached.has(next) && !seen.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  let count = reached.size - 1;
  for (const n of graph.nodes.values()) if ((n.kind === 'shipment' || n.kind === 'receipt') && reached.has(lotNode(n.lotId!))) count++;
  return count;
}

/**
 * The shown nodes a search lights: those that match, and for a matching line hidden in a
 * grouped party, that party. `count` is every node that matches, shown or not.
 */
export function searchGraph(graph: TraceGraph, visible: Visible, query: string): { lit: string[]; count: number } {
  const q = query.trim().toLowerCase();
  if (!q) return { lit: [], count: 0 };
  const shown = new Set(visible.nodes.map((n) => n.id));
  const lit = new Set<string>();
  let count = 0;
  for (const n of graph.nodes.values()) {
    if (!n.search.includes(q)) continue;
    count++;
    if (shown.has(n.id)) lit.add(n.id);
    else if (n.party && visible.grouped.has(n.party)) lit.add(n.party);
  }
  return { lit: [...lit], count };
}
