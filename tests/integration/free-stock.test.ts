/**
 * Free stock in one place: stock an order has reserved cannot leave its bin by a move, a sample
 * taken out, a split, a merge or a transformation (refused naming the order, nothing written);
 * a count that finds less than was reserved, or a loss (damaged, lost, expired, correction), is
 * recorded and the reservation shrinks into a shortage on the order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import { compareBalances } from '../../src/store/ledger';
import { allocationRefProblems } from '../../src/store/allocation-refs';
import { messages } from '../../src/i18n/catalog';

let desk: TestDesk;
let lead: Client;
let cat: Awaited<ReturnType<typeof catalog>>;
let tea: { id: string; code: string };
let tea2: { id: string; code: string };
let soy: { id: string; code: string };
let orderNumber: string;
let orderId: string;

beforeEach(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  cat = await catalog(lead);
  [tea, tea2, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2027-03-31', quantity: 10, bin: 'A-01' },
    { sku: 'TEA-250', expiry: '2027-09-30', quantity: 5, bin: 'A-03' },
    { sku: 'SOY-500', expiry: '2027-09-30', quantity: 10, bin: 'A-02' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  const o = await lead.call('orders.create', {
    customerId: cat.customer('CUS-SFO').id,
    lines: [
      { itemId: cat.item('TEA-250').id, quantity: 8 },
      { itemId: cat.item('SOY-500').id, quantity: 8 },
    ],
  });
  [orderId, orderNumber] = [o.id, o.number];
  const allocated = await lead.call('allocation.allocate', { orderId });
  // FEFO: all 8 tea from the earlier lot in A-01, so 2 of its 10 are free.
  expect(allocated.lines[0].takes.map((t) => [t.lotCode, t.locationCode, t.quantity])).toEqual([[tea.code, 'A-01', 8]]);
});
afterEach(() => {
  expect(allocationRefProblems(desk.db)).toEqual([]);
  desk.close();
});

const bin = (code: string) => cat.location(code).id;

describe('reserved stock stays in its bin', () => {
  it('refuses every command that would take reserved stock, naming the order, and writes nothing', async () => {
    const before = snapshot(desk.db);
    const part = (quantity: number) => ({ lotId: tea.id, fromLocationId: bin('A-01'), quantity });
    const attempts: [string, Promise<unknown>, string][] = [
      ['move', lead.call('stock.move', { toLocationId: bin('A-04'), lines: [part(3)] }), 'lines.0.quantity'],
      ['adjust', lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 3, reason: 'sample' }), 'quantity'],
      ['split', lead.call('lots.split', { lotId: tea.id, fromLocationId: bin('A-01'), quantity: 3 }), 'split.quantity'],
      ['merge', lead.call('lots.merge', { parts: [part(3), { lotId: tea2.id, fromLocationId: bin('A-03'), quantity: 1 }], toLocationId: bin('A-04') }), 'parts.0.quantity'],
      [
        'transform',
        lead.call('lots.transform', {
          kind: 'kitting',
          itemId: cat.item('GIFT-TEA').id,
          quantity: 1,
          unit: 'pcs',
          components: [part(3), { lotId: soy.id, fromLocationId: bin('A-02'), quantity: 1 }],
          toLocationId: bin('A-04'),
        }),
        'components.0.quantity',
      ],
    ];
    for (const [what, call, field] of attempts) {
      const e = await errorOf(call);
      expect([what, e.key, e.field, e.params]).toEqual([what, 'errors.stock.reserved', field, { lot: tea.code, bin: 'A-01', free: 2, reserved: 8, unit: 'pcs', order: orderNumber }]);
    }
    // Listing the free part twice is still more than is free.
    const twice = await errorOf(lead.call('lots.merge', { parts: [part(2), part(1), { lotId: tea2.id, fromLocationId: bin('A-03'), quantity: 1 }], toLocationId: bin('A-04') }));
    expect([twice.key, twice.field]).toEqual(['errors.stock.reserved', 'parts.1.quantity']);
    expect(snapshot(desk.db)).toEqual(before);
    const text = (locale: 'en' | 'zh-CN') => ((messages[locale].errors as Record<string, Record<string, string>>).stock.reserved);
    expect(text('en')).toContain('reserved for order {order}');
    expect(text('zh-CN')).toContain('已为订单 {order} 预留');
  });

  it('lets the free part go, and the whole lot once the allocation is released', async () => {
    await lead.call('stock.move', { toLocationId: bin('A-04'), lines: [{ lotId: tea.id, fromLocationId: bin('A-01'), quantity: 2 }] });
    // Nothing free: the message says all of it is promised, not "take at most 0".
    const e = await errorOf(lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 1, reason: 'sample' }));
    expect([e.key, e.params]).toEqual(['errors.stock.allReserved', { lot: tea.code, bin: 'A-01', free: 0, reserved: 8, unit: 'pcs', order: orderNumber }]);
    await lead.call('allocation.release', { orderId });
    await lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 1, reason: 'sample' });
    expect(compareBalances(desk.db)).toEqual([]);
  });
});

describe('a loss recorded against reserved stock', () => {
  it('is written like a count: the stock leaves, the newest reservations shrink into shortages and the result names their orders', async () => {
    // 10 in A-01, 8 of them promised: 3 damaged leaves 7, one less than promised.
    const r = await lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 3, reason: 'damaged' });
    expect([r.balance, r.shortened]).toEqual([7, [{ orderNumber, lotCode: tea.code, quantity: 1, unit: 'pcs' }]]);
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 7, short: 1 });
    const exception = desk.db.prepare('SELECT kind, quantity, movement_id AS movementId FROM pick_exceptions').get();
    expect(exception).toEqual({ kind: 'short', quantity: 1000, movementId: r.movementId });
    // Each loss reason does the same; what is free goes first, so nothing is shortened while it lasts.
    for (const reason of ['lost', 'expired', 'correction'] as const) {
      const more = await lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 1, reason });
      expect([reason, more.shortened.map((s) => s.quantity)]).toEqual([reason, [1]]);
    }
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 4, short: 4 });
    expect(compareBalances(desk.db)).toEqual([]);
  });

  it('still cannot take more than the bin holds, and writes nothing when refused', async () => {
    const before = snapshot(desk.db);
    const e = await errorOf(lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 11, reason: 'lost' }));
    expect([e.key, e.field, e.params.available]).toEqual(['errors.stock.notEnoughInBin', 'quantity', 10]);
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('leaves orders alone when the loss comes out of free stock', async () => {
    const r = await lead.call('stock.adjust', { lotId: tea.id, locationId: bin('A-01'), direction: 'out', quantity: 2, reason: 'damaged' });
    expect([r.balance, r.shortened]).toEqual([8, []]);
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 8, short: 0 });
  });
});

describe('a lot scan at a desk', () => {
  it('names the part of each bin that orders were promised, so putaway starts at the free part', async () => {
    const scanned = await lead.call('inventory.scanLot', { scan: `(01)${cat.item('TEA-250').gtin}(10)${tea.code}` });
    expect(scanned.lots[0].stock).toEqual([{ locationId: bin('A-01'), locationCode: 'A-01', quantity: 10, reserved: 8 }]);
  });
});

describe('the lot page shows what is allocated and free per bin', () => {
  const teaA01 = async () => (await lead.call('lots.get', { lotId: tea.id })).stock.find((s) => s.locationCode === 'A-01');
  const teaMovements = async () => (await lead.call('lots.get', { lotId: tea.id })).movements;

  it('a short pick gives its part back to free stock; damaged stock leaves the bin and free stays; a release frees the rest', async () => {
    expect(await teaA01()).toEqual({ locationCode: 'A-01', quantity: 10, reserved: 8, free: 2 });
    const row = (await lead.call('picking.list', { orderId })).rows.find((r) => r.lotId === tea.id)!;
    const moves = (await teaMovements()).length;

    // Short: nothing moves (the balance stays), the allocation shrinks, so its part counts as free again.
    await lead.call('picking.exception', { allocationId: row.allocationId, kind: 'short', quantity: 3 });
    expect(await teaA01()).toEqual({ locationCode: 'A-01', quantity: 10, reserved: 5, free: 5 });
    expect(await teaMovements()).toHaveLength(moves);
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 5, short: 3 });

    // Damaged: an adjustment out of the bin, taken from the allocated part.
    await lead.call('picking.exception', { allocationId: row.allocationId, kind: 'damaged', quantity: 2 });
    expect(await teaA01()).toEqual({ locationCode: 'A-01', quantity: 8, reserved: 3, free: 5 });
    expect((await teaMovements()).at(-1)).toMatchObject({ kind: 'adjust', reason: 'damaged', quantity: 2, from: 'A-01', to: null, document: orderNumber });
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 3, short: 5 });

    // A refused exception (more than is left to pick) writes nothing.
    const before = snapshot(desk.db);
    expect((await errorOf(lead.call('picking.exception', { allocationId: row.allocationId, kind: 'damaged', quantity: 4 }))).key).toBe('errors.picking.exceptionTooMuch');
    expect(snapshot(desk.db)).toEqual(before);

    await lead.call('allocation.release', { orderId });
    expect(await teaA01()).toEqual({ locationCode: 'A-01', quantity: 8, reserved: 0, free: 8 });
    expect((await lead.call('orders.get', { orderId })).lines[0]).toMatchObject({ allocated: 0, short: 8 });
    expect(compareBalances(desk.db)).toEqual([]);
  });
});

describe('a count below what was reserved', () => {
  it('records what is there and shrinks the newest reservation into a shortage on the order', async () => {
    const r = await lead.call('counts.submit', { locationId: bin('A-01'), lines: [{ lotId: tea.id, quantity: 5 }] });
    expect(r.lines.map((l) => [l.lotCode, l.expected, l.counted, l.difference])).toEqual([[tea.code, 10, 5, -5]]);
    expect(r.shortened).toEqual([{ orderNumber, lotCode: tea.code, quantity: 3, unit: 'pcs' }]);
    const line = (await lead.call('orders.get', { orderId })).lines[0];
    expect([line.allocated, line.short]).toEqual([5, 3]);
    const exception = desk.db.prepare("SELECT kind, quantity FROM pick_exceptions WHERE movement_id IS NOT NULL").get();
    expect(exception).toEqual({ kind: 'short', quantity: 3000 });
    // The shortage may be allocated again from other stock: the later lot in A-03.
    const again = await lead.call('allocation.allocate', { orderId });
    expect(again.lines[0].takes.map((t) => [t.lotCode, t.locationCode, t.quantity])).toEqual([[tea2.code, 'A-03', 3]]);
    expect(compareBalances(desk.db)).toEqual([]);
  });

  it('leaves reservations alone when the count still covers them', async () => {
    const r = await lead.call('counts.submit', { locationId: bin('A-01'), lines: [{ lotId: tea.id, quantity: 8 }] });
    expect(r.shortened).toEqual([]);
    expect((await lead.call('orders.get', { orderId })).lines[0].short).toBe(0);
  });
});
