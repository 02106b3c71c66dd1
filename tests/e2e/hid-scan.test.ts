/**
 * HID scans at the desk (issue 19) in Chromium against the serve-mode desk in demo mode: the
 * header shows the station's devices (simulated HID scanner and scale connected, label printer
 * set), and a label read by the station's simulated HID POS scanner — decoded by the core's HID
 * code — reaches the Receiving screen in front while the cursor is in another text field, fills
 * the case as a wedge scan would (nothing typed into that field), and the receipt's audit record
 * says the lot was scanned by the HID scanner, in English and in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { activeTest, chooseLanguage, choosePoLine, demoStock, inDays, nextYearEnd, sel, signedInPage, text } from './support/flows';
import { demoGtin } from '../../src/app/demo/demo-data';
import { dateOf } from '../../src/domain/dates';
import type { AuditRow, DeviceSettings, ItemDetail } from '../../src/contract/results';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let manager: ReturnType<Desk['client']>;
let demo: Awaited<ReturnType<typeof demoStock>>;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  demo = await demoStock(desk);
  manager = desk.client();
  await manager.result('session.signIn', { username: 'manager', secret: '4444' });
  const settings = await manager.result<DeviceSettings>('devices.settings');
  await manager.result('devices.saveSettings', { ...settings, demo: true, printers: {} });
}, 240_000);
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('HID scans to the screen in front (e2e)', () => {
  it('a label read by the station’s HID scanner fills the Receiving case; the header shows the devices; the audit says HID', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    const { page } = ui;
    await expect.poll(() => page.locator(sel('device-scanner')).getAttribute('data-test-state')).toBe('connected');
    expect(await text(page, 'device-scanner')).toBe('Scanner: connected');
    expect(await text(page, 'device-scale')).toBe('Scale: connected');
    expect(await text(page, 'device-printer')).toBe('Printer: set');

    await page.locator(sel('nav-receiving')).click();
    await choosePoLine(page, 'PO-1003');
    // The cursor is in the supplier-lot field; the HID scan must not be typed into it.
    expect(await activeTest(page)).toBe('supplier-lot');
    const expiry = dateOf(nextYearEnd());
    const data = `01${demoGtin('40016')}17${expiry.slice(2).replaceAll('-', '')}10GRN-HID-1`;
    const started = Date.now();
    await manager.result('devices.simulateScan', { data, symbology: ']C1' });
    await page.locator(sel('parsed-ais')).waitFor();
    const took = Date.now() - started;
    expect(await page.locator(sel('supplier-lot')).inputValue()).toBe('GRN-HID-1');
    expect(await page.locator(sel('ai-10')).innerText()).toContain('GRN-HID-1');
    expect(took).toBeLessThan(5_000);

    await page.locator(sel('weigh')).click();
    await expect.poll(() => text(page, 'net-weight-source')).toBe('from hid:0922:8003:sim:hid-scale');
    await page.keyboard.press('F8');
    await page.locator(sel('receipt-confirmation')).waitFor();
    const lotCode = await text(page, 'lot-code');

    const rows = await manager.result<AuditRow[]>('audit.recent', { limit: 20 });
    const receipt = rows.find((r) => r.command === 'receiving.receive' && r.changes?.some((c) => c.label === lotCode));
    expect(receipt?.changes?.find((c) => c.field === 'scanSource')?.after).toBe('hid');

    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => text(page, 'device-scanner')).toBe('扫描枪: 已连接');
    expect(await text(page, 'device-scale')).toBe('秤: 已连接');
  });

  it('at Picking, a catch-weight lot scanned by the HID scanner needs its weight; weighed on the scale it is picked with it', { timeout: 120_000 }, async () => {
    const item = await manager.result<ItemDetail>('items.get', { itemId: demo.itemId('TEA-250') });
    const { id: itemId, unitDecimals: _d, active: _a, ...fields } = item;
    await manager.result('items.update', { ...fields, itemId, catchWeight: true });
    const lot = (await demo.receive({ sku: 'TEA-250', quantity: 4, expiryDate: inDays(200), bin: 'A-01' })).lot;
    const lead = desk.client();
    await lead.result('session.signIn', { username: 'lead', secret: '3333' });
    const order = await lead.result<{ id: string }>('orders.create', { customerId: demo.customerId('CUS-SFO'), lines: [{ itemId, quantity: 2 }] });
    await lead.result('allocation.allocate', { orderId: order.id });

    const { page } = ui;
    await chooseLanguage(page, 'en');
    await page.goto(`${desk.url}/#/picking?order=${order.id}`);
    await page.locator(`${sel('pick-row')}[data-lot="${lot.code}"]`).waitFor();
    await page.locator(sel('pick-weight-row')).waitFor();
    await manager.result('devices.simulateScan', { data: 'A-01', symbology: '' });
    await manager.result('devices.simulateScan', { data: lot.code, symbology: '' });
    await expect.poll(() => text(page, 'pick-error')).toContain('TEA-250 is sold by weight');
    expect(await activeTest(page)).toBe('pick-weight');

    await page.keyboard.press('F6');
    await expect.poll(() => text(page, 'pick-weight-source')).toBe('25.04 kg · from hid:0922:8003:sim:hid-scale');
    await manager.result('devices.simulateScan', { data: 'A-01', symbology: '' });
    await manager.result('devices.simulateScan', { data: lot.code, symbology: '' });
    await expect.poll(() => text(page, 'picked-weight')).toBe('25.04 kg · hid:0922:8003:sim:hid-scale');
  });
});
