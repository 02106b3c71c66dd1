/**
 * Migration 014 moves allocations to rows that refer to their order, line, lot and bin by number.
 * A version-13 desk opens with its shipped, picked, open and shorted allocations intact and linked
 * as before; picking, packing and shipping go on; rows written after it get the next numbers,
 * whether the insert sets them or the table's trigger does.
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

let desk: TestDesk;
afterEach(() => desk.close());

it('keeps the allocations of a version-13 desk, linked as before, and numbers new rows after them', async () => {
  desk = await openTestDesk();
  const [early] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2027-03-31', quantity: 6, bin: 'A-01' },
    { sku: 'TEA-250', expiry: '2027-09-30', quantity: 20, bin: 'A-03' },
    { sku: 'SOY-500', expiry: '2027-09-30', quantity: 10, bin: 'A-02' },
  ]);
  const lead = await desk.signedIn('lead', '3333');
  const clerk = await desk.signedIn('clerk', '1111');
  const cat = await catalog(lead);
  const newOrder = (lines: [string, number][]) =>
    lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: lines.map(([sku, quantity]) => ({ itemId: cat.item(sku).id, quantity })) });
  // Shipped: 2 of the early tea lot.
  const shipped = await newOrder([['TEA-250', 2]]);
  await lead.call('allocation.allocate', { orderId: shipped.id });
  await clerk.call('picking.scan', { orderId: shipped.id, bin: 'A-01', scan: early.code });
  await clerk.call('packing.scan', { orderId: shipped.id, scan: early.code });
  await clerk.call('shipping.ship', { orderId: shipped.id });
  // Open: tea over two lots, partly picked; soy shorted once.
  const open = await newOrder([
    ['TEA-250', 9],
    ['SOY-500', 6],
  ]);
  await lead.call('allocation.allocate', { orderId: open.id });
  await clerk.call('picking.scan', { orderId: open.id, bin: 'A-01', scan: early.code, quantity: 1 });
  const soyRow = (await clerk.call('picking.list', { orderId: open.id })).rows.find((r) => r.sku === 'SOY-500')!;
  await clerk.call('picking.exception', { allocationId: soyRow.allocationId, kind: 'short', quantity: 2 });
  const before = { shipped: await lead.call('orders.get', { orderId: shipped.id }), open: await lead.call('orders.get', { orderId: open.id }) };
  expect(before.open.allocations).toHaveLength(3);
  expect(before.shipped.shipments).toHaveLength(1);
  const byItem = await lead.call('stock.byItem', {});
  desk.db.pragma('wal_checkpoint(TRUNCATE)');

  const raw = new Database(desk.file);
  raw.pragma('foreign_keys = OFF');
  rollBackTo(raw, 13);
  raw.close();

  const clock = new ManualClock(new Date(DEMO_NOW));
  const reopened = openDesk(desk.file, { clock });
  const client = (auth = {}) => createClient((name, input) => reopened.dispatch(auth, name, input));
  const migrated: TestDesk = {
    ...desk,
    clock,
    dispatch: reopened.dispatch,
    db: reopened.station.db,
    client,
    async signedIn(username, secret) {
      const c = client();
      await c.call('session.signIn', { username, secret });
      return c;
    },
  };
  try {
    const db = reopened.station.db;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(allocationRefProblems(db)).toEqual([]);
    const again = await migrated.signedIn('lead', '3333');
    expect({ shipped: await again.call('orders.get', { orderId: shipped.id }), open: await again.call('orders.get', { orderId: open.id }) }).toEqual(before);
    // What is promised is still promised: the by-item overview and a bin's free stock read the migrated rows.
    expect(await again.call('stock.byItem', {})).toEqual(byItem);

    // Picking goes on against the migrated rows, then packing and shipping.
    const list = await again.call('picking.list', { orderId: open.id });
    for (const row of list.rows) await again.call('picking.scan', { orderId: open.id, bin: row.locationCode, scan: row.lotCode, quantity: row.quantity });
    const picked = await again.call('orders.get', { orderId: open.id });
    expect(picked.allocations.map((a) => [a.lotCode, a.picked, a.status])).toEqual(before.open.allocations.map((a) => [a.lotCode, a.quantity, 'picked']));

    // New rows get the next numbers: a lot received (by the trigger), an order and its lines (by the insert).
    const numbers = (table: string) => db.prepare(`SELECT MAX(no) AS max, COUNT(*) AS n, COUNT(DISTINCT no) AS distinct_ FROM ${table}`).get() as { max: number; n: number; distinct_: number };
    const lotsBefore = numbers('lots');
    const [fresh] = await stockUp(migrated, [{ sku: 'SOY-500', expiry: '2027-12-31', quantity: 5, bin: 'A-02' }]);
    expect(db.prepare('SELECT no FROM lots WHERE id = ?').pluck().get(fresh.id)).toBe(lotsBefore.max + 1);
    const next = await again.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('SOY-500').id, quantity: 7 }] });
    const lineNos = db.prepare('SELECT dl.no FROM document_lines dl WHERE dl.document_id = ?').pluck().all(next.id) as number[];
    expect(lineNos).toHaveLength(1);
    const allocated = await again.call('allocation.allocate', { orderId: next.id });
    expect(allocated.lines.map((l) => [l.sku, l.allocated, l.short])).toEqual([['SOY-500', 7, 0]]);
    expect(db.prepare('SELECT DISTINCT line_no FROM allocation_rows WHERE order_no = (SELECT no FROM documents WHERE id = ?)').pluck().all(next.id)).toEqual(lineNos);
    for (const table of ['documents', 'document_lines', 'lots', 'locations']) {
      const n = numbers(table);
      expect([table, n.distinct_]).toEqual([table, n.n]);
    }
    expect(compareBalances(db)).toEqual([]);
    expect(allocationRefProblems(db)).toEqual([]);
  } finally {
    reopened.station.close();
  }
});
