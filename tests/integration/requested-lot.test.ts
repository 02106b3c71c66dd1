/**
 * The order form's requested lot is searched in the core: stock.list narrowed to the item, in
 * FEFO order (expiry, then receipt), by part of the lot code. With the newest-first default an
 * item with more lots than one answer holds never offered its FEFO-first lot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let lead: Client;
let tea: string;
let lots: Awaited<ReturnType<typeof stockUp>>;

beforeAll(async () => {
  desk = await openTestDesk();
  lots = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2027-09-30', quantity: 5, bin: 'A-01', receivedOn: '2026-09-01' },
    // The FEFO-first lot, received before the two that share an expiry date.
    { sku: 'TEA-250', expiry: '2027-03-31', quantity: 5, bin: 'A-02', receivedOn: '2026-10-01' },
    { sku: 'TEA-250', expiry: '2027-06-30', quantity: 5, bin: 'B-01', receivedOn: '2026-11-20' },
    { sku: 'TEA-250', expiry: '2027-06-30', quantity: 5, bin: 'A-01', receivedOn: '2026-11-10' },
    { sku: 'SOY-500', expiry: '2027-01-31', quantity: 5, bin: 'A-02' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  tea = (await catalog(lead)).item('TEA-250').id;
});
afterAll(() => desk.close());

const codes = (page: { rows: { lot: { code: string } }[] }) => page.rows.map((r) => r.lot.code);

describe("an item's lots for a requested lot", () => {
  it('come FEFO first: expiry, then receipt; the first of many is in the first answer', async () => {
    expect(codes(await lead.call('stock.list', { itemId: tea, order: 'fefo' }))).toEqual([lots[1], lots[3], lots[2], lots[0]].map((l) => l.code));
    expect(codes(await lead.call('stock.list', { itemId: tea, order: 'fefo', limit: 2 }))).toEqual([lots[1].code, lots[3].code]);
    // The default order (newest receipt first) would not have offered it.
    expect(codes(await lead.call('stock.list', { itemId: tea, limit: 2 }))).not.toContain(lots[1].code);
  });

  it('are found by part of the lot code, in any case, and only the item’s', async () => {
    const code = lots[2].code;
    const found = await lead.call('stock.list', { itemId: tea, order: 'fefo', search: code.slice(2, 10).toLowerCase() });
    expect(codes(found)).toEqual([code]);
    expect(found.rows[0].lot.expiryDate).toBe('2027-06-30');
    expect((await lead.call('stock.list', { itemId: tea, order: 'fefo', search: lots[4].code })).rows).toEqual([]);
  });
});
