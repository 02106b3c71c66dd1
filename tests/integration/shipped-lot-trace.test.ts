/**
 * A shipped lot stays traceable to its customer: the lot page names, for each ship movement, the
 * shipment, the customer, and the region and channel kept on the shipment (not as the customer
 * record says today); and a lot with no stock left is still reached by searching its exact code
 * or supplier lot, beside the stock list rather than in its count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
let tea: LotView;
let soy: LotView;
let shipmentNumber: string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 6, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 10, bin: 'A-01' },
  ]);
  // The supplier's own lot number, as a receiving clerk would have typed it from the carton.
  desk.db.prepare('UPDATE lots SET supplier_lot = ? WHERE id = ?').run('HZ-77821', tea.id);
  clerk = await desk.signedIn('clerk', '1111');
  lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  const order = await lead.call('orders.create', {
    customerId: cat.customer('CUS-SHM').id,
    lines: [
      { itemId: cat.item('TEA-250').id, quantity: 6 },
      { itemId: cat.item('SOY-500').id, quantity: 4 },
    ],
  });
  await lead.call('allocation.allocate', { orderId: order.id });
  // Both lots were received the same day and share a code: scan their GS1 labels, which name the item.
  const label = (lot: LotView) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: label(tea), quantity: 6 });
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: label(soy), quantity: 4 });
  await clerk.call('packing.scan', { orderId: order.id, scan: label(tea) });
  await clerk.call('packing.scan', { orderId: order.id, scan: label(soy) });
  shipmentNumber = (await clerk.call('shipping.ship', { orderId: order.id })).shipmentNumber;
  // The customer moves and changes channel after the shipment: the trace keeps the shipping day's.
  desk.db.prepare("UPDATE parties SET region = 'CN-BJ', channel = 'wholesale' WHERE code = 'CUS-SHM'").run();
});
afterAll(() => desk.close());

describe('a shipped lot', () => {
  it('names the shipment, customer, region and channel on each ship movement', async () => {
    for (const lot of [tea, soy]) {
      const detail = await lead.call('lots.get', { lotId: lot.id });
      const ship = detail.movements.filter((m) => m.kind === 'ship');
      expect(ship).toHaveLength(1);
      expect(ship[0].to).toBeNull();
      expect(ship[0].shipment).toEqual({
        number: shipmentNumber,
        customerCode: 'CUS-SHM',
        customerName: 'Shanghai Fresh Mart 上海鲜超市',
        region: 'CN-SH',
        channel: 'retail',
      });
      // Only a ship movement has a customer.
      expect(detail.movements.filter((m) => m.kind !== 'ship').every((m) => m.shipment === null)).toBe(true);
    }
  });

  it('is found by an exact search for its code or supplier lot, without counting as a stock row', async () => {
    const byCode = await lead.call('stock.list', { search: tea.code.toLowerCase() });
    expect(byCode.withoutStock.map((l) => l.id)).toEqual([tea.id]);
    expect(byCode.rows.some((r) => r.lot.id === tea.id)).toBe(false);
    const bySupplierLot = await lead.call('stock.list', { search: 'hz-77821' });
    expect(bySupplierLot.withoutStock.map((l) => l.code)).toEqual([tea.code]);
    expect(bySupplierLot).toMatchObject({ rows: [], total: 0, more: false });
  });

  it('is not offered for a part of its code, a lot that still has stock, or a bin or another item', async () => {
    expect((await lead.call('stock.list', { search: tea.code.slice(0, -1) })).withoutStock).toEqual([]);
    const cat = await catalog(lead);
    expect((await lead.call('stock.list', { search: tea.code, itemId: cat.item('SOY-500').id })).withoutStock).toEqual([]);
    expect((await lead.call('stock.list', { search: tea.code, itemId: cat.item('TEA-250').id })).withoutStock.map((l) => l.id)).toEqual([tea.id]);
    expect((await lead.call('stock.list', { search: tea.code, locationId: cat.location('A-01').id })).withoutStock).toEqual([]);
    // The soy lot shares the tea lot's code and has 6 left in A-01: a row of the list, while the
    // tea lot of that code is the one without stock.
    expect(soy.code).toBe(tea.code);
    const soyPage = await lead.call('stock.list', { search: soy.code });
    expect(soyPage.withoutStock.map((l) => l.id)).toEqual([tea.id]);
    expect(soyPage.rows.map((r) => [r.lot.id, r.quantity])).toEqual([[soy.id, 6]]);
  });
});
