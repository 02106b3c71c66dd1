/**
 * Naming an item by a scan (scan.item), the checks a bill of materials must pass (no duplicate,
 * no cycle), and the near-expiry horizon: the station default a manager sets, and the expiry mark
 * the core puts on stock rows by each item's own horizon or that default.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import type { Client } from '../../src/contract/client';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { insertItem } from '../../src/app/master-data/inserts';
import { addDays } from '../../src/domain/dates';
import { gs1CheckDigit } from '../../src/domain/gs1/check-digit';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
let manager: Client;
let refs: DemoRefs;

const TODAY = '2026-11-25'; // DEMO_NOW
const inDays = (days: number) => addDays(TODAY, days);

beforeEach(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  refs = await demoRefs(lead);
});
afterEach(() => desk.close());

/** Proves a refused call wrote nothing and returns its error. */
async function refused(call: Promise<unknown>) {
  const before = snapshot(desk.db);
  const err = await errorOf(call);
  expect(snapshot(desk.db)).toEqual(before);
  return err;
}

const skus = async (itemSku: string) => (await clerk.call('boms.get', { itemId: refs.item(itemSku).id })).components.map((c) => c.sku);

describe('scan.item', () => {
  it('names an item by its SKU in any case, by a bare GTIN-14, and by an EAN-13 or GS1 barcode', async () => {
    const tea = refs.item('TEA-250');
    const gtin = tea.gtin!;
    expect(gtin).toMatch(/^0\d{13}$/);
    for (const scan of ['TEA-250', 'tea-250', 'Tea-250', '  tea-250\t']) expect(await clerk.call('scan.item', { scan })).toMatchObject({ id: tea.id, sku: 'TEA-250', gtin });
    for (const scan of [gtin, gtin.slice(1), `]E0${gtin.slice(1)}`, `]C101${gtin}17271231\x1d10B-77`, `(01)${gtin}`]) {
      expect(await clerk.call('scan.item', { scan })).toMatchObject({ id: tea.id, sku: 'TEA-250' });
    }
    // A desk whose scanner sends a substitute for GS: the GS1 label still names the item.
    expect(await clerk.call('scan.item', { scan: `]C101${gtin}10B-77~17271231`, gsSubstitute: '~' })).toMatchObject({ id: tea.id });
    // Another item's GTIN names that item, not the first one found.
    expect(await clerk.call('scan.item', { scan: refs.item('SOY-500').gtin! })).toMatchObject({ sku: 'SOY-500' });
  });

  it('prefers the exact SKU when two differ only in case', async () => {
    const lower = insertItem(desk.db, { sku: 'tea-250', name: 'Loose tea', unit: 'kg' }, '2026-11-25T09:00:00.000Z');
    expect(await clerk.call('scan.item', { scan: 'tea-250' })).toMatchObject({ id: lower, sku: 'tea-250' });
    expect(await clerk.call('scan.item', { scan: 'TEA-250' })).toMatchObject({ id: refs.item('TEA-250').id });
  });

  it('refuses a code that names no item with a translated error on the scan field', async () => {
    const unknownGtin = '0950600099999';
    for (const scan of ['NOPE-1', unknownGtin + gs1CheckDigit(unknownGtin), '09506000134353' /* TEA's GTIN, wrong check digit */, `]C100${'0'.repeat(17)}`]) {
      const err = await refused(clerk.call('scan.item', { scan }));
      expect(err).toMatchObject({ code: 'not_found', key: 'errors.item.codeUnknown', field: 'scan', params: { scan } });
    }
    const err = await errorOf(clerk.call('scan.item', { scan: ' nope-1 ' }));
    expect(translate('en', err.key, err.params)).toBe('No item has the SKU or GTIN “nope-1”. Scan the item’s barcode, or choose it from the list.');
    expect(translate('zh-CN', err.key, err.params)).toBe('没有 SKU 或 GTIN 为“nope-1”的物料。请扫描物料条码，或从列表中选择。');
  });
});

