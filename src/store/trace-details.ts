/**
 * What a full-detail trace shows, held in memory beside the trace index (issue 16, "Full detail
 * from memory"): per lot number its id, code, item, stored status, expiry and supplier lot; items
 * and parties as small tables; per shipment or receipt line its quantity and document (number,
 * date, region, channel, purchase order; interned per document, whose lines are consecutive in
 * trace order). Strings are packed UTF-8 (one byte array and an offset per entry), so a million
 * lots cost tens of MiB, not a JS string each.
 *
 * Kept current by src/store/trace-index.ts: new lots above the lot mark are appended, and the
 * change log `trace_changes` (migration 031, filled by triggers on lots, items, parties, documents,
 * shipments and document lines) is read above its mark: a lot change re-reads that lot, an item
 * or party change re-reads its small table, a document change rebuilds.
 */
import type { Db } from './db';
import { statement } from './statements';
import type { StoredLotStatus } from '../domain/lot-status';
import type { Lot } from '../domain/lot';
import { spreadInto } from '../domain/trace/genealogy-index';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Set in a packed string's length when it is not ASCII (UTF-8 decoded then; ASCII is read as latin1, a native copy). */
const NON_ASCII = 1 << 30;

/** A Buffer over the same memory, for its native latin1 read (no copy). */
const viewOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Strings by position, packed; a rewrite appends the new bytes (rewrites are rare: status changes touch no string). */
export class PackedStrings {
  private bytes: Uint8Array;
  private view: Buffer;
  private used = 0;
  private start: Int32Array;
  private len: Int32Array;
  constructor(capacity: number, bytesPerEntry: number) {
    this.start = new Int32Array(Math.max(16, capacity));
    this.len = new Int32Array(Math.max(16, capacity)).fill(-1);
    this.bytes = new Uint8Array(Math.max(256, capacity * bytesPerEntry));
    this.view = viewOf(this.bytes);
  }
  set(i: number, s: string | null): void {
    if (i >= this.start.length) {
      const size = Math.max(i + 1, this.start.length * 2);
      const start = new Int32Array(size);
      start.set(this.start);
      const len = new Int32Array(size).fill(-1);
      len.set(this.len);
      [this.start, this.len] = [start, len];
    }
    if (s === null) {
      this.len[i] = -1;
      return;
    }
    // At most 3 bytes per UTF-16 unit; the room grows by half (trimmed after a build).
    if (this.used + s.length * 3 > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + s.length * 3));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
      this.view = viewOf(bytes);
    }
    const { written } = encoder.encodeInto(s, this.bytes.subarray(this.used));
    this.start[i] = this.used;
    // As many bytes as UTF-16 units: every one was ASCII.
    this.len[i] = written === s.length ? written : written | NON_ASCII;
    this.used += written;
  }
  get(i: number): string | null {
    const n = i < this.len.length ? this.len[i] : -1;
    if (n < 0) return null;
    const s = this.start[i];
    // ASCII (every id, code and number LotDesk writes) by the native latin1 read, without the decoder's call cost.
    if ((n & NON_ASCII) === 0) return this.view.toString('latin1', s, s + n);
    return decoder.decode(this.bytes.subarray(s, s + (n & ~NON_ASCII)));
  }
  /** Drops the spare room of a build's estimate: `entries` kept. */
  trim(entries: number): void {
    const keep = Math.max(16, entries);
    if (keep < this.start.length) [this.start, this.len] = [this.start.slice(0, keep), this.len.slice(0, keep)];
    if (this.used + 256 < this.bytes.length) {
      this.bytes = this.bytes.slice(0, this.used + 256);
      this.view = viewOf(this.bytes);
    }
  }
  get byteLength(): number {
    return this.bytes.byteLength + this.start.byteLength + this.len.byteLength;
  }
}

/** A few distinct strings (statuses, expiry dates, regions, channels) by number. */
class Interned {
  readonly values: (string | null)[] = [null];
  private readonly at = new Map<string, number>();
  of(s: string | null): number {
    if (s === null) return 0;
    let n = this.at.get(s);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(s);
      this.at.set(s, n);
    }
    return n;
  }
}

