/**
 * Migration 006 rebuilds allocations with integer ids. A desk written by the previous LotDesk
 * (text ids on allocations and on the pick exceptions that point at them) opens with its open
 * allocations, picks and exceptions intact and linked as before, and picking goes on.
 */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { MIGRATIONS } from '../../src/store/migrations';
import { compareBalances } from '../../src/store/ledger';
import { allocationRefProblems } from '../../src/store/allocation-refs';
import { DEMO_NOW, openTestDesk, type TestDesk } from '../support/desk';
import { rollBackTo } from '../support/schema-history';
import { catalog, stockUp } from '../support/outbound';

/** The version-5 shape of the two tables (migrations 003 and 004), filled from the current rows with text ids. */
const BACK_TO_V5 = /* sql */ `
CREATE TABLE allocations_v5 (
  id TEXT PRIMARY KEY, order_line_id TEXT NOT NULL REFERENCES document_lines(id), document_id TEXT NOT NULL REFERENCES documents(id),
  item_id TEXT NOT NULL REFERENCES items(id), lot_id TEXT NOT NULL REFERENCES lots(id), location_id TEXT NOT NULL REFERENCES locations(id),
  quantity INTEGER NOT NULL CHECK (quantity >= 0), picked INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
  status TEXT NOT NULL CHECK (status IN ('open','picked','shipped','void')), breaks_rule INTEGER NOT NULL DEFAULT 0,
  shipment_id TEXT REFERENCES documents(id), created_at TEXT NOT NULL
);
-- Text ids that sort against insertion order: the migration must keep rows in the order they were written.
INSERT INTO allocations_v5 SELECT printf('%s-alloc', 1000 - id), order_line_id, document_id, item_id, lot_id, location_id, quantity, picked, status, breaks_rule, shipment_id, created_at FROM allocations ORDER BY id;
CREATE TABLE pick_exceptions_v5 (
  id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('short','damaged')), allocation_id TEXT NOT NULL REFERENCES allocations(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0), user_id TEXT NOT NULL REFERENCES users(id), movement_id TEXT REFERENCES movements(id)
);
INSERT INTO pick_exceptions_v5 SELECT id, at, kind, printf('%s-alloc', 1000 - allocation_id), quantity, user_id, movement_id FROM pick_exceptions;
DROP TABLE pick_exceptions;
DROP TABLE allocations;
ALTER TABLE allocations_v5 RENAME TO allocations;
ALTER TABLE pick_exceptions_v5 RENAME TO pick_exceptions;
CREATE INDEX allocations_open_stock ON allocations(lot_id, location_id, quantity, picked) WHERE status = 'open';
CREATE INDEX allocations_line ON allocations(order_line_id);
CREATE INDEX allocations_document ON allocations(document_id, status);
CREATE INDEX pick_exceptions_allocation ON pick_exceptions(allocation_id);
-- Nor had it the later migrations' indexes, tables and columns.
DROP INDEX locations_staging;
DROP INDEX lots_received;
DROP TABLE secret_failures;
DROP TRIGGER lot_search_insert;
DROP TRIGGER lot_search_update;
DROP TRIGGER lot_search_delete;
DROP TABLE lot_search;
ALTER TABLE audit DROP COLUMN detail;
ALTER TABLE bom_components DROP COLUMN quantity; -- migration 013's
PRAGMA user_version = 5;
`;

let desk: TestDesk;
afterEach(() => desk.close());

it('keeps allocations, picks and pick exceptions of a version-5 desk, linked as before', async () => {
  desk = await openTestDesk();
  await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2027-03-31', quantity: 4, bin: 'A-01' },
    { sku: 'TEA-250', expiry: '2027-09-30', quantity: 10, bin: 'A-03' },
    { sku: 'SOY-500', expiry: '2027-09-30', quantity: 10, bin: 'A-02' },
  ]);
  const lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  const { id: orderId } = await lead.call('orders.create', {
    customerId: cat.customer('CUS-SFO').id,
    lines: [
      { itemId: cat.item('TEA-250').id, quantity: 9 },
      { itemId: cat.item('SOY-500').id, quantity: 6 },
    ],
  });
  await lead.call('allocation.allocate', { orderId });
  const rows = (await lead.call('picking.list', { orderId })).rows;
  await lead.call('picking.scan', { orderId, bin: rows[0].locationCode, scan: rows[0].lotCode });
  const soyRow = rows.find((r) => r.sku === 'SOY-500')!;
  await lead.call('picking.exception', { allocationId: soyRow.allocationId, kind: 'short', quantity: 2 });
  const before = await lead.call('orders.get', { orderId });
  expect(before.allocations).toHaveLength(3);
  expect(before.exceptions).toHaveLength(1);
  desk.db.pragma('wal_checkpoint(TRUNCATE)');

  const raw = new Database(desk.file);
  raw.pragma('foreign_keys = OFF');
  rollBackTo(raw, 13);
  raw.exec(BACK_TO_V5);
  raw.close();

  const reopened = openDesk(desk.file, { clock: new ManualClock(new Date(DEMO_NOW)) });
  try {
    expect(reopened.station.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(reopened.station.db.pragma('foreign_key_check')).toEqual([]);
    const auth = {};
    const again = createClient((name, input) => reopened.dispatch(auth, name, input));
    await again.call('session.signIn', { username: 'lead', secret: '3333' });
    const after = await again.call('orders.get', { orderId });
    const strip = (d: typeof before) => ({ ...d, allocations: d.allocations.map(({ id: _id, ...a }) => a) });
    expect(strip(after)).toEqual(strip(before));
    // New ids follow the order the rows were written in.
    expect(after.allocations.map((a) => a.id)).toEqual([1, 2, 3]);

    // Picking goes on against the migrated rows: the shorted soy line, then a new allocation gets the next id.
    const list = await again.call('picking.list', { orderId });
    const soy = list.rows.find((r) => r.sku === 'SOY-500')!;
    expect(soy).toMatchObject({ allocationId: after.allocations.find((a) => a.sku === 'SOY-500')!.id, quantity: 4 });
    await again.call('picking.exception', { allocationId: soy.allocationId, kind: 'short', quantity: 1 });
    expect((await again.call('orders.get', { orderId })).exceptions.map((e) => e.quantity)).toEqual([2, 1]);
    // Allocating the shortage again writes the next id after the migrated ones.
    const reallocated = await again.call('allocation.allocate', { orderId });
    expect(reallocated.lines.map((l) => [l.sku, l.allocated, l.short])).toEqual([['SOY-500', 3, 0]]);
    expect((await again.call('orders.get', { orderId })).allocations.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(compareBalances(reopened.station.db)).toEqual([]);
    expect(allocationRefProblems(reopened.station.db)).toEqual([]);
    // Lots received before migration 011 are found by part of their code through its index.
    const later = before.allocations.find((a) => a.locationCode === 'A-03')!.lotCode; // the item's second lot: ...-0002
    const found = await again.call('stock.list', { search: later.slice(7).toLowerCase() });
    expect(found.rows.length).toBeGreaterThan(0);
    expect([found.total, new Set(found.rows.map((r) => r.lot.code))]).toEqual([found.rows.length, new Set([later])]);
  } finally {
    reopened.station.close();
  }
});
