/**
 * What a recall reaches: each root lot traced forward through `traceLot` (the trace engine's API;
 * its internals are not ours), the union of roots and descendants with their shallowest depth,
 * the genealogy edges between them, and the shipments of all of them.
 */
import { AppError } from '../../domain/errors';
import type { ParsedInput } from '../../contract/contract';
import type { TraceEdge, TraceLot, TraceResult, TraceShipment } from '../../contract/results';
import type { Db } from '../../store/db';
import { traceLot } from '../trace/trace-lot';

/** A root as the contract takes it: by id, by internal code, or a scanned label. */
export type RootInput = ParsedInput<'recall.start'>['roots'][number];

export interface AffectedLot extends TraceLot {
  depth: number;
  root: boolean;
}

export interface Affected {
  roots: TraceLot[];
  lots: AffectedLot[];
  edges: TraceEdge[];
  shipments: TraceShipment[];
}

/** A trace error of root i names the field inside the roots list (roots.1.lotCode). */
function traceRoot(db: Db, root: RootInput, i: number, today: string): TraceResult {
  try {
    return traceLot(db, { ...root, direction: 'forward' } as ParsedInput<'trace.lot'>, today);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const d = err.data;
    throw new AppError(d.code, d.key, d.params, `roots.${i}${d.field ? `.${d.field}` : ''}`);
  }
}

export function affectedBy(db: Db, roots: RootInput[], today: string): Affected {
  return union(roots.map((r, i) => traceRoot(db, r, i, today)));
}

/** The same reach from stored root ids (a recall's roots, read again for its detail and report). */
export function affectedByIds(db: Db, rootIds: string[], today: string): Affected {
  return union(rootIds.map((lotId) => traceLot(db, { lotId, direction: 'forward' }, today)));
}

function union(traces: TraceResult[]): Affected {
  const lots = new Map<string, AffectedLot>();
  const edges = new Map<string, TraceEdge>();
  const shipments: TraceShipment[] = [];
  /** The first trace that reaches a lot reports its shipments: overlapping roots do not count a line twice. */
  const owner = new Map<string, number>();
  traces.forEach((t, i) => [t.root.lotId, ...t.nodes.map((n) => n.lotId)].forEach((id) => owner.has(id) || owner.set(id, i)));
  for (const t of traces) {
    lots.set(t.root.lotId, { ...t.root, depth: 0, root: true });
  }
  for (const t of traces) {
    for (const n of t.nodes) {
      const known = lots.get(n.lotId);
      if (!known || (!known.root && n.depth < known.depth)) {
        lots.set(n.lotId, { lotId: n.lotId, code: n.code, itemId: n.itemId, sku: n.sku, itemName: n.itemName, unit: n.unit, status: n.status, depth: known?.root ? 0 : n.depth, root: known?.root ?? false });
      }
    }
    for (const e of t.edges) edges.set(`${e.parentLotId}>${e.childLotId}>${e.kind}`, e);
    const i = traces.indexOf(t);
    for (const s of t.shipments) if (owner.get(s.lotId) === i) shipments.push(s);
  }
  return {
    roots: traces.map((t) => t.root),
    lots: [...lots.values()].sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code)),
    edges: [...edges.values()],
    shipments,
  };
}
