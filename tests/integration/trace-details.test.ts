/**
 * Full detail from memory (issue 16): the index-backed trace shows each lot's code, item, status
 * (with expiry) and supplier lot, and each line's document and party, from memory; the change log
 * of migration 031 keeps them current. Whatever writes the change — raw SQL on this connection, a
 * second connection on the same file, a command of the recall workflow's store — the next trace
 * equals the SQL-rounds engine's result field for field, without a rebuild; a rolled-back change
 * leaves no trace; inside a transaction that changed a status the SQL rounds answer. And a desk
 * of the schema before 031 upgraded keeps its data and gets the triggers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, schemaVersion, type Db } from '../../src/store/db';
import { MIGRATIONS } from '../../src/store/migrations';
import { currentTrace, dropTraceIndex } from '../../src/store/trace-index';
import { rootLot, traceLot, traceLotRounds } from '../../src/app/trace/trace-lot';
import { setLotStatus } from '../../src/store/recalls';
import type { TraceResult } from '../../src/contract/results';
import type { StoredLotStatus } from '../../src/domain/lot-status';
import m031 from '../../src/store/migrations/031-trace-changes';

const today = '2026-12-01';
/** Lot ids: UUIDs (held as 16 bytes) for even lots, other text for odd ones. */
const lot = (n: number) => (n % 2 ? `L${n}` : `01a25068-91d8-7304-bdb8-${n.toString(16).padStart(12, 'f')}`);
let dir: string;
let file: string;
let db: Db;
let other: Db;
let docs = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-details-'));
  file = join(dir, 'details.db');
  db = openDatabase(file);
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  other = openDatabase(file);
  other.pragma('foreign_keys = OFF');
  db.exec(`INSERT INTO items (id, sku, name, unit, created_at) VALUES ('I1', 'SKU-1', 'Item one', 'pcs', '${today}'), ('I2', 'SKU-2', 'Item two', 'kg', '${today}');
    INSERT INTO parties (id, kind, code, name) VALUES ('C1', 'customer', 'CUS-1', 'One'), ('C2', 'customer', 'CUS-2', 'Two'), ('S1', 'supplier', 'SUP-1', 'Sup');`);
});
afterAll(() => {
  other.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A one-line shipment or receipt document at minute `at`; or, with `laterLineOf`, one more line of that (older) document. */
function writeLine(on: Db, kind: 'shipment' | 'receipt', n: number, at: number, quantity: number, laterLineOf?: string): void {
  const line = (doc: string, no: number) =>
    on.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity) VALUES (?, ?, ?, ?, ?, ?)').run(`${doc}-${no}`, doc, no, 'I1', lot(n), quantity);
  if (laterLineOf) return void line(laterLineOf, (on.prepare('SELECT MAX(line_no) FROM document_lines WHERE document_id = ?').pluck().get(laterLineOf) as number) + 1);
  const doc = `D${++docs}`;
  const when = `2026-11-01T${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}:00.000Z`;
  on.prepare("INSERT INTO documents (id, kind, number, party_id, status, created_at) VALUES (?, ?, ?, ?, 'done', ?)").run(doc, kind, `N${docs}`, kind === 'receipt' ? 'S1' : at % 2 ? 'C1' : 'C2', when);
  if (kind === 'shipment') on.prepare("INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, 'east', 'retail', ?)").run(doc, doc, when);
  line(doc, 1);
}

function load(g: { lots: number; links: [number, number, number][]; lines: [boolean, number, number, number][] }): void {
  db.exec(`DELETE FROM lot_links; DELETE FROM document_lines; DELETE FROM shipments; DELETE FROM documents; DELETE FROM lots;
    UPDATE items SET sku = 'SKU-' || substr(id, 2), name = CASE id WHEN 'I1' THEN 'Item one' ELSE 'Item two' END, unit = 'pcs';
    UPDATE parties SET code = CASE id WHEN 'S1' THEN 'SUP-1' ELSE 'CUS-' || substr(id, 2) END, name = CASE id WHEN 'C1' THEN 'One' WHEN 'C2' THEN 'Two' ELSE 'Sup' END;`);
  dropTraceIndex(db);
  db.transaction(() => {
    const l = db.prepare("INSERT INTO lots (id, item_id, code, status, supplier_lot, expiry_date, created_at, created_by, no) VALUES (?, ?, ?, 'released', ?, '2027-01-01', ?, 'U', ?)");
    for (let n = 0; n < g.lots; n++) l.run(lot(n), n % 3 ? 'I1' : 'I2', `CODE-${n}`, `SL-${n}`, today, n + 1);
    const k = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)');
    for (const [p, c, q] of g.links) if (p % g.lots !== c % g.lots) k.run(lot(p % g.lots), lot(c % g.lots), q);
    [...g.lines].sort((a, b) => a[2] - b[2]).forEach(([ship, n, at, q]) => writeLine(db, ship ? 'shipment' : 'receipt', n % g.lots, at, q));
  })();
}