describe('boms.set', () => {
  it('returns the components with their GTIN', async () => {
    const bom = await manager.call('boms.set', { itemId: refs.item('GIFT-TEA').id, componentItemIds: [refs.item('OIL-5L').id, refs.item('TEA-250').id] });
    expect(bom.components.map((c) => [c.sku, c.gtin])).toEqual([
      ['OIL-5L', null],
      ['TEA-250', refs.item('TEA-250').gtin],
    ]);
  });

  it('keeps what goes into one unit made, per component in its unit; the demo kit takes one of each', async () => {
    const gift = refs.item('GIFT-TEA').id;
    const quantities = async (itemId: string) => (await clerk.call('boms.get', { itemId })).components.map((c) => [c.sku, c.quantity]);
    expect(await quantities(gift)).toEqual([
      ['SOY-500', 1],
      ['TEA-250', 1],
    ]);
    expect(await quantities(refs.item('RICE-5KG').id)).toEqual([['RICE-BULK', 5]]);
    const [tea, soy, rice] = ['TEA-250', 'SOY-500', 'RICE-BULK'].map((s) => refs.item(s).id);
    // Quantities follow the components' order; null (or none given) states none.
    await manager.call('boms.set', { itemId: gift, componentItemIds: [tea, soy, rice], quantities: [2, null, 0.25] });
    expect(await quantities(gift)).toEqual([
      ['RICE-BULK', 0.25],
      ['SOY-500', null],
      ['TEA-250', 2],
    ]);
    await manager.call('boms.set', { itemId: gift, componentItemIds: [tea, soy] });
    expect((await quantities(gift)).map(([, q]) => q)).toEqual([null, null]);

    // Tea is counted in whole pcs; a quantity not greater than 0, or one too many, writes nothing.
    const half = await refused(manager.call('boms.set', { itemId: gift, componentItemIds: [soy, tea], quantities: [1, 0.5] }));
    expect(half).toMatchObject({ code: 'validation', key: 'errors.quantity.wholeUnits', field: 'quantities.1' });
    expect(await refused(manager.call('boms.set', { itemId: gift, componentItemIds: [soy], quantities: [0] }))).toMatchObject({ key: 'errors.quantity.notPositive', field: 'quantities.0' });
    const extra = await refused(manager.call('boms.set', { itemId: gift, componentItemIds: [soy], quantities: [1, 1] }));
    expect(extra).toMatchObject({ code: 'validation', key: 'errors.bom.quantities', field: 'quantities' });
    expect(translate('zh-CN', extra.key, extra.params)).toBe('此物料清单的用量比组件多。未保存任何内容。');
  });

  it('refuses an item listed twice and writes nothing', async () => {
    const gift = refs.item('GIFT-TEA').id;
    const [tea, soy, oil] = ['TEA-250', 'SOY-500', 'OIL-5L'].map((s) => refs.item(s).id);
    const err = await refused(manager.call('boms.set', { itemId: gift, componentItemIds: [tea, oil, soy, oil] }));
    expect(err).toMatchObject({ code: 'validation', key: 'errors.bom.duplicate', field: 'componentItemIds.3', params: { sku: 'OIL-5L' } });
    expect(translate('en', err.key, err.params)).toBe('Item OIL-5L is on this bill of materials twice. Remove one of them.');
    expect(await skus('GIFT-TEA')).toEqual(['SOY-500', 'TEA-250']);
    expect(await refused(lead.call('boms.set', { itemId: gift, componentItemIds: [tea, tea] }))).toMatchObject({ code: 'forbidden' });
  });

  it('refuses a component already made from the item, directly or through other BOMs, naming the path', async () => {
    // The demo gift box is made from tea: tea made from gift boxes would be made from itself.
    const direct = await refused(manager.call('boms.set', { itemId: refs.item('TEA-250').id, componentItemIds: [refs.item('GIFT-TEA').id] }));
    expect(direct).toMatchObject({ code: 'rule', key: 'errors.bom.cycle', field: 'componentItemIds.0', params: { component: 'GIFT-TEA', item: 'TEA-250', path: 'GIFT-TEA → TEA-250' } });
    expect(translate('en', direct.key, direct.params)).toBe(
      'GIFT-TEA cannot be a component of TEA-250: GIFT-TEA is itself made from TEA-250 (GIFT-TEA → TEA-250). Remove it from the list.',
    );
    expect(await skus('TEA-250')).toEqual([]);

    // Oil from rice bags, rice bags from bulk rice (demo): bulk rice from oil closes a longer loop.
    await manager.call('boms.set', { itemId: refs.item('OIL-5L').id, componentItemIds: [refs.item('RICE-5KG').id] });
    const indirect = await refused(manager.call('boms.set', { itemId: refs.item('RICE-BULK').id, componentItemIds: [refs.item('SOY-500').id, refs.item('OIL-5L').id] }));
    expect(indirect).toMatchObject({ key: 'errors.bom.cycle', field: 'componentItemIds.1', params: { component: 'OIL-5L', item: 'RICE-BULK', path: 'OIL-5L → RICE-5KG → RICE-BULK' } });
    expect(await skus('RICE-BULK')).toEqual([]);
    expect(await refused(lead.call('boms.set', { itemId: refs.item('TEA-250').id, componentItemIds: [refs.item('GIFT-TEA').id] }))).toMatchObject({ code: 'forbidden' });

    // Replacing an item's own BOM is no loop: its current components do not count against it.
    expect((await manager.call('boms.set', { itemId: refs.item('GIFT-TEA').id, componentItemIds: [refs.item('SOY-500').id] })).components.map((c) => c.sku)).toEqual(['SOY-500']);
    // Once the gift box no longer uses tea, tea may be made from gift boxes.
    expect((await manager.call('boms.set', { itemId: refs.item('TEA-250').id, componentItemIds: [refs.item('GIFT-TEA').id] })).components.map((c) => c.sku)).toEqual(['GIFT-TEA']);
  });
});