function grownInts(a: Int32Array, size: number): Int32Array {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

interface Item {
  sku: string;
  name: string;
  unit: string;
}

/** The fields of a Lot a trace node shows, with the stored status (the effective one needs today). */
export type DetailLot = Pick<Lot, 'id' | 'code' | 'itemId' | 'sku' | 'itemName' | 'unit' | 'expiryDate' | 'supplierLot'> & { storedStatus: StoredLotStatus };

type LotSqlRow = [no: number, id: string, code: string, itemId: string, status: string, expiry: string | null, supplierLot: string | null];
const LOTS_SQL = 'SELECT no, id, code, item_id, status, expiry_date, supplier_lot FROM lots';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Per byte its two lowercase hex digits' character codes; where each byte's digits go in a UUID's text; a scratch text with the dashes in place. */
const HEX_CODES = Uint8Array.from(Array.from({ length: 256 }, (_, i) => [...i.toString(16).padStart(2, '0')].map((c) => c.charCodeAt(0))).flat());
const UUID_AT = Uint8Array.from({ length: 16 }, (_, k) => 2 * k + (k >= 4 ? 1 : 0) + (k >= 6 ? 1 : 0) + (k >= 8 ? 1 : 0) + (k >= 10 ? 1 : 0));
const UUID_TEXT = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

/** FNV-1a over the UTF-16 units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Lot ids by number: a UUID (every id LotDesk makes) as its 16 bytes, anything else as text. */
class LotIds {
  private bytes: Uint8Array;
  private readonly other = new Map<number, string>();
  private known: Uint8Array;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(16 * Math.max(16, capacity));
    this.known = new Uint8Array(Math.max(16, capacity));
    // Sized for the build's lots (no rehash while it fills): a power of two at least twice as many.
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(512, 2 * capacity))));
  }
  /** Open addressing from an id's hash to its lot no + 1 (0: empty), at most half full. */
  private slots: Int32Array;
  private filled = 0;
  set(n: number, id: string): void {
    if (this.noOf(id) !== n) this.index(n, id);
    if (n >= this.known.length) {
      const size = Math.max(n + 1, Math.ceil(this.known.length * 1.5));
      const bytes = new Uint8Array(16 * size);
      bytes.set(this.bytes);
      const known = new Uint8Array(size);
      known.set(this.known);
      [this.bytes, this.known] = [bytes, known];
    }
    this.known[n] = 1;
    if (!UUID.test(id)) {
      this.other.set(n, id);
      return;
    }
    this.other.delete(n);
    const hex = id.replace(/-/g, '');
    for (let k = 0; k < 16; k++) this.bytes[n * 16 + k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  }
  has(n: number): boolean {
    return n < this.known.length && this.known[n] === 1;
  }
  /** The lot no of an id held, without SQL (a trace's root). */
  noOf(id: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = hashOf(id) & mask; ; i = (i + 1) & mask) {
      const v = this.slots[i];
      if (v === 0) return undefined;
      if (this.get(v - 1) === id) return v - 1;
    }
  }
  private index(n: number, id: string): void {
    if (2 * (this.filled + 1) > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      this.filled = 0;
      for (const v of old) if (v !== 0) this.place(v - 1, this.get(v - 1)!);
    }
    this.place(n, id);
  }
  private place(n: number, id: string): void {
    const mask = this.slots.length - 1;
    let i = hashOf(id) & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = n + 1;
    this.filled++;
  }
  get(n: number): string | null {
    if (!this.has(n)) return null;
    const o = this.other.get(n);
    if (o !== undefined) return o;
    // The 36 characters written into a scratch buffer and read back as one latin1 string (no concatenation).
    const b = this.bytes;
    const at = n * 16;
    for (let k = 0; k < 16; k++) {
      const v = b[at + k];
      UUID_TEXT[UUID_AT[k]] = HEX_CODES[v << 1];
      UUID_TEXT[UUID_AT[k] + 1] = HEX_CODES[(v << 1) + 1];
    }
    return UUID_TEXT.toString('latin1', 0, 36);
  }
  get byteLength(): number {
    return this.bytes.byteLength + this.known.byteLength + this.slots.byteLength;
  }
}

export class LotDetails {
  private readonly ids: LotIds;
  private readonly codes: PackedStrings;
  private readonly supplierLots: PackedStrings;
  private item: Int32Array;
  private status: Int32Array;
  private expiry: Int32Array;
  private readonly statuses = new Interned();
  private readonly dates = new Interned();
  private itemIds: string[] = [];
  private itemNo = new Map<string, number>();
  private items: Item[] = [];
  constructor(lotSpace: number) {
    this.ids = new LotIds(lotSpace);
    this.codes = new PackedStrings(lotSpace, 14);
    this.supplierLots = new PackedStrings(lotSpace, 4);
    this.item = new Int32Array(Math.max(16, lotSpace));
    this.status = new Int32Array(Math.max(16, lotSpace));
    this.expiry = new Int32Array(Math.max(16, lotSpace));
  }

