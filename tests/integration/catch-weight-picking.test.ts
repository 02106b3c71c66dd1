/**
 * Catch weight at picking (issue 19, migration 033): a catch-weight item is picked with its weight
 * — a stable reading of the station's scale (demo HID scale) or typed kg — recorded with the pick
 * (its scale named, or typed) and printed on the delivery note's line; without a weight, with a bad
 * one, two at once, or a weight for an item not sold by weight, the pick is refused with a
 * translated error and nothing is written. A desk from before 033 opens with its data and picks
 * catch weights from then on.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_NOW, errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { closeDeviceRuntime } from '../../src/app/devices/runtime';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import { createClient, type Client } from '../../src/contract/client';
import { translate } from '../../src/i18n/translate';
import { PICK_WEIGHTS_VERSION, rollBackTo } from '../support/schema-history';
import { MIGRATIONS } from '../../src/store/migrations';

const dir = mkdtempSync(join(tmpdir(), 'lotdesk-catch-weight-'));
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pickableOrder(desk: TestDesk, quantity = 4) {
  const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-03-31', quantity: 10, bin: 'A-01' }]);
  desk.db.prepare("UPDATE items SET catch_weight = 1 WHERE sku = 'TEA-250'").run();
  const lead = await desk.signedIn('lead', '3333');
  const clerk = await desk.signedIn('clerk', '1111');
  const cat = await catalog(lead);
  const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  return { lot, lead, clerk, order };
}

function pdfText(base64: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function shipAndNote(clerk: Client, orderId: string, lotCode: string, locale: 'en' | 'zh-CN' = 'en'): Promise<string> {
  await clerk.call('packing.scan', { orderId, scan: lotCode });
  const shipped = await clerk.call('shipping.ship', { orderId });
  const note = await clerk.call('shipping.deliveryNote', { shipmentId: shipped.shipmentId, locale });
  return pdfText(note.base64, `${shipped.shipmentNumber}-${locale}.pdf`);
}

describe('catch weight at the pick scan', () => {
  it('refuses a pick without a weight, with a bad one, or with two; nothing is written', async () => {
    const desk = await openTestDesk();
    closers.push(() => desk.close());
    const { lot, clerk, order } = await pickableOrder(desk);
    const before = snapshot(desk.db);
    const pick = (extra: object) => errorOf(clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, ...extra }));
    const missing = await pick({});
    expect(missing).toMatchObject({ code: 'rule', key: 'errors.picking.weightRequired', field: 'weightKg', params: { sku: 'TEA-250', lot: lot.code } });
    expect(translate('zh-CN', missing.key, missing.params)).toContain('按重量销售');
    for (const bad of [0, -1, 1.2345, 100_000, 'abc']) expect((await pick({ weightKg: bad })).key, String(bad)).toBe('errors.picking.badWeight');
    expect((await pick({ weightKg: 1, weightReadingId: '01890000-0000-7000-8000-000000000000' })).key).toBe('errors.picking.twoWeights');
    expect((await pick({ weightReadingId: '01890000-0000-7000-8000-000000000000' })).key).toBe('errors.devices.readingGone');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('records a typed weight with the pick, in the audit and on the delivery note (en, zh-CN)', async () => {
    const desk = await openTestDesk();
    closers.push(() => desk.close());
    const { lot, clerk, order } = await pickableOrder(desk);
    const r = await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, weightKg: 4.125 });
    expect(r.weight).toEqual({ kg: 4.125, device: null });
    expect(desk.db.prepare('SELECT grams, device, lot_id FROM pick_weights WHERE movement_id = ?').get(r.movementId)).toEqual({ grams: 4125, device: null, lot_id: lot.id });
    const manager = await desk.signedIn('manager', '4444');
    const audit = (await manager.call('audit.recent', { limit: 5 })).find((a) => a.command === 'picking.scan')!;
    expect(audit.changes?.map((c) => [c.field, c.after])).toEqual([['catchWeight', '4.125 kg'], ['weightSource', 'typed']]);
    const text = await shipAndNote(clerk, order.id, lot.code);
    expect(text).toMatch(/Net weight 4\.125 kg/);
    expect(desk.db.prepare('SELECT shipment_id IS NOT NULL AS shipped FROM pick_weights').get()).toEqual({ shipped: 1 });
  });

  it('takes the stable weight of the station’s scale by its reading, once; the device is recorded', async () => {
    const desk = await openTestDesk();
    closers.push(() => desk.close());
    closers.push(() => closeDeviceRuntime(desk.station));
    const { lot, clerk, order } = await pickableOrder(desk);
    const manager = await desk.signedIn('manager', '4444');
    await manager.call('devices.saveSettings', { ...(await manager.call('devices.settings')), demo: true });
    const reading = await clerk.call('devices.readScale');
    const r = await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 2, weightReadingId: reading.readingId });
    expect(r.weight).toEqual({ kg: reading.grams / 1000, device: 'hid:0922:8003:sim:hid-scale' });
    // The reading is used up: the second pick needs a new one.
    expect((await errorOf(clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 2, weightReadingId: reading.readingId }))).key).toBe('errors.devices.readingGone');
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 2, weightKg: 1.5 });
    const zh = await shipAndNote(clerk, order.id, lot.code, 'zh-CN');
    expect(zh).toContain(`净重 ${(reading.grams + 1500) / 1000} kg`);
  });

  it('refuses a weight for an item not sold by weight', async () => {
    const desk = await openTestDesk();
    closers.push(() => desk.close());
    const { lot, clerk, order } = await pickableOrder(desk);
    desk.db.prepare("UPDATE items SET catch_weight = 0 WHERE sku = 'TEA-250'").run();
    expect(await errorOf(clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, weightKg: 2 }))).toMatchObject({ key: 'errors.picking.notCatchWeight', params: { sku: 'TEA-250' } });
    expect((await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code })).weight).toBeNull();
  });
});

describe('migration 033', () => {
  it('a desk from before it keeps its orders and stock, and picks catch weights after the upgrade', async () => {
    const desk = await openTestDesk();
    closers.push(() => desk.close());
    const { lot, lead, order } = await pickableOrder(desk, 6);
    const clerk = await desk.signedIn('clerk', '1111');
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 2, weightKg: 2.2 });
    const byItem = await lead.call('stock.byItem', {});
    const list = await clerk.call('picking.list', { orderId: order.id });
    desk.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = new Database(desk.file);
    raw.pragma('foreign_keys = OFF');
    rollBackTo(raw, PICK_WEIGHTS_VERSION - 1);
    expect(raw.pragma('user_version', { simple: true })).toBe(PICK_WEIGHTS_VERSION - 1);
    raw.close();

    const reopened = openDesk(desk.file, { clock: new ManualClock(new Date(DEMO_NOW)) });
    closers.push(() => reopened.station.close());
    const client = async (username: string, secret: string) => {
      const auth = {};
      const c = createClient((name, input) => reopened.dispatch(auth, name, input));
      await c.call('session.signIn', { username, secret });
      return c;
    };
    expect(reopened.station.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length); // 033 and every migration after it
    const lead2 = await client('lead', '3333');
    const clerk2 = await client('clerk', '1111');
    expect(await lead2.call('stock.byItem', {})).toEqual(byItem);
    expect(await clerk2.call('picking.list', { orderId: order.id })).toEqual(list);
    const r = await clerk2.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 4, weightKg: 4.4 });
    expect(r.weight).toEqual({ kg: 4.4, device: null });
  });
});