describe('near-expiry horizon', () => {
  it('lets a manager set the station default, audited, within 1..3650 whole days', async () => {
    const set = (c: Client, days: unknown) => c.call('settings.setNearExpiryDefault', { days } as { days: number });
    expect(await clerk.call('settings.nearExpiryDefault')).toEqual({ days: 30 });
    expect(await refused(set(lead, 45))).toMatchObject({ code: 'forbidden' });
    for (const days of [0, 3651, 12.5, -5, 'NaN', '45']) {
      const err = await refused(set(manager, days));
      expect(err).toMatchObject({ code: 'validation', key: 'errors.nearExpiry.defaultDays', field: 'days' });
      expect(translate('en', err.key, err.params)).toBe('Enter the station default as whole days from 1 to 3650.');
    }

    const auditBefore = verifyAudit(desk.db).records;
    expect(await set(manager, 45)).toEqual({ days: 45 });
    expect(await clerk.call('settings.nearExpiryDefault')).toEqual({ days: 45 });
    expect(verifyAudit(desk.db)).toEqual({ records: auditBefore + 1, problems: [] });
    const last = desk.db.prepare('SELECT a.command, a.result, u.username FROM audit a JOIN users u ON u.id = a.user_id ORDER BY a.seq DESC LIMIT 1').get();
    expect(last).toEqual({ command: 'settings.setNearExpiryDefault', result: 'ok', username: 'manager' });
    // The bounds themselves are allowed.
    expect(await set(manager, 1)).toEqual({ days: 1 });
    expect(await set(manager, 3650)).toEqual({ days: 3650 });
  });

  it('lists near expiry by the station default for items without a horizon; items with one keep theirs', async () => {
    const soy = await receiveLot(clerk, refs, 'SOY-500', 3, inDays(40)); // no horizon of its own
    const tea = await receiveLot(clerk, refs, 'TEA-250', 4, inDays(50)); // own horizon 60
    const milk = await receiveLot(clerk, refs, 'MILK-1L', 5, inDays(20)); // own horizon 14
    const listed = async () => (await clerk.call('stock.nearExpiry')).rows.map((r) => [r.lot.code, r.horizonDays, r.expiry]);

    expect(await listed()).toEqual([[tea.lot.code, 60, 'soon']]);
    await manager.call('settings.setNearExpiryDefault', { days: 45 });
    expect(await listed()).toEqual([
      [soy.lot.code, 45, 'soon'],
      [tea.lot.code, 60, 'soon'],
    ]);
    // A short default does not shorten the tea's own 60 days; the milk's 14 days stay below its 20.
    await manager.call('settings.setNearExpiryDefault', { days: 10 });
    expect(await listed()).toEqual([[tea.lot.code, 60, 'soon']]);
    expect((await clerk.call('stock.nearExpiry')).rows.some((r) => r.lot.id === milk.lot.id)).toBe(false);
  });

  it('marks stock rows past, soon or neither by the item horizon, as of the clock', async () => {
    const lots = {
      teaEdge: await receiveLot(clerk, refs, 'TEA-250', 1, inDays(60)), // last day of TEA's 60
      teaLater: await receiveLot(clerk, refs, 'TEA-250', 1, inDays(61)),
      soyEdge: await receiveLot(clerk, refs, 'SOY-500', 1, inDays(30)), // last day of the 30-day default
      soyLater: await receiveLot(clerk, refs, 'SOY-500', 1, inDays(31)),
      milkOwn: await receiveLot(clerk, refs, 'MILK-1L', 1, inDays(14)),
      milkLater: await receiveLot(clerk, refs, 'MILK-1L', 1, inDays(20)), // within the default, outside its own 14
      soyToday: await receiveLot(clerk, refs, 'SOY-500', 1, TODAY),
    };
    const marks = async (c: Client) => {
      const { rows } = await c.call('stock.list', {});
      return Object.fromEntries(Object.entries(lots).map(([name, r]) => [name, rows.find((row) => row.lot.id === r.lot.id)!.expiry]));
    };
    expect(await marks(clerk)).toEqual({ teaEdge: 'soon', teaLater: null, soyEdge: 'soon', soyLater: null, milkOwn: 'soon', milkLater: null, soyToday: 'soon' });

    await manager.call('settings.setNearExpiryDefault', { days: 31 });
    expect(await marks(clerk)).toMatchObject({ soyLater: 'soon', milkLater: null, teaLater: null });

    // The next day the lot that expired yesterday is past (and expired), the same as its status says.
    desk.clock.set('2026-11-26T06:00:00Z');
    clerk = await desk.signedIn('clerk', '1111');
    const next = await marks(clerk);
    expect(next).toMatchObject({ soyToday: 'past', teaLater: 'soon', soyEdge: 'soon' });
    const soyRow = (await clerk.call('stock.list', { lotId: lots.soyToday.lot.id })).rows[0];
    expect(soyRow.lot.status).toBe('expired');
  });
});
