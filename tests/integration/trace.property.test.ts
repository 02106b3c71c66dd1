/**
 * The trace walk on random genealogies, over a real SQLite file: forward and backward mirror each
 * other, cycles terminate, the reachable set equals a plain recursive CTE over the same file, and
 * the quantity along a single path is its bottleneck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkGenealogy, type TraceDirection } from '../../src/domain/trace/walk';
import { linksOf } from '../../src/store/trace';
import { openDatabase, type Db } from '../../src/store/db';
import { currentTraceIndex, dropTraceIndex } from '../../src/store/trace-index';
import { rootLot, traceLot, traceLotRounds } from '../../src/app/trace/trace-lot';
import type { TraceResult } from '../../src/contract/results';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-'));
  db = new Database(join(dir, 'trace.db')) as Db;
  // Thousands of small graphs: durability is not under test here.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE movements (id TEXT PRIMARY KEY, kind TEXT);
    CREATE TABLE lot_links (parent_lot_id TEXT NOT NULL, child_lot_id TEXT NOT NULL, quantity INTEGER NOT NULL, movement_id TEXT, CHECK (parent_lot_id <> child_lot_id));
    CREATE INDEX lot_links_parent ON lot_links(parent_lot_id); CREATE INDEX lot_links_child ON lot_links(child_lot_id);`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const lot = (n: number) => `L${n}`;
/** Up to 25 lots and 60 links, self-links dropped; cycles and parallel links allowed. */
const graphs = fc
  .record({ lots: fc.integer({ min: 1, max: 25 }), links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10_000 })), { maxLength: 60 }) })
  .map(({ lots, links }) => ({ lots, links: links.map(([p, c, q]) => [p % lots, c % lots, q] as const).filter(([p, c]) => p !== c) }));

function load(links: readonly (readonly [number, number, number])[]): void {
  db.exec('DELETE FROM lot_links');
  const insert = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)');
  db.transaction(() => links.forEach(([p, c, q]) => insert.run(lot(p), lot(c), q)))();
}

const walk = (root: string, direction: TraceDirection) =>
  walkGenealogy(root, direction, (frontier) => linksOf(db, frontier, direction === 'forward' ? 'parent' : 'child'));
const reachable = (root: string, direction: TraceDirection) => new Set(walk(root, direction).reached.map((r) => r.lotId));

