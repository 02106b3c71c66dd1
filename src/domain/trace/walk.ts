/**
 * The trace walk: a breadth-first, level-by-level walk of lot genealogy from one root lot. The
 * links of a whole frontier are asked for at once (one indexed query per level in the store), so a
 * walk costs one round per level, not one per lot. Each lot is expanded once: cycles terminate.
 * Quantities are in stored units. The quantity that flowed along a path is its bottleneck: what
 * the root passed to the first link, bounded by each further link's quantity.
 */
export interface GenealogyLink {
  parentLotId: string;
  childLotId: string;
  /** Stored quantity of the parent that went into the child. */
  quantity: number;
}

export type TraceDirection = 'forward' | 'backward';

export interface Reached {
  lotId: string;
  depth: number;
  /** Stored quantity that flowed between the root and this lot along the paths the walk took. */
  quantity: number;
}

export interface Walk {
  /** Reached lots in walk order, the root excluded. */
  reached: Reached[];
  /** Every link between the lots walked, each once. */
  links: GenealogyLink[];
}

/** `expand` gives every link leaving (forward: as parent; backward: as child) any lot of the frontier. */
export function walkGenealogy(rootLotId: string, direction: TraceDirection, expand: (frontier: string[]) => GenealogyLink[]): Walk {
  const flow = new Map<string, number>([[rootLotId, Infinity]]);
  const depth = new Map<string, number>([[rootLotId, 0]]);
  const reached: Reached[] = [];
  const links: GenealogyLink[] = [];
  let frontier = [rootLotId];
  for (let level = 1; frontier.length > 0; level++) {
    const next: string[] = [];
    for (const link of expand(frontier)) {
      const from = direction === 'forward' ? link.parentLotId : link.childLotId;
      const to = direction === 'forward' ? link.childLotId : link.parentLotId;
      links.push(link);
      const seen = depth.get(to);
      // A link back into a lot already walked (a cycle, or a second path at the same or a shallower level) adds no lot.
      if (seen !== undefined && seen < level) continue;
      const carried = Math.min(flow.get(from) ?? 0, link.quantity);
      if (seen === undefined) {
        depth.set(to, level);
        next.push(to);
      }
      flow.set(to, (flow.get(to) ?? 0) + carried);
    }
    frontier = next;
  }
  for (const [lotId, d] of depth) if (lotId !== rootLotId) reached.push({ lotId, depth: d, quantity: flow.get(lotId)! });
  return { reached, links };
}
