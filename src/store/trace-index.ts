/**
 * Feeds the trace index (src/domain/trace/genealogy-index.ts) from the database and keeps it
 * current. One index per open connection, built on the first trace.
 *
 * Staying current: every writer of links and lines (transformations, splits, merges, shipping,
 * receiving, the demo and the seed, another process on the same file) only appends rows, so the
 * index keeps high-water marks, the largest `lot_links.rowid` and `document_lines.no` it holds,
 * and before each trace reads the rows above them (one statement of three index-edge lookups when
 * nothing is new). It reads committed rows only: inside an open transaction with rows above the
 * marks (a command that wrote a link and then traces), `currentTraceIndex` answers null and the
 * caller walks with SQL rounds, so a rolled-back write never reaches the index. A line that sorts
 * before the last one held (a clock set back, a second process, a later line of an older receipt)
 * is inserted at its place in trace order (`LineTable.insert`), found by its key. Links and lines
 * are never deleted or rewritten (nothing in LotDesk does; a logged rewrite rebuilds);
 * a VACUUM, which may renumber `lot_links` rowids, is followed by `dropTraceIndex`.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db';
import { statement } from './statements';
import { GenealogyIndex, LINK_KIND, LineTable } from '../domain/trace/genealogy-index';
import { LineDetails, LotDetails, PartyDetails, type LineDetailCells, type TraceDetails } from './trace-details';

interface Held {
  /** This index's row in `trace_readers` (one id per connection, kept across rebuilds). */
  reader: string;
  /** The change-log mark last noted there. */
  noted: number;
  index: GenealogyIndex;
  linkMark: number;
  lineMark: number;
  lotMark: number;
  changeMark: number;
  details: TraceDetails;
  parties: Map<string, number>;
  lastShipment: string;
  lastReceipt: string;
  stale: boolean;
  builtMs: number;
  /** Where the build's time went: links, shipment lines, receipt lines (ms). */
  phasesMs: [number, number, number];
}

const held = new WeakMap<Db, Held>();
const readers = new WeakMap<Db, string>();

function kindOf(movementKind: string | null): number {
  return movementKind === 'split' ? LINK_KIND.split : movementKind === 'merge' ? LINK_KIND.merge : LINK_KIND.transform;
}

// CROSS JOIN keeps the link (line) table outermost, so a catch-up reads only the rows above the mark.
const LINKS_SQL = `SELECT k.rowid, p.no, c.no, k.quantity, m.kind FROM lot_links k
  CROSS JOIN lots p ON p.id = k.parent_lot_id JOIN lots c ON c.id = k.child_lot_id LEFT JOIN movements m ON m.id = k.movement_id`;
/**
 * Shipment lines with the key a trace lists them by (shipped at, shipment number, line), then what
 * the full-detail result shows of each (LineDetailCells: quantity, document id, number, region,
 * channel, date, PO number).
 */
const SHIPMENT_LINES_SQL = `SELECT dl.no, l.no, d.party_id, s.shipped_at || ' ' || d.number || ' ' || printf('%08d', dl.line_no),
    dl.quantity, d.id, d.number, s.region, s.channel, s.shipped_at, NULL
  FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment' JOIN shipments s ON s.document_id = d.id
  JOIN lots l ON l.id = dl.lot_id`;
const RECEIPT_LINES_SQL = `SELECT dl.no, l.no, d.party_id, d.created_at || ' ' || d.number || ' ' || printf('%08d', dl.line_no),
    dl.quantity, d.id, d.number, NULL, NULL, d.created_at, po.number
  FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt' JOIN lots l ON l.id = dl.lot_id
  LEFT JOIN document_lines pol ON pol.id = dl.source_line_id LEFT JOIN documents po ON po.id = pol.document_id`;
const MARKS_SQL = `SELECT (SELECT IFNULL(MAX(rowid), 0) FROM lot_links), (SELECT IFNULL(MAX(no), 0) FROM document_lines), (SELECT IFNULL(MAX(no), 0) FROM lots),
  (SELECT IFNULL(MAX(seq), 0) FROM trace_changes)`;

