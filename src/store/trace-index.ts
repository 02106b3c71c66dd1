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
 * caller walks with SQL rounds, so a rolled-back write never reaches the index. A shipment line
 * that would sort before the last one held (a clock set back) marks the index stale and the next
 * trace rebuilds it. Links and lines are never deleted or rewritten (nothing in LotDesk does);
 * a VACUUM, which may renumber `lot_links` rowids, is followed by `dropTraceIndex`.
 */
import type { Db } from './db';
import { statement } from './statements';
import { GenealogyIndex, LINK_KIND, LineTable } from '../domain/trace/genealogy-index';

interface Held {
  index: GenealogyIndex;
  linkMark: number;
  lineMark: number;
  parties: Map<string, number>;
  lastShipment: string;
  lastReceipt: string;
  stale: boolean;
  builtMs: number;
  /** Where the build's time went: links, shipment lines, receipt lines (ms). */
  phasesMs: [number, number, number];
}

const held = new WeakMap<Db, Held>();

function kindOf(movementKind: string | null): number {
  return movementKind === 'split' ? LINK_KIND.split : movementKind === 'merge' ? LINK_KIND.merge : LINK_KIND.transform;
}

// CROSS JOIN keeps the link (line) table outermost, so a catch-up reads only the rows above the mark.
const LINKS_SQL = `SELECT k.rowid, p.no, c.no, k.quantity, m.kind FROM lot_links k
  CROSS JOIN lots p ON p.id = k.parent_lot_id JOIN lots c ON c.id = k.child_lot_id LEFT JOIN movements m ON m.id = k.movement_id`;
/** Shipment lines with the key a trace lists them by (shipped at, shipment number, line). */
const SHIPMENT_LINES_SQL = `SELECT dl.no, l.no, d.party_id, s.shipped_at || ' ' || d.number || ' ' || printf('%08d', dl.line_no)
  FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment' JOIN shipments s ON s.document_id = d.id
  JOIN lots l ON l.id = dl.lot_id`;
const RECEIPT_LINES_SQL = `SELECT dl.no, l.no, d.party_id, d.created_at || ' ' || d.number || ' ' || printf('%08d', dl.line_no)
  FROM document_lines dl CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt' JOIN lots l ON l.id = dl.lot_id`;
const MARKS_SQL = 'SELECT (SELECT IFNULL(MAX(rowid), 0) FROM lot_links), (SELECT IFNULL(MAX(no), 0) FROM document_lines), (SELECT IFNULL(MAX(no), 0) FROM lots)';

type Marks = [links: number, lines: number, lots: number];

function marks(db: Db): Marks {
  return statement(db, MARKS_SQL).raw().get() as Marks;
}

function partyNo(parties: Map<string, number>, id: string | null): number {
  if (id === null) return -1;
  let n = parties.get(id);
  if (n === undefined) parties.set(id, (n = parties.size));
  return n;
}

function loadLines(db: Db, sql: string, lineMark: number, lotSpace: number, parties: Map<string, number>): { table: LineTable; last: string } {
  // Every line with a lot bounds the count (one pass over the partial index); trimmed after.
  const bound = Math.max(16, statement(db, 'SELECT COUNT(*) FROM document_lines WHERE lot_id IS NOT NULL AND no <= ?').pluck().get(lineMark) as number);
  let lineNo = new Int32Array(bound);
  let party = new Int32Array(bound);
  let lot = new Int32Array(bound);
  let n = 0;
  let last = '';
  // The key ends each row; ORDER BY 4 sorts by it.
  for (const row of statement(db, `${sql} WHERE dl.no <= ? ORDER BY 4`).raw().iterate(lineMark) as Iterable<[number, number, string | null, string]>) {
    lineNo[n] = row[0];
    lot[n] = row[1];
    party[n] = partyNo(parties, row[2]);
    last = row[3];
    n++;
  }
  const keep = Math.max(16, n);
  [lineNo, party, lot] = [lineNo.slice(0, keep), party.slice(0, keep), lot.slice(0, keep)];
  return { table: new LineTable(lineNo, party, lot, n, lotSpace), last };
}

function build(db: Db): Held {
  const started = performance.now();
  return db.transaction(() => {
    const [linkMark, lineMark, lotMark] = marks(db);
    const lotSpace = lotMark + 1;
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
    const done = performance.now();
    return {
      index, linkMark, lineMark, parties, lastShipment: ships.last, lastReceipt: receipts.last, stale: false,
      builtMs: done - started, phasesMs: [linksDone - started, shipsDone - linksDone, done - shipsDone] as [number, number, number],
    };
  })();
}

/** Appends the rows written since the marks; false when a line sorts before the last one held (rebuild). */
function catchUp(db: Db, h: Held, to: Marks): boolean {
  const [linkMark, lineMark] = to;
  if (linkMark > h.linkMark) {
    for (const [, p, c, q, k] of statement(db, `${LINKS_SQL} WHERE k.rowid > ? AND k.rowid <= ? ORDER BY k.rowid`).raw().iterate(h.linkMark, linkMark) as Iterable<
      [number, number, number, number, string | null]
    >) {
      h.index.addLink(p, c, q, kindOf(k));
    }
    h.linkMark = linkMark;
  }
  if (lineMark > h.lineMark) {
    for (const [sql, table, lastKey] of [
      [SHIPMENT_LINES_SQL, h.index.shipments, 'lastShipment'],
      [RECEIPT_LINES_SQL, h.index.receipts, 'lastReceipt'],
    ] as const) {
      for (const [no, lot, party, key] of statement(db, `${sql} WHERE dl.no > ? AND dl.no <= ? ORDER BY 4`).raw().iterate(h.lineMark, lineMark) as Iterable<
        [number, number, string | null, string]
      >) {
        if (key < h[lastKey]) return false;
        h.index.growLots(lot + 1);
        table.append(no, partyNo(h.parties, party), lot);
        h[lastKey] = key;
      }
    }
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
  let h = held.get(db);
  if (!h || h.stale) {
    // Built from committed rows only: never inside a transaction, which may yet roll back.
    if (db.inTransaction) return null;
    h = build(db);
    held.set(db, h);
    return h.index;
  }
  const now = marks(db);
  if (now[0] === h.linkMark && now[1] === h.lineMark) return h.index;
  if (db.inTransaction) return null;
  if (!catchUp(db, h, now)) {
    h.stale = true;
    return currentTraceIndex(db);
  }
  return h.index;
}

/** Forget the connection's index (after a VACUUM, or to measure a build). */
export function dropTraceIndex(db: Db): void {
  held.delete(db);
}

/** How long the last build took and what the index holds (benchmarks, `lotdesk trace --stats`). */
export function traceIndexStats(db: Db): { builtMs: number; phasesMs: [number, number, number]; bytes: number; links: number; shipmentLines: number; receiptLines: number } | null {
  const h = held.get(db);
  return h ? { builtMs: h.builtMs, phasesMs: h.phasesMs, bytes: h.index.bytes, links: h.index.linkCount, shipmentLines: h.index.shipments.count, receiptLines: h.index.receipts.count } : null;
}
