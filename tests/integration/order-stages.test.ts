/**
 * The picking and packing desks' order selectors offer only orders with work at that desk
 * (`orders.list` with `stage`): picking, something allocated and not yet picked; packing, picked
 * stock not shipped yet. An open order with nothing allocated, or whose picks have all shipped
 * (a backorder), is at neither desk; a shipped order is at none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/api/client';
import type { Input } from '../../src/api/contract';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
const orders: Record<'unallocated' | 'allocated' | 'partPicked' | 'picked' | 'shipped' | 'backorder', { id: string; number: string }> = {} as never;
const shipments: Partial<Record<keyof typeof orders, string>> = {};

beforeAll(async () => {
  desk = await openTestDesk();
  const [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2027-09-30', quantity: 100, bin: 'A-01' }]);
  clerk = await desk.signedIn('clerk', '1111');
  lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  const create = async (name: keyof typeof orders, lines: { sku: string; quantity: number }[]) => {
    desk.clock.advance(60_000);
    orders[name] = await lead.call('orders.create', {
      customerId: cat.customer('CUS-SFO').id,
      reference: `STAGE-${name}`,
      lines: lines.map((l) => ({ itemId: cat.item(l.sku).id, quantity: l.quantity })),
    });
    if (name !== 'unallocated') await lead.call('allocation.allocate', { orderId: orders[name].id });
  };
  const pick = (name: keyof typeof orders, quantity: number) => clerk.call('picking.scan', { orderId: orders[name].id, bin: 'A-01', scan: tea.code, quantity });
  const packAndShip = async (name: keyof typeof orders) => {
    await clerk.call('packing.scan', { orderId: orders[name].id, scan: tea.code });
    shipments[name] = (await clerk.call('shipping.ship', { orderId: orders[name].id })).shipmentNumber;
  };
  await create('unallocated', [{ sku: 'TEA-250', quantity: 2 }]);
  await create('allocated', [{ sku: 'TEA-250', quantity: 2 }]);
  await create('partPicked', [{ sku: 'TEA-250', quantity: 4 }]);
  await pick('partPicked', 1);
  await create('picked', [{ sku: 'TEA-250', quantity: 2 }]);
  await pick('picked', 2);
  await create('shipped', [{ sku: 'TEA-250', quantity: 2 }]);
  await pick('shipped', 2);
  await packAndShip('shipped');
  // The soy line has no stock: the tea ships and the order stays open as a backorder.
  await create('backorder', [
    { sku: 'TEA-250', quantity: 2 },
    { sku: 'SOY-500', quantity: 1 },
  ]);
  await pick('backorder', 2);
  await packAndShip('backorder');
});
afterAll(() => desk.close());

const numbers = async (input: Input<'orders.list'>) => {
  const page = await lead.call('orders.list', input);
  return { total: page.total, numbers: page.rows.map((o) => o.number) };
};

describe('order selectors by desk', () => {
  it('sets the scene: six orders, one shipped, five open', async () => {
    expect((await lead.call('orders.get', { orderId: orders.shipped.id })).status).toBe('shipped');
    expect((await lead.call('orders.get', { orderId: orders.backorder.id })).status).toBe('open');
    expect((await numbers({ status: 'open' })).total).toBe(5);
  });

  it('offers at packing only the orders with picked stock not shipped, oldest first', async () => {
    expect(await numbers({ stage: 'packing' })).toEqual({ total: 2, numbers: [orders.partPicked.number, orders.picked.number] });
  });

  it('offers at picking only the orders with stock allocated and not picked yet', async () => {
    expect(await numbers({ stage: 'picking' })).toEqual({ total: 2, numbers: [orders.allocated.number, orders.partPicked.number] });
  });

  it('keeps paging and search within the stage', async () => {
    expect(await numbers({ stage: 'packing', offset: 1, limit: 1 })).toEqual({ total: 2, numbers: [orders.picked.number] });
    expect(await numbers({ stage: 'packing', offset: 5 })).toEqual({ total: 2, numbers: [] });
    expect(await numbers({ stage: 'packing', search: 'stage-PICKED' })).toEqual({ total: 1, numbers: [orders.picked.number] });
    expect(await numbers({ stage: 'packing', search: orders.unallocated.number })).toEqual({ total: 0, numbers: [] });
    expect(await numbers({ stage: 'packing', search: 'STAGE-shipped' })).toEqual({ total: 0, numbers: [] });
    expect(await numbers({ stage: 'picking', search: 'stage-backorder' })).toEqual({ total: 0, numbers: [] });
  });

  it('finds an order by its shipment number, shipped or partly shipped', async () => {
    expect(shipments.shipped).toMatch(/^SHP-/);
    expect(await numbers({ status: 'shipped', search: shipments.shipped! })).toEqual({ total: 1, numbers: [orders.shipped.number] });
    expect(await numbers({ status: 'shipped', search: shipments.shipped!.toLowerCase() })).toEqual({ total: 1, numbers: [orders.shipped.number] });
    // The backorder's tea shipped while the order stays open: its shipment names it among the open orders.
    expect(await numbers({ status: 'open', search: shipments.backorder! })).toEqual({ total: 1, numbers: [orders.backorder.number] });
    expect(await numbers({ status: 'shipped', search: shipments.backorder! })).toEqual({ total: 0, numbers: [] });
    // Every shipment number starts SHP-: the search names the two orders that shipped, newest first in the shipped list.
    expect((await numbers({ search: 'SHP-' })).numbers.sort()).toEqual([orders.shipped.number, orders.backorder.number].sort());
  });

  it('refuses an unknown stage', async () => {
    expect((await errorOf(lead.call('orders.list', { stage: 'shipping' } as never))).code).toBe('validation');
  });
});
