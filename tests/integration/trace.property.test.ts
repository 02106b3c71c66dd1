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
import type { Db } from '../../src/store/db';

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