function cte(root: string, direction: TraceDirection): Set<string> {
  const [from, to] = direction === 'forward' ? ['parent_lot_id', 'child_lot_id'] : ['child_lot_id', 'parent_lot_id'];
  const rows = db
    .prepare(`WITH RECURSIVE r(id) AS (SELECT ? UNION SELECT k.${to} FROM lot_links k JOIN r ON k.${from} = r.id) SELECT id FROM r WHERE id <> ?`)
    .all(root, root) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

describe('the trace walk on random genealogies', () => {
  it('agrees with a recursive CTE over the same SQLite file, both ways, and terminates on cycles', () => {
    fc.assert(
      fc.property(graphs, ({ lots, links }) => {
        load(links);
        for (let n = 0; n < lots; n++) {
          for (const d of ['forward', 'backward'] as const) expect([...reachable(lot(n), d)].sort()).toEqual([...cte(lot(n), d)].sort());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finds X forward of Y exactly when it finds Y backward of X', () => {
    fc.assert(
      fc.property(graphs, ({ lots, links }) => {
        load(links);
        const forward = Array.from({ length: lots }, (_, n) => reachable(lot(n), 'forward'));
        const backward = Array.from({ length: lots }, (_, n) => reachable(lot(n), 'backward'));
        for (let y = 0; y < lots; y++) for (let x = 0; x < lots; x++) expect(forward[y].has(lot(x))).toBe(backward[x].has(lot(y)));
      }),
      { numRuns: 150 },
    );
  });

  it('gives each lot its shortest depth and lists every walked link once', () => {
    fc.assert(
      fc.property(graphs, fc.nat(), ({ lots, links }, r) => {
        load(links);
        const root = lot(r % lots);
        const w = walk(root, 'forward');
        const depth = new Map<string, number>([[root, 0]]);
        for (let level = 0, frontier = [root]; frontier.length > 0; level++) {
          frontier = [...new Set(links.filter(([p]) => frontier.includes(lot(p))).map(([, c]) => lot(c)))].filter((c) => !depth.has(c));
          frontier.forEach((c) => depth.set(c, level + 1));
        }
        expect(new Map(w.reached.map((x) => [x.lotId, x.depth]))).toEqual(new Map([...depth].filter(([id]) => id !== root)));
        expect(w.links).toHaveLength(links.filter(([p]) => depth.has(lot(p))).length);
      }),
      { numRuns: 150 },
    );
  });

  it('conserves quantity along a single path: each lot receives the bottleneck of the links before it, both ways', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 }), (quantities) => {
        load(quantities.map((q, i) => [i, i + 1, q] as const));
        const forward = walk(lot(0), 'forward').reached;
        const backward = walk(lot(quantities.length), 'backward').reached;
        expect(forward.map((x) => x.quantity)).toEqual(quantities.map((_, i) => Math.min(...quantities.slice(0, i + 1))));
        expect(backward.map((x) => x.quantity)).toEqual(quantities.map((_, i) => Math.min(...quantities.slice(quantities.length - 1 - i))));
        // What flows on never exceeds what came in.
        forward.slice(1).forEach((x, i) => expect(x.quantity).toBeLessThanOrEqual(forward[i].quantity));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The trace index (issue 16) on random genealogies with receipts and shipments, over a file with
 * LotDesk's whole schema: its result equals the SQL-rounds engine's (lots with depth and
 * quantity, links, shipments and receipts in order, totals), its reachable sets equal a plain
 * recursive CTE, forward and backward mirror each other; after random links and shipments
 * committed later it still agrees (caught up, not rebuilt), and a rolled-back write leaves it as
 * it was.
 */
describe('the trace index on random genealogies', () => {
  let full: Db;
  let fullDir: string;
  const today = '2026-12-01';
  let docs = 0;
  beforeAll(() => {
    fullDir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-index-'));
    full = openDatabase(join(fullDir, 'index.db'));
    full.pragma('synchronous = OFF');
    full.pragma('foreign_keys = OFF');
    full.exec(`INSERT INTO items (id, sku, name, unit, created_at) VALUES ('I1', 'SKU-1', 'Item', 'pcs', '${today}');
      INSERT INTO parties (id, kind, code, name) VALUES ('C1', 'customer', 'CUS-1', 'One'), ('C2', 'customer', 'CUS-2', 'Two'), ('S1', 'supplier', 'SUP-1', 'Sup');`);
  });
  afterAll(() => {
    full.close();
    rmSync(fullDir, { recursive: true, force: true });
  });

  const insertLot = () => full.prepare("INSERT INTO lots (id, item_id, code, status, created_at, created_by, no) VALUES (?, 'I1', ?, 'released', ?, 'U', ?)");
  const insertLink = () => full.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)');
  /** A shipment (to C1 or C2) or a receipt of one line of lot n, at minute `at`. */
  function writeLine(kind: 'shipment' | 'receipt', n: number, at: number, quantity: number): void {
    const doc = `D${++docs}`;
    const when = `2026-11-01T${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}:00.000Z`;
    full.prepare("INSERT INTO documents (id, kind, number, party_id, status, created_at) VALUES (?, ?, ?, ?, 'done', ?)").run(doc, kind, `N${docs}`, kind === 'receipt' ? 'S1' : at % 2 ? 'C1' : 'C2', when);
    if (kind === 'shipment') full.prepare('INSERT INTO shipments (document_id, order_id, shipped_at) VALUES (?, ?, ?)').run(doc, doc, when);
    full.prepare("INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity) VALUES (?, ?, 1, 'I1', ?, ?)").run(`${doc}-1`, doc, lot(n), quantity);
  }

  const genealogies = fc.record({
    lots: fc.integer({ min: 1, max: 20 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10_000 })), { maxLength: 45 }),
    lines: fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(59), fc.integer({ min: 1, max: 500 })), { maxLength: 25 }),
    later: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10_000 })), { maxLength: 10 }),
  });

  function loadFull(g: { lots: number; links: [number, number, number][]; lines: [boolean, number, number, number][] }): void {
    full.exec('DELETE FROM lot_links; DELETE FROM document_lines; DELETE FROM shipments; DELETE FROM documents; DELETE FROM lots;');
    dropTraceIndex(full);
    full.transaction(() => {
      const l = insertLot();
      for (let n = 0; n < g.lots; n++) l.run(lot(n), `CODE-${n}`, today, n + 1);
      for (const [p, c, q] of g.links) if (p % g.lots !== c % g.lots) insertLink().run(lot(p % g.lots), lot(c % g.lots), q);
      // Minutes in increasing order, as time runs: the index appends lines in the order a trace lists them.
      [...g.lines].sort((a, b) => a[2] - b[2]).forEach(([ship, n, at, q]) => writeLine(ship ? 'shipment' : 'receipt', n % g.lots, at, q));
    })();
  }

  const norm = (t: TraceResult) => ({
    nodes: t.nodes.map((n) => `${n.direction} ${n.lotId} ${n.depth} ${n.quantity}`).sort(),
    edges: t.edges.map((e) => `${e.parentLotId} ${e.childLotId} ${e.quantity} ${e.kind}`).sort(),
    shipments: t.shipments,
    receipts: t.receipts,
    totals: t.totals,
  });
  const viaIndex = (n: number, direction: 'forward' | 'backward' | 'both') => traceLot(full, { lotId: lot(n), direction }, today);
  const viaRounds = (n: number, direction: 'forward' | 'backward' | 'both') => traceLotRounds(full, rootLot(full, { lotId: lot(n) }, today), direction, today);
  function cteOf(root: string, direction: TraceDirection): string[] {
    const [from, to] = direction === 'forward' ? ['parent_lot_id', 'child_lot_id'] : ['child_lot_id', 'parent_lot_id'];
    return (full.prepare(`WITH RECURSIVE r(id) AS (SELECT ? UNION SELECT k.${to} FROM lot_links k JOIN r ON k.${from} = r.id) SELECT id FROM r WHERE id <> ?`).all(root, root) as { id: string }[])
      .map((r) => r.id)
      .sort();
  }

  it('gives the SQL-rounds result and the CTE sets on every graph, cycles included; X is forward of Y exactly when Y is backward of X', () => {
    fc.assert(
      fc.property(genealogies, (g) => {
        loadFull(g);
        const forward: Set<string>[] = [];
        const backward: Set<string>[] = [];
        for (let n = 0; n < g.lots; n++) {
          const t = viaIndex(n, 'both');
          expect(norm(t)).toEqual(norm(viaRounds(n, 'both')));
          forward.push(new Set(t.nodes.filter((x) => x.direction === 'forward').map((x) => x.lotId)));
          backward.push(new Set(t.nodes.filter((x) => x.direction === 'backward').map((x) => x.lotId)));
          expect([...forward[n]].sort()).toEqual(cteOf(lot(n), 'forward'));
          expect([...backward[n]].sort()).toEqual(cteOf(lot(n), 'backward'));
        }
        for (let y = 0; y < g.lots; y++) for (let x = 0; x < g.lots; x++) expect(forward[y].has(lot(x))).toBe(backward[x].has(lot(y)));
      }),
      { numRuns: 120 },
    );
  });

  it('stays in agreement after links and shipments committed later, and a rolled-back write leaves it unchanged', () => {
    fc.assert(
      fc.property(genealogies, (g) => {
        loadFull(g);
        const built = currentTraceIndex(full)!;
        const before = Array.from({ length: g.lots }, (_, n) => norm(viaIndex(n, 'both')));
        // A write rolled back: inside it the index is not used (null), after it nothing changed.
        expect(() =>
          full.transaction(() => {
            insertLink().run(lot(0), lot(g.lots), 5);
            insertLot().run(lot(g.lots), 'CODE-NEW', today, g.lots + 1);
            writeLine('shipment', 0, 59, 7);
            expect(currentTraceIndex(full)).toBeNull();
            expect(norm(viaIndex(0, 'both'))).toEqual(norm(viaRounds(0, 'both')));
            throw new Error('roll back');
          })(),
        ).toThrow('roll back');
        expect(currentTraceIndex(full)).toBe(built);
        expect(built.linkCount).toBe(full.prepare('SELECT COUNT(*) FROM lot_links').pluck().get());
        for (let n = 0; n < g.lots; n++) expect(norm(viaIndex(n, 'both'))).toEqual(before[n]);
        // Committed later: links (a new lot among them) and shipments after the last one.
        full.transaction(() => {
          insertLot().run(lot(g.lots), 'CODE-NEW', today, g.lots + 1);
          for (const [p, c, q] of g.later) if (p % (g.lots + 1) !== c % (g.lots + 1)) insertLink().run(lot(p % (g.lots + 1)), lot(c % (g.lots + 1)), q);
        })();
        g.later.forEach(([p, , q], i) => writeLine('shipment', p % (g.lots + 1), 60 + i, q));
        for (let n = 0; n <= g.lots; n++) expect(norm(viaIndex(n, 'both'))).toEqual(norm(viaRounds(n, 'both')));
        expect(currentTraceIndex(full)).toBe(built);
      }),
      { numRuns: 80 },
    );
  });
});
