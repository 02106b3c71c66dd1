/**
 * The trace index (issue 16): the whole genealogy in typed arrays, so a trace is a walk over
 * integers instead of index probes. Lots are numbered by their stable `lots.no`; a link is a
 * position in the link arrays (parent no, child no, stored quantity, kind); a shipment or receipt
 * line is a position in the line arrays (its `document_lines.no`, its party, its lot), and the
 * positions are in the order a trace lists them (shipped or received at, document number, line).
 *
 * Per lot, the links leaving it (as parent), the links entering it (as child) and its lines are
 * compressed sparse rows built once, plus an append-only overflow (small arrays per lot) for what
 * was written after: a new link or line costs an array push. The walk is `walkGenealogy`'s, over
 * numbers, with the same results (the property tests hold both to a recursive CTE): level by
 * level, each lot expanded once (cycles end), depth the shortest number of links, the quantity
 * the bottleneck along the paths of that depth, summed. Scratch marks are stamped per walk, so a
 * walk touches only what it reaches, never the whole million.
 *
 * Pure: no SQL (src/store/trace-index.ts feeds it).
 */
import type { TraceDirection } from './walk';

export const LINK_KIND = { transform: 0, split: 1, merge: 2 } as const;

class Column<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(16, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}
const ints = (n: number) => new Int32Array(n);
const floats = (n: number) => new Float64Array(n);
const bytes = (n: number) => new Uint8Array(n);

/** Rows grouped by a key (lot no), built once from (key, value) pairs by a counting sort. */
class Rows {
  offsets: Int32Array;
  values: Int32Array;
  extra = new Map<number, number[]>();
  constructor(keys: Int32Array, count: number, keySpace: number, value: (i: number) => number = (i) => i) {
    this.offsets = new Int32Array(keySpace + 1);
    for (let i = 0; i < count; i++) this.offsets[keys[i] + 1]++;
    for (let k = 0; k < keySpace; k++) this.offsets[k + 1] += this.offsets[k];
    this.values = new Int32Array(count);
    const fill = this.offsets.slice(0, keySpace);
    for (let i = 0; i < count; i++) this.values[fill[keys[i]]++] = value(i);
  }
  add(key: number, value: number): void {
    const list = this.extra.get(key);
    if (list) list.push(value);
    else this.extra.set(key, [value]);
  }
  forEach(key: number, fn: (value: number) => void): void {
    if (key + 1 < this.offsets.length) for (let i = this.offsets[key], end = this.offsets[key + 1]; i < end; i++) fn(this.values[i]);
    const list = this.extra.get(key);
    if (list) for (const v of list) fn(v);
  }
  get bytes(): number {
    return this.offsets.byteLength + this.values.byteLength;
  }
}

/** Lines (shipment or receipt) in trace order, each with its `document_lines.no`, its party and its lot. */
export class LineTable {
  readonly lineNo: Column<Int32Array>;
  readonly party: Column<Int32Array>;
  readonly lot: Column<Int32Array>;
  byLot: Rows;
  constructor(lineNo: Int32Array, party: Int32Array, lot: Int32Array, count: number, lotSpace: number) {
    this.lineNo = new Column(lineNo, ints);
    this.party = new Column(party, ints);
    this.lot = new Column(lot, ints);
    this.lineNo.length = this.party.length = this.lot.length = count;
    this.byLot = new Rows(lot, count, lotSpace);
  }
  get count(): number {
    return this.lineNo.length;
  }
  /** A line written after the build; it must sort after every line there (the caller checks, else rebuilds). */
  append(lineNo: number, party: number, lot: number): void {
    const at = this.lineNo.length;
    this.lineNo.push(lineNo);
    this.party.push(party);
    this.lot.push(lot);
    this.byLot.add(lot, at);
  }
  get bytes(): number {
    return this.lineNo.data.byteLength + this.party.data.byteLength + this.lot.data.byteLength + this.byLot.bytes;
  }
}

export interface IndexedWalk {
  /** Reached lot numbers in walk order, the root excluded. */
  lots: number[];
  depth: number[];
  /** Stored quantity that flowed between the root and the lot. */
  quantity: number[];
  /** Link positions walked, each once per walk, in walk order. */
  links: number[];
}

export interface LinkColumns {
  parent: Int32Array;
  child: Int32Array;
  quantity: Float64Array;
  kind: Uint8Array;
  count: number;
}

export class GenealogyIndex {
  private readonly parent: Column<Int32Array>;
  private readonly child: Column<Int32Array>;
  private readonly quantity: Column<Float64Array>;
  private readonly kind: Column<Uint8Array>;
  private readonly out: Rows;
  private readonly in: Rows;
  /** Per-walk scratch, valid where mark === stamp. */
  private mark: Uint32Array;
  private depthOf: Int32Array;
  private flowOf: Float64Array;
  private stamp = 0;
  private partyMark = new Uint32Array(16);
  private partyStamp = 0;