/** The whole result, field for field; only the nodes' and edges' order is the engine's own. */
const norm = (t: TraceResult) => ({
  ...t,
  nodes: [...t.nodes].sort((a, b) => `${a.direction} ${a.lotId}`.localeCompare(`${b.direction} ${b.lotId}`)),
  edges: t.edges.map((e) => `${e.parentLotId} ${e.childLotId} ${e.quantity} ${e.kind}`).sort(),
});
const viaIndex = (n: number) => traceLot(db, { lotId: lot(n), direction: 'both' }, today);
const viaRounds = (n: number) => traceLotRounds(db, rootLot(db, { lotId: lot(n) }, today), 'both', today);

type Change = [kind: number, n: number, value: number, rollBack: boolean];
const STATUSES = ['quarantine', 'released', 'on_hold', 'rejected', 'recalled'];

const on2 = (value: number) => (value % 2 ? other : db);
const docCount = () => db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;

/** One change made by one of several writers; rolled back when asked. */
function apply([kind, n, value, rollBack]: Change, lots: number): void {
  const id = lot(n % lots);
  const status = STATUSES[value % 5] as StoredLotStatus;
  const writers: [Db, () => unknown][] = [
    [db, () => db.prepare('UPDATE lots SET status = ? WHERE id = ?').run(status, id)], // raw SQL
    [other, () => other.prepare('UPDATE lots SET status = ? WHERE id = ?').run(status, id)], // another connection
    [db, () => setLotStatus(db, id, status)], // the recall workflow's store
    [db, () => db.prepare('UPDATE lots SET expiry_date = ? WHERE id = ?').run(value % 2 ? '2026-11-30' : '2027-06-01', id)], // expired today, or not
    [other, () => other.prepare('UPDATE items SET name = ?, sku = ?, unit = ? WHERE id = ?').run(`Renamed ${value}`, `SKU-R${value}`, value % 2 ? 'box' : 'pcs', value % 2 ? 'I1' : 'I2')],
    [db, () => db.prepare('UPDATE lots SET code = ?, supplier_lot = ? WHERE id = ?').run(`NEW-${value}`, value % 2 ? null : `SLN-${value}`, id)],
    [db, () => db.prepare('UPDATE lots SET item_id = ? WHERE id = ?').run(value % 2 ? 'I1' : 'I2', id)],
    [other, () => other.prepare('UPDATE parties SET name = ?, code = ? WHERE id = ?').run(`Party ${value}`, `P-${value}`, value % 2 ? 'C1' : 'S1')],
    // New links and lines; a line at a random minute mostly sorts before the last one held (back-dated).
    [on2(value), () => lots > 1 && on2(value).prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)').run(id, lot((n + 1 + (value % (lots - 1))) % lots), 1 + (value % 900))],
    [on2(value), () => writeLine(on2(value), value % 3 ? 'shipment' : 'receipt', n % lots, value % 60, 1 + (value % 500))],
    [on2(value), () => writeLine(on2(value), 'shipment', n % lots, 59 - (value % 4), 1 + (value % 50))], // near the end: appended or just before it
    [on2(value), () => {
      // Several lines at once, so one catch-up places several back-dated lines (equal places included).
      for (let k = 0; k <= value % 4; k++) writeLine(on2(value), k % 2 ? 'receipt' : 'shipment', (n + k) % lots, (value * 7 + k * 13) % 60, 1 + k);
    }],
    [on2(value), () => {
      // A later line of an older document (a receipt still being scanned in).
      const older = on2(value).prepare('SELECT id FROM documents ORDER BY no LIMIT 1 OFFSET ?').pluck().get(value % Math.max(1, docCount())) as string | undefined;
      if (older) writeLine(on2(value), value % 2 ? 'shipment' : 'receipt', n % lots, 0, 1 + (value % 70), older);
    }],
  ];
  const [on, write] = writers[kind % writers.length];
  if (!rollBack) return void write();
  expect(() =>
    on.transaction(() => {
      write();
      throw new Error('roll back');
    })(),
  ).toThrow('roll back');
}

