/**
 * The picking and packing desks' order selectors offer only orders with work at that desk
 * (`orders.list` with `stage`): picking, something allocated and not yet picked; packing, picked
 * stock not shipped yet. An open order with nothing allocated, or whose picks have all shipped
 * (a backorder), is at neither desk; a shipped order is at none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { Input } from '../../src/contract/contract';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
const orders: Record<'unallocated' | 'allocated' | 'partPicked' | 'picked' | 'shipped' | 'backorder', { id: string; number: string }> = {} as never;
const shipments: Partial<Record<keyof typeof orders, string>> = {};
const shippedAt: Partial<Record<keyof typeof orders, string>> = {};

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
    shippedAt[name] = desk.clock.now().toISOString();
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

  it('says where the matches are when the asked status has none', async () => {
    // A shipment number typed among the open orders names a shipped order: 1 in Shipped.
    expect((await lead.call('orders.list', { status: 'open', search: shipments.shipped! })).elsewhere).toEqual({ status: 'shipped', total: 1 });
    expect((await lead.call('orders.list', { status: 'shipped', search: 'stage-PICKED' })).elsewhere).toEqual({ status: 'open', total: 1 });
    expect((await lead.call('orders.list', { status: 'open', search: 'NO-SUCH-ORDER' })).elsewhere).toEqual({ status: 'shipped', total: 0 });
    // A page with matches, a list without a search and a desk's stage need no other count.
    expect((await lead.call('orders.list', { status: 'open', search: shipments.backorder! })).elsewhere).toBeUndefined();
    expect((await lead.call('orders.list', { status: 'shipped', search: 'SHP-' })).elsewhere).toBeUndefined();
    expect((await lead.call('orders.list', { stage: 'packing', search: shipments.shipped! })).elsewhere).toBeUndefined();
  });

  it("lists a shipped and a partly shipped order's shipments with their lots and SSCCs, each one's delivery note printable again", async () => {
    for (const name of ['shipped', 'backorder'] as const) {
      const detail = await lead.call('orders.get', { orderId: orders[name].id });
      expect(detail.shipments).toHaveLength(1);
      const [shipment] = detail.shipments;
      expect(shipment.number).toBe(shipments[name]);
      expect(shipment.shippedAt).toBe(shippedAt[name]);
      expect(shipment.ssccs).toHaveLength(1);
      expect(shipment.ssccs[0]).toMatch(/^\d{18}$/);
      expect(shipment.lines).toEqual([{ orderLineNo: 1, sku: 'TEA-250', lotCode: expect.any(String), expiryDate: '2027-09-30', quantity: 2, unit: 'pcs' }]);
      const note = await lead.call('shipping.deliveryNote', { shipmentId: shipment.id, locale: 'en' });
      expect(note.fileName).toBe(`delivery-note-${shipments[name]}.pdf`);
    }
    expect((await lead.call('orders.get', { orderId: orders.picked.id })).shipments).toEqual([]);
  });

  it('refuses an unknown stage', async () => {
    expect((await errorOf(lead.call('orders.list', { stage: 'shipping' } as never))).code).toBe('validation');
  });
});