  private db: Db | null = null;
  loadItems(db: Db): void {
    this.db = db;
    const items: Item[] = [];
    const ids: string[] = [];
    const no = new Map<string, number>();
    for (const [id, sku, name, unit] of statement(db, 'SELECT id, sku, name, unit FROM items').raw().iterate() as Iterable<[string, string, string, string]>) {
      no.set(id, items.length);
      ids.push(id);
      items.push({ sku, name, unit });
    }
    [this.items, this.itemIds, this.itemNo] = [items, ids, no];
  }

  private put(r: LotSqlRow): void {
    const n = r[0];
    if (n >= this.item.length) {
      this.item = grownInts(this.item, n + 1);
      this.status = grownInts(this.status, n + 1);
      this.expiry = grownInts(this.expiry, n + 1);
    }
    this.ids.set(n, r[1]);
    this.codes.set(n, r[2]);
    this.supplierLots.set(n, r[6]);
    let item = this.itemNo.get(r[3]);
    if (item === undefined) {
      // An item created after the table was read (inserts are not in the change log).
      this.loadItems(this.db!);
      item = this.itemNo.get(r[3]);
      if (item === undefined) throw new Error(`trace details: lot ${r[1]} has an item the table does not hold`);
    }
    this.item[n] = item;
    this.status[n] = this.statuses.of(r[4]);
    this.expiry[n] = this.dates.of(r[5]);
  }

  /** Lots numbered in (from, to]. */
  loadLots(db: Db, from: number, to: number): void {
    for (const r of statement(db, `${LOTS_SQL} WHERE no > ? AND no <= ?`).raw().iterate(from, to) as Iterable<LotSqlRow>) this.put(r);
  }

  reloadLots(db: Db, nos: number[]): void {
    for (const r of statement(db, `${LOTS_SQL} WHERE no IN (SELECT value FROM json_each(?))`).raw().iterate(JSON.stringify(nos)) as Iterable<LotSqlRow>) this.put(r);
  }

  has(no: number): boolean {
    return this.ids.has(no);
  }

  /** The number of the lot with this id, if held. */
  noOf(id: string): number | undefined {
    return this.ids.noOf(id);
  }

  /** After the build: the strings' spare room dropped. */
  trim(): void {
    this.codes.trim(this.item.length);
    this.supplierLots.trim(this.item.length);
  }

  id(no: number): string {
    return this.ids.get(no)!;
  }

  code(no: number): string {
    return this.codes.get(no)!;
  }

  unit(no: number): string {
    return this.items[this.item[no]].unit;
  }

  supplierLot(no: number): string | null {
    return this.supplierLots.get(no);
  }

  lot(no: number): DetailLot {
    const item = this.items[this.item[no]];
    return {
      id: this.ids.get(no)!, code: this.codes.get(no)!, itemId: this.itemIds[this.item[no]], sku: item.sku, itemName: item.name, unit: item.unit,
      storedStatus: this.statuses.values[this.status[no]] as StoredLotStatus, expiryDate: this.dates.values[this.expiry[no]], supplierLot: this.supplierLots.get(no),
    };
  }

  get bytes(): number {
    return this.ids.byteLength + this.codes.byteLength + this.supplierLots.byteLength + this.item.byteLength + this.status.byteLength + this.expiry.byteLength;
  }
}

/** A line's row as the build and the catch-up read it: …, quantity, document id, number, region, channel, date, PO number. */
export type LineDetailCells = [quantity: number, documentId: string, number: string, region: string | null, channel: string | null, at: string, po: string | null];

/** Per line position (the LineTable's) its quantity and document; documents interned as their lines arrive. */
export class LineDetails {
  private quantity: Float64Array;
  private doc: Int32Array;
  private count = 0;
  private docs = 0;
  private lastDocId: string | null = null;
  private lastDoc = -1;
  private readonly numbers: PackedStrings;
  private readonly dates: PackedStrings;
  private readonly pos: PackedStrings;
  private docRegion: Int32Array;
  private docChannel: Int32Array;
  private readonly words = new Interned();
  constructor(lines: number) {
    this.quantity = new Float64Array(Math.max(16, lines));
    this.doc = new Int32Array(Math.max(16, lines));
    const docs = Math.max(16, lines >> 2);
    this.numbers = new PackedStrings(docs, 12);
    this.dates = new PackedStrings(docs, 24);
    this.pos = new PackedStrings(docs, 0);
    this.docRegion = new Int32Array(docs);
    this.docChannel = new Int32Array(docs);
  }