type Marks = [links: number, lines: number, lots: number, changes: number];
type LineRow = [no: number, lot: number, party: string | null, key: string, ...cells: LineDetailCells];

function marks(db: Db): Marks {
  return statement(db, MARKS_SQL).raw().get() as Marks;
}

function partyNo(parties: Map<string, number>, id: string | null): number {
  if (id === null) return -1;
  let n = parties.get(id);
  if (n === undefined) parties.set(id, (n = parties.size));
  return n;
}

function loadLines(db: Db, sql: string, lineMark: number, lotSpace: number, parties: Map<string, number>): { table: LineTable; details: LineDetails; last: string } {
  // Every line with a lot bounds the count (one pass over the partial index); trimmed after.
  const bound = Math.max(16, statement(db, 'SELECT COUNT(*) FROM document_lines WHERE lot_id IS NOT NULL AND no <= ?').pluck().get(lineMark) as number);
  let lineNo = new Int32Array(bound);
  let party = new Int32Array(bound);
  let lot = new Int32Array(bound);
  let n = 0;
  let last = '';
  const details = new LineDetails(bound);
  // ORDER BY 4 sorts by the key.
  for (const row of statement(db, `${sql} WHERE dl.no <= ? ORDER BY 4`).raw().iterate(lineMark) as Iterable<LineRow>) {
    lineNo[n] = row[0];
    lot[n] = row[1];
    party[n] = partyNo(parties, row[2]);
    last = row[3];
    details.push(row.slice(4) as LineDetailCells);
    n++;
  }
  const keep = Math.max(16, n);
  [lineNo, party, lot] = [lineNo.slice(0, keep), party.slice(0, keep), lot.slice(0, keep)];
  details.trim();
  return { table: new LineTable(lineNo, party, lot, n, lotSpace), details, last };
}

function build(db: Db): Held {
  const started = performance.now();
  return db.transaction(() => {
    const [linkMark, lineMark, lotMark, changeMark] = marks(db);
    const lotSpace = lotMark + 1;
    const lots = new LotDetails(lotSpace);
    lots.loadItems(db);
    lots.loadLots(db, 0, lotMark);
    lots.trim();
    const count = statement(db, 'SELECT COUNT(*) FROM lot_links WHERE rowid <= ?').pluck().get(linkMark) as number;
    const size = Math.max(16, count);
    const links = { parent: new Int32Array(size), child: new Int32Array(size), quantity: new Float64Array(size), kind: new Uint8Array(size), count: 0 };
    for (const [, p, c, q, k] of statement(db, `${LINKS_SQL} WHERE k.rowid <= ?`).raw().iterate(linkMark) as Iterable<[number, number, number, number, string | null]>) {
      const i = links.count++;
      links.parent[i] = p;
      links.child[i] = c;
      links.quantity[i] = q;
      links.kind[i] = kindOf(k);
    }
    const linksDone = performance.now();
    const parties = new Map<string, number>();
    const ships = loadLines(db, SHIPMENT_LINES_SQL, lineMark, lotSpace, parties);
    const shipsDone = performance.now();
    const receipts = loadLines(db, RECEIPT_LINES_SQL, lineMark, lotSpace, parties);
    const index = new GenealogyIndex(links, lotSpace, ships.table, receipts.table);
    const partyDetails = new PartyDetails();
    partyDetails.load(db, parties);
    const done = performance.now();
    let reader = readers.get(db);
    if (!reader) readers.set(db, (reader = randomUUID()));
    return {
      reader, noted: -1, index, linkMark, lineMark, lotMark, changeMark, parties,
      details: { lots, shipments: ships.details, receipts: receipts.details, parties: partyDetails }, lastShipment: ships.last, lastReceipt: receipts.last, stale: false,
      builtMs: done - started, phasesMs: [linksDone - started, shipsDone - linksDone, done - shipsDone] as [number, number, number],
    };
  })();
}

/**
 * Where a back-dated line goes: the first held position whose key sorts after `key` (a binary
 * search reading each probed line's key back by its `document_lines.no`, ~20 lookups at 2M lines).
 */