describe('full detail from memory', () => {
  const genealogies = fc.record({
    lots: fc.integer({ min: 1, max: 12 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10_000 })), { maxLength: 25 }),
    lines: fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(59), fc.integer({ min: 1, max: 500 })), { maxLength: 15 }),
    changes: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 }),
  });

  it('shows every status, expiry, code, item and party change and every new link and line (back-dated ones included) by any writer in the next trace, as the SQL rounds do, without a rebuild', () => {
    fc.assert(
      fc.property(genealogies, (g) => {
        load(g);
        const held = currentTrace(db)!;
        for (const change of g.changes) {
          apply(change as Change, g.lots);
          for (let n = 0; n < g.lots; n++) expect(norm(viaIndex(n))).toEqual(norm(viaRounds(n)));
        }
        expect(currentTrace(db)).toBe(held);
      }),
      { numRuns: 100 },
    );
  });

  it('answers with SQL rounds inside a transaction that changed a status, and shows the change once committed', () => {
    load({ lots: 3, links: [[0, 1, 5], [1, 2, 4]], lines: [[true, 2, 1, 3], [false, 0, 2, 9]] });
    const held = currentTrace(db)!;
    db.transaction(() => {
      db.prepare("UPDATE lots SET status = 'recalled' WHERE id = ?").run(lot(2));
      expect(currentTrace(db)).toBeNull();
      expect(viaIndex(0).nodes.find((x) => x.lotId === lot(2))!.status).toBe('recalled');
    })();
    expect(currentTrace(db)).toBe(held);
    const t = viaIndex(0);
    expect(t.nodes.find((x) => x.lotId === lot(2))!.status).toBe('recalled');
    expect(t.shipments.map((s) => [s.lotCode, s.customerName, s.region, s.channel, s.quantity])).toEqual([['CODE-2', 'One', 'east', 'retail', 0.003]]);
    expect(t.receipts.map((r) => [r.lotCode, r.supplierCode, r.supplierLot, r.quantity])).toEqual([['CODE-0', 'SUP-1', 'SL-0', 0.009]]);
    // Expiry: a date before today shows 'expired' for a released lot, as the lot page does.
    db.prepare("UPDATE lots SET status = 'released', expiry_date = '2026-11-30' WHERE id = ?").run(lot(1));
    expect(viaIndex(0).nodes.find((x) => x.lotId === lot(1))!.status).toBe('expired');
    expect(currentTrace(db)).toBe(held);
  });

  it('finds a root by id in memory after thousands of lots were added since the build (the id table grows), as the SQL rounds do', () => {
    load({ lots: 2, links: [[0, 1, 5]], lines: [[true, 1, 1, 3]] });
    const held = currentTrace(db)!;
    // Ids of their own (UUIDs for even lots, text for odd ones), none like the genealogy's.
    const id = (n: number) => (n % 2 ? `X${n}` : `01a25068-91d8-7304-bdb8-${n.toString(16).padStart(12, '0')}`);
    other.transaction(() => {
      const l = other.prepare("INSERT INTO lots (id, item_id, code, status, created_at, created_by, no) VALUES (?, 'I1', ?, 'released', ?, 'U', ?)");
      for (let n = 2; n < 3000; n++) l.run(id(n), `CODE-${n}`, today, n + 1);
      other.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, 7)').run(lot(1), id(2999));
    })();
    for (const n of [2, 1501, 2998, 2999]) {
      expect(norm(traceLot(db, { lotId: id(n), direction: 'both' }, today))).toEqual(norm(traceLotRounds(db, rootLot(db, { lotId: id(n) }, today), 'both', today)));
    }
    expect(traceLot(db, { lotId: id(2999), direction: 'both' }, today).nodes.map((x) => x.code)).toEqual(['CODE-1', 'CODE-0']);
    expect(held.details.lots.noOf(id(2999))).toBe(3000);
    // Every lot by its id, those held before the table grew too (the fallback to SQL would hide a lost one).
    for (const [i, no] of [[lot(0), 1], [lot(1), 2], [id(2), 3], [id(700), 701], [id(2998), 2999]] as const) expect(held.details.lots.noOf(i)).toBe(no);
    expect(held.details.lots.noOf('no such lot')).toBeUndefined();
    expect(currentTrace(db)).toBe(held);
  });

  it('rebuilds after a document rewrite (nothing in LotDesk does one) and still agrees', () => {
    load({ lots: 2, links: [[0, 1, 5]], lines: [[true, 1, 1, 3]] });
    const held = currentTrace(db)!;
    other.prepare("UPDATE shipments SET region = 'west'").run();
    expect(viaIndex(0).shipments[0].region).toBe('west');
    expect(currentTrace(db)).not.toBe(held);
    expect(norm(viaIndex(0))).toEqual(norm(viaRounds(0)));
  });
});

