/**
 * The entry points of a trace (issue 16) through the dispatcher: a supplier's lot code, a supplier
 * and a range of receipt dates, an item and a range of production dates, the SSCC of a shipped
 * case; the pages of a large trace (trace.lot with a limit, then trace.page); and the bad input
 * of each — unknown supplier lot, supplier or item, a date range the wrong way round, an SSCC
 * never shipped, a malformed SSCC — refused with translated errors and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView, TraceNode, TracePage } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';
import { gs1CheckDigit } from '../../src/domain/gs1/check-digit';

const BODY = '09506000000099999';
const NEVER_SHIPPED = BODY + gs1CheckDigit(BODY);
const WRONG_DIGIT = BODY + ((Number(gs1CheckDigit(BODY)) + 1) % 10);

let desk: TestDesk;
let manager: Client;
let tea: LotView, tea2: LotView, soy: LotView, labelled: LotView;
let sscc: string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, tea2, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01', receivedOn: '2026-11-20' },
    { sku: 'TEA-250', expiry: '2028-06-01', quantity: 10, bin: 'A-01', receivedOn: '2026-11-23' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 20, bin: 'A-01' },
  ]);
  desk.clock.set('2026-11-22T10:00:00.000Z');
  const receiver = await desk.signedIn('clerk', '1111');
  const cat = await catalog(receiver);
  labelled = (
    await receiver.call('receiving.receive', {
      itemId: cat.item('TEA-250').id, supplierId: cat.supplier('SUP-HZT').id, quantity: 12, unit: 'pcs',
      supplierLot: 'HZ-2026-0917', productionDate: '2026-09-17', expiryDate: '2028-03-17',
    })
  ).lot;
  desk.clock.set('2026-11-25T09:30:00.000Z');
  const clerk = await desk.signedIn('clerk', '1111');
  const lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  // Ship 3 of the first tea lot: packed into a case whose SSCC then names it.
  const label = `]C1${buildElementString({ gtin: cat.item('TEA-250').gtin!, expiry: tea.expiryDate ?? undefined, batch: tea.code }).gs}`;
  const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 3, lotId: tea.id }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: label, quantity: 3 });
  await clerk.call('packing.scan', { orderId: order.id, scan: label });
  await clerk.call('shipping.ship', { orderId: order.id });
  sscc = desk.db.prepare('SELECT sscc FROM packages WHERE shipment_id IS NOT NULL').pluck().get() as string;
});
afterAll(() => desk.close());

const codes = (r: { lots: { code: string }[] }) => r.lots.map((l) => l.code).sort();

describe('trace.find', () => {
  it("finds a lot by the supplier's lot code, and the trace goes on from it", async () => {
    const r = await manager.call('trace.find', { supplierLot: 'HZ-2026-0917' });
    expect(r).toMatchObject({ total: 1, lots: [{ lotId: labelled.id, supplierLot: 'HZ-2026-0917', productionDate: '2026-09-17', receivedAt: '2026-11-22T10:00:00.000Z' }] });
    const t = await manager.call('trace.lot', { lotId: r.lots[0].lotId, direction: 'backward' });
    expect(t.receipts.map((x) => [x.supplierCode, x.supplierLot, x.quantity])).toEqual([['SUP-HZT', 'HZ-2026-0917', 12]]);
  });

  it('finds the lots a supplier delivered in a range of receipt dates, both ends included', async () => {
    expect(codes(await manager.call('trace.find', { supplierCode: 'SUP-HZT', receivedFrom: '2026-11-20', receivedTo: '2026-11-20' }))).toEqual([tea.code]);
    expect(codes(await manager.call('trace.find', { supplierCode: 'SUP-HZT', receivedFrom: '2026-11-19', receivedTo: '2026-11-23' }))).toEqual([tea.code, tea2.code, labelled.code].sort());
    expect(codes(await manager.call('trace.find', { supplierCode: 'SUP-GRN', receivedFrom: '2026-11-19', receivedTo: '2026-11-23' }))).toEqual([]);
    const capped = await manager.call('trace.find', { supplierCode: 'SUP-HZT', receivedFrom: '2026-11-01', receivedTo: '2026-11-30', limit: 2 });
    expect([capped.total, capped.lots.length]).toEqual([3, 2]);
  });

  it("finds an item's lots made in a range of production dates", async () => {
    expect(codes(await manager.call('trace.find', { sku: 'TEA-250', producedFrom: '2026-09-01', producedTo: '2026-09-30' }))).toEqual([labelled.code]);
    expect(codes(await manager.call('trace.find', { sku: 'SOY-500', producedFrom: '2026-09-01', producedTo: '2026-09-30' }))).toEqual([]);
  });

  it("finds the lots of a shipped case by its SSCC, typed bare or with (00), and the trace reaches the customer", async () => {
    expect(sscc).toMatch(/^\d{18}$/);
    expect(codes(await manager.call('trace.find', { sscc }))).toEqual([tea.code]);
    const r = await manager.call('trace.find', { sscc: `(00)${sscc}` });
    const t = await manager.call('trace.lot', { lotId: r.lots[0].lotId, direction: 'forward' });
    expect(t.shipments.map((s) => [s.customerCode, s.quantity])).toEqual([['CUS-SHM', 3]]);
  });

  it('refuses bad input with translated errors and writes nothing', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db);
    const cases: [unknown, string, string, string][] = [
      [{ supplierLot: 'NO-SUCH' }, 'errors.trace.supplierLotUnknown', 'NO-SUCH', '供应商批次'],
      [{ supplierCode: 'SUP-HZT', receivedFrom: '2026-11-23', receivedTo: '2026-11-20' }, 'errors.trace.rangeReversed', '2026', '日期范围颠倒'],
      [{ sku: 'TEA-250', producedFrom: '2026-10-01', producedTo: '2026-09-01' }, 'errors.trace.rangeReversed', '2026', '日期范围颠倒'],
      [{ supplierCode: 'SUP-NOPE', receivedFrom: '2026-11-01', receivedTo: '2026-11-30' }, 'errors.trace.supplierUnknown', 'SUP-NOPE', '供应商'],
      [{ sku: 'NOPE-1', producedFrom: '2026-09-01', producedTo: '2026-09-30' }, 'errors.trace.itemUnknown', 'NOPE-1', '物料'],
      [{ sscc: NEVER_SHIPPED }, 'errors.trace.ssccNotShipped', NEVER_SHIPPED, '从未'],
      [{ sscc: '12345' }, 'errors.trace.badSscc', 'SSCC', 'SSCC'],
    ];
    for (const [input, key, en, zh] of cases) {
      const e = await errorOf(manager.call('trace.find', input as never));
      expect(e.key).toBe(key);
      expect(translate('en', e.key, e.params)).toContain(en);
      expect(translate('zh-CN', e.key, e.params)).toContain(zh);
    }
    expect(await errorOf(manager.call('trace.find', { sscc: WRONG_DIGIT }))).toMatchObject({ key: 'errors.inventory.ssccCheckDigit' });
    expect(await errorOf(manager.call('trace.lot', { lotId: 'no-such-lot', direction: 'both' }))).toMatchObject({ key: 'errors.lot.unknown' });
    expect(await errorOf(clerk.call('trace.find', { supplierLot: 'HZ-2026-0917' }))).toMatchObject({ code: 'forbidden' });
    expect(snapshot(desk.db)).toEqual(before);
  });
});

describe('paging a trace', () => {
  it('gives the first page with the totals of all, and trace.page the rest in the same order', async () => {
    const cat = await catalog(manager);
    const lead = await desk.signedIn('lead', '3333');
    const bin = (code: string) => cat.location(code).id;
    // A small genealogy: the soy lot split three times.
    for (let i = 0; i < 3; i++) await lead.call('lots.split', { lotId: soy.id, fromLocationId: bin('A-01'), quantity: 2, toLocationId: bin('A-02') });
    const whole = await manager.call('trace.lot', { lotId: soy.id, direction: 'both' });
    expect(whole.totals.lots).toBe(3);
    const first = await manager.call('trace.lot', { lotId: soy.id, direction: 'both', limit: 2 });
    expect(first.page).toEqual({ offset: 0, limit: 2 });
    expect(first.totals).toEqual(whole.totals);
    expect(first.nodes).toEqual(whole.nodes.slice(0, 2));
    const pages: TraceNode[] = [...first.nodes];
    for (let offset: number | null = 2; offset !== null; ) {
      const p: TracePage = await manager.call('trace.page', { lotId: soy.id, direction: 'both', list: 'nodes', offset, limit: 2 });
      if (p.list !== 'nodes') throw new Error('nodes asked');
      expect(p.total).toBe(3);
      pages.push(...p.items);
      offset = p.next;
    }
    expect(pages).toEqual(whole.nodes);
    const edges = await manager.call('trace.page', { lotId: soy.id, direction: 'both', list: 'edges', offset: 1, limit: 5 });
    expect(edges.items).toEqual(whole.edges.slice(1));
    expect(await errorOf(manager.call('trace.page', { lotId: soy.id, direction: 'both', list: 'nodes', offset: -1, limit: 2 }))).toMatchObject({ key: 'errors.trace.badOffset' });
    expect(await errorOf(manager.call('trace.lot', { lotId: soy.id, direction: 'both', limit: 0 }))).toMatchObject({ key: 'errors.trace.badLimit' });
  });
});