function placeOf(db: Db, sql: string, table: LineTable, key: string): number {
  const keyAt = statement(db, `${sql} WHERE dl.no = ?`).raw();
  let lo = 0;
  let hi = table.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keyAt.get(table.lineNo.data[mid]) as LineRow)[3] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Takes in the rows written since the marks; false when a logged document rewrite needs a rebuild. */
function catchUp(db: Db, h: Held, to: Marks): boolean {
  const [linkMark, lineMark, lotMark, changeMark] = to;
  if (changeMark > h.changeMark) {
    const lots = new Set<number>();
    let items = false;
    let parties = false;
    for (const [no, what] of statement(db, 'SELECT lot_no, what FROM trace_changes WHERE seq > ? AND seq <= ?').raw().iterate(h.changeMark, changeMark) as Iterable<
      [number | null, string]
    >) {
      if (what === 'document') return false;
      if (what === 'item') items = true;
      else if (what === 'party') parties = true;
      else if (no !== null && no <= h.lotMark) lots.add(no);
    }
    if (items) h.details.lots.loadItems(db);
    if (parties) h.details.parties.load(db, h.parties);
    if (lots.size > 0) h.details.lots.reloadLots(db, [...lots]);
    h.changeMark = changeMark;
  }
  if (lotMark > h.lotMark) {
    h.details.lots.loadLots(db, h.lotMark, lotMark);
    h.lotMark = lotMark;
  }
  if (linkMark > h.linkMark) {
    for (const [, p, c, q, k] of statement(db, `${LINKS_SQL} WHERE k.rowid > ? AND k.rowid <= ? ORDER BY k.rowid`).raw().iterate(h.linkMark, linkMark) as Iterable<
      [number, number, number, number, string | null]
    >) {
      h.index.addLink(p, c, q, kindOf(k));
    }
    h.linkMark = linkMark;
  }
  if (lineMark > h.lineMark) {
    let newParty = false;
    for (const [sql, table, details, lastKey] of [
      [SHIPMENT_LINES_SQL, h.index.shipments, h.details.shipments, 'lastShipment'],
      [RECEIPT_LINES_SQL, h.index.receipts, h.details.receipts, 'lastReceipt'],
    ] as const) {
      // In key order, so the back-dated rows (sorting before the last line held) come first.
      const rows = statement(db, `${sql} WHERE dl.no > ? AND dl.no <= ? ORDER BY 4`).raw().all(h.lineMark, lineMark) as LineRow[];
      const back = rows.filter((r) => r[3] < h[lastKey]);
      const at = back.map((r) => placeOf(db, sql, table, r[3]));
      const number = (r: LineRow) => {
        h.index.growLots(r[1] + 1);
        const p = partyNo(h.parties, r[2]);
        if (!h.details.parties.has(p)) newParty = true;
        return p;
      };
      table.insert(at, back.map((r) => r[0]), back.map(number), back.map((r) => r[1]));
      details.insert(at, back.map((r) => r.slice(4) as LineDetailCells));
      for (const row of rows.slice(back.length)) {
        table.append(row[0], number(row), row[1]);
        details.push(row.slice(4) as LineDetailCells);
        h[lastKey] = row[3];
      }
    }
    if (newParty) h.details.parties.load(db, h.parties);
    h.lineMark = lineMark;
  }
  return true;
}

/**
 * The connection's trace index, built on first use and brought up to date with what was
 * committed since; null inside a transaction that has written links or lines the index does
 * not hold yet (the caller walks with SQL then).
 */
export function currentTraceIndex(db: Db): GenealogyIndex | null {
  return currentTrace(db)?.index ?? null;
}

/** Whether the connection holds an index already (built by an earlier trace). */
export function hasTraceIndex(db: Db): boolean {
  return held.has(db);
}

/**
 * The index and the details a full-detail result shows, both current with what was committed;
 * null inside a transaction that wrote links, lines, lots or a change the index does not hold yet
 * (a status change, a rename): the caller answers with SQL then.
 */