describe('migration 031 (the trace change log)', () => {
  it('upgrades a desk of the schema before it, keeping its data, and its triggers cover the old rows', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path) as Db;
    const before = MIGRATIONS.indexOf(m031);
    expect(before).toBeGreaterThan(29);
    old.exec('PRAGMA foreign_keys = OFF');
    for (let v = 1; v <= before; v++) {
      old.exec(MIGRATIONS[v - 1]);
      old.pragma(`user_version = ${v}`);
    }
    expect(old.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'trace_changes'").pluck().get()).toBe(0);
    old.exec(`INSERT INTO items (id, sku, name, unit, created_at) VALUES ('I1', 'SKU-1', 'Item one', 'pcs', '${today}');
      INSERT INTO lots (id, item_id, code, status, created_at, created_by) VALUES ('OLD', 'I1', 'OLD-1', 'released', '${today}', 'U');`);
    migrate(old);
    expect(schemaVersion(old)).toBe(MIGRATIONS.length);
    expect(old.prepare('SELECT code, status, no FROM lots').get()).toEqual({ code: 'OLD-1', status: 'released', no: 1 });
    const t0 = traceLot(old, { lotId: 'OLD', direction: 'both' }, today);
    expect(t0.root.status).toBe('released');
    old.prepare("UPDATE lots SET status = 'on_hold' WHERE id = 'OLD'").run();
    old.prepare("UPDATE lots SET status = 'on_hold' WHERE id = 'OLD'").run(); // no change: nothing noted
    expect(old.prepare('SELECT lot_no, what FROM trace_changes').all()).toEqual([{ lot_no: 1, what: 'lot' }]);
    old.close();
  });
});