  constructor(
    links: LinkColumns,
    /** One more than the largest lot no. */
    public lotSpace: number,
    readonly shipments: LineTable,
    readonly receipts: LineTable,
  ) {
    this.parent = new Column(links.parent, ints);
    this.child = new Column(links.child, ints);
    this.quantity = new Column(links.quantity, floats);
    this.kind = new Column(links.kind, bytes);
    this.parent.length = this.child.length = this.quantity.length = this.kind.length = links.count;
    this.out = new Rows(links.parent, links.count, lotSpace);
    this.in = new Rows(links.child, links.count, lotSpace);
    this.mark = new Uint32Array(lotSpace);
    this.depthOf = new Int32Array(lotSpace);
    this.flowOf = new Float64Array(lotSpace);
  }

  get linkCount(): number {
    return this.parent.length;
  }

  link(i: number): { parent: number; child: number; quantity: number; kind: number } {
    return { parent: this.parent.data[i], child: this.child.data[i], quantity: this.quantity.data[i], kind: this.kind.data[i] };
  }

  /** Room for lots numbered below `space` (new lots were written). */
  growLots(space: number): void {
    if (space <= this.lotSpace) return;
    const size = Math.max(space, Math.ceil(this.lotSpace * 1.25));
    const mark = new Uint32Array(size);
    mark.set(this.mark);
    this.mark = mark;
    this.depthOf = new Int32Array(size);
    this.flowOf = new Float64Array(size);
    this.lotSpace = size;
  }

  addLink(parent: number, child: number, quantity: number, kind: number): void {
    this.growLots(Math.max(parent, child) + 1);
    const at = this.parent.length;
    this.parent.push(parent);
    this.child.push(child);
    this.quantity.push(quantity);
    this.kind.push(kind);
    this.out.add(parent, at);
    this.in.add(child, at);
  }

  walk(root: number, direction: TraceDirection): IndexedWalk {
    const stamp = this.nextStamp();
    const { mark, depthOf, flowOf } = this;
    const rows = direction === 'forward' ? this.out : this.in;
    const far = direction === 'forward' ? this.child.data : this.parent.data;
    const qty = this.quantity.data;
    const result: IndexedWalk = { lots: [], depth: [], quantity: [], links: [] };
    if (root >= this.lotSpace) return result;
    mark[root] = stamp;
    depthOf[root] = 0;
    flowOf[root] = Infinity;
    const offsets = rows.offsets;
    const values = rows.values;
    const built = offsets.length - 1;
    const visit = (from: number, e: number, level: number, next: number[]) => {
      result.links.push(e);
      const to = far[e];
      const seen = mark[to] === stamp;
      if (seen && depthOf[to] < level) return;
      if (!seen) {
        mark[to] = stamp;
        depthOf[to] = level;
        flowOf[to] = 0;
        next.push(to);
        result.lots.push(to);
      }
      const carried = flowOf[from] < qty[e] ? flowOf[from] : qty[e];
      flowOf[to] += carried;
    };
    let frontier = [root];
    for (let level = 1; frontier.length > 0; level++) {
      const next: number[] = [];
      for (const from of frontier) {
        if (from < built) for (let i = offsets[from], end = offsets[from + 1]; i < end; i++) visit(from, values[i], level, next);
        const extra = rows.extra.size > 0 ? rows.extra.get(from) : undefined;
        if (extra) for (const e of extra) visit(from, e, level, next);
      }
      frontier = next;
    }
    for (const lot of result.lots) {
      result.depth.push(depthOf[lot]);
      result.quantity.push(flowOf[lot]);
    }
    return result;
  }

  /** The line positions of these lots, in trace order, and how many distinct parties they name. */
  linesOf(table: LineTable, lots: number[]): { lines: Int32Array; parties: number } {
    const { offsets, values, extra } = table.byLot;
    const built = offsets.length - 1;
    let n = 0;
    for (const lot of lots) {
      if (lot < built) n += offsets[lot + 1] - offsets[lot];
      if (extra.size > 0) n += extra.get(lot)?.length ?? 0;
    }
    const lines = new Int32Array(n);
    n = 0;
    for (const lot of lots) {
      if (lot < built) for (let i = offsets[lot], end = offsets[lot + 1]; i < end; i++) lines[n++] = values[i];
      const more = extra.size > 0 ? extra.get(lot) : undefined;
      if (more) for (const v of more) lines[n++] = v;
    }
    lines.sort();
    const stamp = ++this.partyStamp;
    let parties = 0;
    const party = table.party.data;
    for (const i of lines) {
      const p = party[i] + 1; // -1 (no party) counts as one
      if (p >= this.partyMark.length) {
        const bigger = new Uint32Array(Math.max(p + 1, this.partyMark.length * 2));
        bigger.set(this.partyMark);
        this.partyMark = bigger;
      }
      if (this.partyMark[p] !== stamp) {
        this.partyMark[p] = stamp;
        parties++;
      }
    }
    return { lines, parties };
  }

  /** Bytes held by the typed arrays (the overflow lists not counted). */
  get bytes(): number {
    return (
      this.parent.data.byteLength + this.child.data.byteLength + this.quantity.data.byteLength + this.kind.data.byteLength +
      this.out.bytes + this.in.bytes + this.mark.byteLength + this.depthOf.byteLength + this.flowOf.byteLength +
      this.shipments.bytes + this.receipts.bytes
    );
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}