export function currentTrace(db: Db): { index: GenealogyIndex; details: TraceDetails } | null {
  let h = held.get(db);
  if (!h || h.stale) {
    // Built from committed rows only: never inside a transaction, which may yet roll back.
    if (db.inTransaction) return null;
    h = build(db);
    held.set(db, h);
    noteReader(db, h);
    return h;
  }
  const now = marks(db);
  if (now[0] === h.linkMark && now[1] === h.lineMark && now[2] === h.lotMark && now[3] === h.changeMark) return h;
  if (db.inTransaction) return null;
  const caughtUp = catchUpInSnapshot(db, h);
  if (!caughtUp) {
    h.stale = true;
    return currentTrace(db);
  }
  if (h.changeMark - h.noted >= NOTE_EVERY) noteReader(db, h);
  return h;
}

/** One read transaction: the log rows read, the marks they end at and the pruned mark are one snapshot. */
function catchUpInSnapshot(db: Db, h: Held): boolean {
  return db.transaction(() => {
    const to = marks(db);
    // Rows this index has not read were pruned (it was not noted, or expired): it cannot catch up.
    if (to[3] > h.changeMark && (statement(db, 'SELECT seq FROM trace_changes_pruned').pluck().get() as number) > h.changeMark) return false;
    return catchUp(db, h, to);
  })();
}

/** A reader notes its mark (and prunes) after reading this many log rows since it last did. */
const NOTE_EVERY = 256;
/** A reader not seen for this long (a process that died without closing) no longer holds the log back. */
const UNSEEN_MS = 7 * 24 * 3600_000;

/**
 * Notes how far this index has read the change log, drops readers unseen for a week, and deletes
 * the log rows every remaining reader has read: those below the smallest mark. The row at that
 * mark stays, so `MAX(seq)` (the index's fourth mark) never goes back. The highest seq deleted is
 * recorded, so a reader below it rebuilds instead of catching up past a gap. A small write of its
 * own, skipped when another process holds the write lock (tried again after the next 256 rows).
 */
function noteReader(db: Db, h: Held): void {
  const at = Date.now();
  const done = withoutWaiting(db, () => {
    statement(db, 'INSERT INTO trace_readers (reader, seq, seen_at) VALUES (?, ?, ?) ON CONFLICT (reader) DO UPDATE SET seq = excluded.seq, seen_at = excluded.seen_at').run(
      h.reader, h.changeMark, new Date(at).toISOString(),
    );
    statement(db, 'DELETE FROM trace_readers WHERE seen_at < ?').run(new Date(at - UNSEEN_MS).toISOString());
    const low = statement(db, 'SELECT MIN(seq) FROM trace_readers').pluck().get() as number;
    if (statement(db, 'DELETE FROM trace_changes WHERE seq < ?').run(low).changes > 0) statement(db, 'UPDATE trace_changes_pruned SET seq = ? WHERE seq < ?').run(low - 1, low - 1);
  });
  if (done) h.noted = h.changeMark;
}

/** Runs `write` in an immediate transaction if the write lock is free now; false when it was not (or the file is read-only). */
function withoutWaiting(db: Db, write: () => void): boolean {
  if (db.readonly || !db.open || db.inTransaction) return false;
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(write).immediate();
    return true;
  } catch (err) {
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/**
 * Forget the connection's index (after a VACUUM, to measure a build, before closing the
 * connection): its row in `trace_readers` goes too, so it holds the change log back no longer.
 */
export function dropTraceIndex(db: Db): void {
  const h = held.get(db);
  held.delete(db);
  if (h && h.noted >= 0) withoutWaiting(db, () => void statement(db, 'DELETE FROM trace_readers WHERE reader = ?').run(h.reader));
}

/** How long the last build took and what the index holds (benchmarks, `lotdesk trace --stats`). */
export function traceIndexStats(db: Db): {
  builtMs: number; phasesMs: [number, number, number]; bytes: number; detailBytes: number; links: number; shipmentLines: number; receiptLines: number;
} | null {
  const h = held.get(db);
  const d = h?.details;
  return h && d ? { builtMs: h.builtMs, phasesMs: h.phasesMs, bytes: h.index.bytes, detailBytes: d.lots.bytes + d.shipments.bytes + d.receipts.bytes, links: h.index.linkCount, shipmentLines: h.index.shipments.count, receiptLines: h.index.receipts.count } : null;
}