  /** The next line position (positions arrive in the LineTable's order). */
  push(c: LineDetailCells): void {
    if (this.count >= this.quantity.length) {
      const q = new Float64Array(this.quantity.length * 2);
      q.set(this.quantity);
      this.quantity = q;
      this.doc = grownInts(this.doc, this.quantity.length);
    }
    if (c[1] !== this.lastDocId) {
      this.lastDoc = this.newDoc(c);
      this.lastDocId = c[1];
    }
    this.quantity[this.count] = c[0];
    this.doc[this.count++] = this.lastDoc;
  }

  private newDoc(c: LineDetailCells): number {
    const d = this.docs++;
    this.docRegion = grownInts(this.docRegion, d + 1);
    this.docChannel = grownInts(this.docChannel, d + 1);
    this.numbers.set(d, c[2]);
    this.dates.set(d, c[5]);
    this.pos.set(d, c[6]);
    this.docRegion[d] = this.words.of(c[3]);
    this.docChannel[d] = this.words.of(c[4]);
    return d;
  }

  /**
   * Lines that sort before lines held, put in at the LineTable's places (`LineTable.insert`'s `at`).
   * Each gets a document entry of its own: interning is a saving for consecutive lines only.
   */
  insert(at: readonly number[], cells: readonly LineDetailCells[]): void {
    const size = this.count + at.length;
    if (size > this.quantity.length) {
      const q = new Float64Array(Math.max(size, this.quantity.length * 2));
      q.set(this.quantity.subarray(0, this.count));
      this.quantity = q;
      this.doc = grownInts(this.doc, q.length);
    }
    const docs = cells.map((c) => this.newDoc(c));
    spreadInto(this.quantity, this.count, at, cells.map((c) => c[0]));
    spreadInto(this.doc, this.count, at, docs);
    this.count = size;
  }

  /** After the build (its size was a bound on every line with a lot, orders and picks included). */
  trim(): void {
    const keep = Math.max(16, this.count);
    this.quantity = this.quantity.slice(0, keep);
    this.doc = this.doc.slice(0, keep);
    const docs = Math.max(16, this.docs);
    this.docRegion = this.docRegion.slice(0, docs);
    this.docChannel = this.docChannel.slice(0, docs);
    for (const p of [this.numbers, this.dates, this.pos]) p.trim(this.docs);
  }

  quantityAt(i: number): number {
    return this.quantity[i];
  }
  number(i: number): string {
    return this.numbers.get(this.doc[i])!;
  }
  date(i: number): string {
    return this.dates.get(this.doc[i])!;
  }
  region(i: number): string | null {
    return this.words.values[this.docRegion[this.doc[i]]];
  }
  channel(i: number): string | null {
    return this.words.values[this.docChannel[this.doc[i]]];
  }
  purchaseOrder(i: number): string | null {
    return this.pos.get(this.doc[i]);
  }
  get bytes(): number {
    return this.quantity.byteLength + this.doc.byteLength + this.numbers.byteLength + this.dates.byteLength + this.pos.byteLength + this.docRegion.byteLength + this.docChannel.byteLength;
  }
}

/** Parties by the index's party number: code and name (a handful of thousands at most). */
export class PartyDetails {
  codes: (string | null)[] = [];
  names: (string | null)[] = [];
  load(db: Db, numbers: Map<string, number>): void {
    const codes: (string | null)[] = [];
    const names: (string | null)[] = [];
    for (const [id, code, name] of statement(db, 'SELECT id, code, name FROM parties').raw().iterate() as Iterable<[string, string, string]>) {
      const n = numbers.get(id);
      if (n !== undefined) [codes[n], names[n]] = [code, name];
    }
    [this.codes, this.names] = [codes, names];
  }
  has(n: number): boolean {
    return n < 0 || this.codes[n] !== undefined;
  }
  code(n: number): string | null {
    return n < 0 ? null : this.codes[n] ?? null;
  }
  name(n: number): string | null {
    return n < 0 ? null : this.names[n] ?? null;
  }
}

export interface TraceDetails {
  lots: LotDetails;
  shipments: LineDetails;
  receipts: LineDetails;
  parties: PartyDetails;
}
