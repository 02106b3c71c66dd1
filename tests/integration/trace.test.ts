/**
 * `trace.lot` through the dispatcher on the demo data: a tea lot split, merged and made into gift
 * kits, one part shipped. Forward reaches every descendant and the customer; backward reaches the
 * ancestors and their suppliers; a clerk is refused; an unknown lot or a scan of no lot is a
 * translated error and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView, NewLotResult } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let manager: Client;
let tea: LotView, tea2: LotView, soy: LotView;
let split: NewLotResult, merged: NewLotResult, kit: NewLotResult;
let label: (lot: LotView) => string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, tea2, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' },
    { sku: 'TEA-250', expiry: '2028-06-01', quantity: 10, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 20, bin: 'A-01' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  const cat = await catalog(lead);
  const bin = (code: string) => cat.location(code).id;
  split = await lead.call('lots.split', { lotId: tea.id, fromLocationId: bin('A-01'), quantity: 8, toLocationId: bin('A-02') });
  merged = await lead.call('lots.merge', { toLocationId: bin('A-01'), parts: [{ lotId: tea.id, fromLocationId: bin('A-01'), quantity: 4 }, { lotId: tea2.id, fromLocationId: bin('A-01'), quantity: 5 }] });
  kit = await lead.call('lots.transform', {
    kind: 'kitting', itemId: cat.item('GIFT-TEA').id, quantity: 6, unit: 'pcs', toLocationId: bin('A-07'),
    components: [{ lotId: split.lot.id, fromLocationId: bin('A-02'), quantity: 6 }, { lotId: soy.id, fromLocationId: bin('A-01'), quantity: 6 }],
  });
  // Two of the split lot's last packs go to a customer.
  label = (lot: LotView) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
  const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 2, lotId: split.lot.id }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  const clerk = await desk.signedIn('clerk', '1111');
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-02', scan: label(split.lot), quantity: 2 });
  await clerk.call('packing.scan', { orderId: order.id, scan: label(split.lot) });
  await clerk.call('shipping.ship', { orderId: order.id });
});
afterAll(() => desk.close());

const byCode = (nodes: { code: string; depth: number; quantity: number }[]) => Object.fromEntries(nodes.map((n) => [n.code, [n.depth, n.quantity]]));

describe('trace.lot', () => {
  it('walks forward through split, merge and transformation to the customer', async () => {
    const t = await manager.call('trace.lot', { lotId: tea.id, direction: 'forward' });
    expect(t.root).toMatchObject({ lotId: tea.id, code: tea.code, sku: 'TEA-250' });
    expect(byCode(t.nodes)).toEqual({ [split.lot.code]: [1, 8], [merged.lot.code]: [1, 4], [kit.lot.code]: [2, 6] });
    expect(t.edges.map((e) => [e.kind, e.quantity]).sort()).toEqual([['merge', 4], ['split', 8], ['transform', 6]]);
    expect(t.shipments).toEqual([expect.objectContaining({ lotCode: split.lot.code, customerCode: 'CUS-SHM', region: 'CN-SH', channel: 'retail', quantity: 2, unit: 'pcs' })]);
    expect(t.receipts).toEqual([]);
    expect(t.totals).toMatchObject({ lots: 3, shipments: 1, customers: 1, maxDepth: 2 });
  });

  it("walks backward from the kit to the suppliers of its tea and soy", async () => {
    const t = await lead.call('trace.lot', { lotId: kit.lot.id, direction: 'backward' });
    expect(byCode(t.nodes)).toEqual({ [split.lot.code]: [1, 6], [soy.code]: [1, 6], [tea.code]: [2, 6] });
    expect(t.receipts.map((r) => [r.lotCode, r.supplierCode, r.quantity]).sort()).toEqual([[soy.code, 'SUP-GRN', 20], [tea.code, 'SUP-HZT', 20]].sort());
    expect(t.shipments).toEqual([]);
  });

  it('traces both ways from a scanned label, and X is forward of Y exactly when Y is backward of X', async () => {
    const t = await manager.call('trace.lot', { scan: label(split.lot), direction: 'both' });
    expect(t.root.lotId).toBe(split.lot.id);
    expect(t.nodes.map((n) => [n.direction, n.code]).sort()).toEqual([['backward', tea.code], ['forward', kit.lot.code]].sort());
    expect(t.receipts.map((r) => r.lotCode)).toEqual([tea.code]);
    expect(t.shipments.map((s) => s.quantity)).toEqual([2]);
    const back = await manager.call('trace.lot', { lotId: kit.lot.id, direction: 'backward' });
    expect(back.nodes.map((n) => n.lotId)).toContain(split.lot.id);
  });

  it('refuses a clerk', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    expect(await errorOf(clerk.call('trace.lot', { lotId: tea.id, direction: 'both' }))).toMatchObject({ code: 'forbidden' });
  });

  it('says in both languages when the lot is unknown or the scan names no lot, and writes nothing', async () => {
    const before = snapshot(desk.db);
    const unknown = await errorOf(manager.call('trace.lot', { lotCode: 'NO-SUCH-LOT', direction: 'both' }));
    expect(unknown).toMatchObject({ code: 'not_found', key: 'errors.trace.lotCodeUnknown', field: 'lotCode' });
    expect(translate('en', unknown.key, unknown.params)).toContain('NO-SUCH-LOT');
    expect(translate('zh-CN', unknown.key, unknown.params)).toContain('批次');
    expect(await errorOf(manager.call('trace.lot', { lotId: '0190f0f0-0000-7000-8000-000000000000', direction: 'both' }))).toMatchObject({ key: 'errors.lot.unknown' });
    // A GTIN alone is a product, not a lot.
    // Lot codes count per item: a code two items' lots share is not guessed.
    const shared = desk.db.prepare('SELECT code FROM lots GROUP BY code HAVING COUNT(*) > 1').get() as { code: string } | undefined;
    if (shared) expect(await errorOf(manager.call('trace.lot', { lotCode: shared.code, direction: 'both' }))).toMatchObject({ key: 'errors.trace.ambiguous', params: { code: shared.code } });
    const noLot = await errorOf(manager.call('trace.lot', { scan: `(01)${(await catalog(manager)).item('TEA-250').gtin}`, direction: 'forward' }));
    expect(noLot).toMatchObject({ key: 'errors.inventory.scanNoLot', field: 'scan' });
    expect(snapshot(desk.db)).toEqual(before);
  });
});
