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
  /** Puts `values[j]` in before the held position `at[j]` (see `spreadInto`); the length grows by their number. */
  insert(at: readonly number[], values: readonly number[]): void {
    const size = this.length + at.length;
    if (size > this.data.length) {
      const bigger = this.make(Math.max(size, this.data.length * 2));
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    spreadInto(this.data, this.length, at, values);
    this.length = size;
  }
}

/**
 * Inserts into the first `count` entries of `data` (room for `at.length` more): `values[j]` goes in
 * before the held entry `at[j]` (`at` ascending; equal ones keep their order), so it lands at
 * `at[j] + j` and a held entry p moves up by `shiftOf(at, p)`. One backward pass of `copyWithin`.
 */
export function spreadInto(data: Int32Array | Float64Array | Uint8Array, count: number, at: readonly number[], values: readonly number[]): void {
  let end = count;
  for (let j = at.length - 1; j >= 0; j--) {
    data.copyWithin(at[j] + j + 1, at[j], end);
    data[at[j] + j] = values[j];
    end = at[j];
  }
}

/** How far `spreadInto` moved the held entry p: the number of `at[j] <= p`. */
export function shiftOf(at: readonly number[], p: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  /** Every value v becomes `to(v)` (line positions after an insert). */
  renumber(to: (v: number) => number): void {
    const values = this.values;
    for (let i = 0; i < values.length; i++) values[i] = to(values[i]);
    for (const list of this.extra.values()) for (let i = 0; i < list.length; i++) list[i] = to(list[i]);
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
  /** A line written after the build that sorts after every line held (else `insert`). */
  append(lineNo: number, party: number, lot: number): void {
    const at = this.lineNo.length;
    this.lineNo.push(lineNo);
    this.party.push(party);
    this.lot.push(lot);
    this.byLot.add(lot, at);
  }
  /**
   * Lines written after the build that sort before lines held (a back-dated shipment, a later line
   * of an older receipt): line j goes in before the held position `at[j]` (ascending, equal ones in
   * trace order), so positions stay in trace order and a trace reads them as before. Costs one pass
   * over the table (a memmove per column and the per-lot positions renumbered), not a rebuild.
   */
  insert(at: readonly number[], lineNo: readonly number[], party: readonly number[], lot: readonly number[]): void {
    if (at.length === 0) return;
    const first = at[0];
    this.byLot.renumber(at.length === 1 ? (p) => (p >= first ? p + 1 : p) : (p) => (p >= first ? p + shiftOf(at, p) : p));
    this.lineNo.insert(at, lineNo);
    this.party.insert(at, party);
    this.lot.insert(at, lot);
    for (let j = 0; j < at.length; j++) this.byLot.add(lot[j], at[j] + j);
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
  /** Per-walk scratch, two slots per lot: the walk's stamp and the lot's position in it (valid where the stamp matches). */
  private scratch: Int32Array;
  private stamp = 0;
  private partyMark = new Uint32Array(16);
  private partyStamp = 0;
  /** Per-call scratch of `distinctLinks`, valid where linkSeen === linkStamp. */
  private linkSeen = new Uint32Array(16);
  private linkStamp = 0;
  /** One bit per line position, set while `linesOf` gathers and cleared as it reads them back. */
  private lineBits = new Int32Array(16);

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
    this.scratch = new Int32Array(2 * lotSpace);
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
    const scratch = new Int32Array(2 * size);
    scratch.set(this.scratch);
    this.scratch = scratch;
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
    const scratch = this.scratch;
    const rows = direction === 'forward' ? this.out : this.in;
    const far = direction === 'forward' ? this.child.data : this.parent.data;
    const qty = this.quantity.data;
    const lots: number[] = [];
    const depth: number[] = [];
    const flow: number[] = [];
    const links: number[] = [];
    const result: IndexedWalk = { lots, depth, quantity: flow, links };
    if (root >= this.lotSpace) return result;
    // Per lot [stamp, position in `lots`] side by side: a reached lot costs one cache line, not three.
    scratch[2 * root] = stamp;
    scratch[2 * root + 1] = -1;
    const offsets = rows.offsets;
    const values = rows.values;
    const built = offsets.length - 1;
    const visit = (e: number, carriedIn: number, level: number) => {
      links.push(e);
      const to = far[e];
      const carried = carriedIn < qty[e] ? carriedIn : qty[e];
      if (scratch[2 * to] === stamp) {
        const at = scratch[2 * to + 1];
        // The root (-1) and lots reached at a shallower depth keep what they have.
        if (at >= 0 && depth[at] === level) flow[at] += carried;
        return;
      }
      scratch[2 * to] = stamp;
      scratch[2 * to + 1] = lots.length;
      lots.push(to);
      depth.push(level);
      flow.push(carried);
    };
    const expand = (from: number, carried: number, level: number) => {
      if (from < built) for (let i = offsets[from], end = offsets[from + 1]; i < end; i++) visit(values[i], carried, level);
      const extra = rows.extra.size > 0 ? rows.extra.get(from) : undefined;
      if (extra) for (const e of extra) visit(e, carried, level);
    };
    // Level by level: the lots at depth d - 1 (positions [from, to) of `lots`) are expanded at d.
    expand(root, Infinity, 1);
    for (let level = 2, from = 0; from < lots.length; level++) {
      const to = lots.length;
      for (let p = from; p < to; p++) expand(lots[p], flow[p], level);
      from = to;
    }
    return result;
  }

  /** The link positions of several walks, each once, in the order the walks list them (a link walked both ways is one edge). */
  distinctLinks(walks: readonly (readonly number[])[]): number[] {
    if (this.linkSeen.length < this.parent.length) this.linkSeen = new Uint32Array(Math.max(this.parent.length, this.linkSeen.length * 2));
    if (this.linkStamp === 0xffffffff) {
      this.linkSeen.fill(0);
      this.linkStamp = 0;
    }
    const stamp = ++this.linkStamp;
    const seen = this.linkSeen;
    const out: number[] = [];
    for (const links of walks) {
      for (const e of links) {
        if (seen[e] === stamp) continue;
        seen[e] = stamp;
        out.push(e);
      }
    }
    return out;
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
    let low = 0x7fffffff;
    let high = -1;
    for (const lot of lots) {
      if (lot < built) {
        for (let i = offsets[lot], end = offsets[lot + 1]; i < end; i++) {
          const v = values[i];
          lines[n++] = v;
          if (v < low) low = v;
          if (v > high) high = v;
        }
      }
      const more = extra.size > 0 ? extra.get(lot) : undefined;
      if (more) {
        for (const v of more) {
          lines[n++] = v;
          if (v < low) low = v;
          if (v > high) high = v;
        }
      }
    }
    this.inTraceOrder(lines, low, high, table.count);
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

  /**
   * Puts line positions (distinct, within [low, high]) in ascending order, which is trace order.
   * Many positions over a narrow span (a common ingredient's 44k lines) are set as bits and read
   * back in order, a pass over span / 32 words instead of a comparison sort; a few (a typical
   * lot's) are sorted.
   */
  private inTraceOrder(lines: Int32Array, low: number, high: number, positions: number): void {
    const n = lines.length;
    if (n < 64 || (high - low) >>> 5 > n * 8) {
      lines.sort();
      return;
    }
    if (this.lineBits.length * 32 < positions) this.lineBits = new Int32Array(Math.max((positions >>> 5) + 1, this.lineBits.length * 2));
    const bits = this.lineBits;
    for (let i = 0; i < n; i++) bits[lines[i] >>> 5] |= 1 << (lines[i] & 31);
    let k = 0;
    for (let w = low >>> 5, last = high >>> 5; w <= last; w++) {
      let word = bits[w];
      if (word === 0) continue;
      bits[w] = 0;
      while (word !== 0) {
        const bit = word & -word;
        lines[k++] = (w << 5) | (31 - Math.clz32(bit));
        word ^= bit;
      }
    }
  }

  /** Bytes held by the typed arrays (the overflow lists not counted). */
  get bytes(): number {
    return (
      this.parent.data.byteLength + this.child.data.byteLength + this.quantity.data.byteLength + this.kind.data.byteLength +
      this.out.bytes + this.in.bytes + this.scratch.byteLength + this.linkSeen.byteLength + this.lineBits.byteLength +
      this.shipments.bytes + this.receipts.bytes
    );
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.scratch.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}
