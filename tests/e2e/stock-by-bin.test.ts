/**
 * Stock by bin, driven by a scanner: choosing By bin puts the cursor in the bin field, a scanned
 * bin lists its lots earliest expiry first under a heading that names the bin and counts its lots,
 * and the field is free for the next scan; an unknown bin is refused and keeps what was typed.
 * Stock by item sets what orders hold apart from what is available, read again on the way back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import type { ReceiveResult } from '../../src/contract/results';
import { activeTest, chooseLanguage, demoStock, inDays, sel, signedInPage, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
const lots: Record<string, ReceiveResult> = {};
let stock: Awaited<ReturnType<typeof demoStock>>;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  stock = await demoStock(desk);
  const { receive } = stock;
  // Received latest expiry first, so the newest-first order and the FEFO order differ.
  lots.late = await receive({ sku: 'TEA-250', quantity: 5, expiryDate: inDays(400), bin: 'A-05' });
  lots.early = await receive({ sku: 'TEA-250', quantity: 6, expiryDate: inDays(100), bin: 'A-05' });
  lots.soy = await receive({ sku: 'SOY-500', quantity: 7, expiryDate: inDays(200), bin: 'A-05' });
  lots.elsewhere = await receive({ sku: 'SOY-500', quantity: 8, expiryDate: inDays(50), bin: 'A-06' });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const listed = async (ui: DeskPage) => ui.page.locator(sel('bin-stock-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot')));

describe('stock by bin (e2e)', () => {
  it('takes a scanned bin without a click and lists its lots earliest expiry first; in Chinese too', { timeout: 90_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-stock-overview')).click();
    await page.locator(sel('overview-page')).waitFor();
    await page.locator(sel('view-bin')).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'bin-code');

    await typeLikeScanner(page, 'A-05');
    await page.locator(sel('bin-heading')).waitFor();
    expect(await text(page, 'bin-heading')).toBe('Bin A-05: 3 lots, earliest expiry first');
    expect(await listed(ui)).toEqual([lots.early.lot.code, lots.soy.lot.code, lots.late.lot.code]);
    expect(await activeTest(page)).toBe('bin-code');
    expect(await page.locator(sel('bin-code')).inputValue()).toBe('');

    // The next scan replaces the list.
    await typeLikeScanner(page, 'A-06');
    await page.locator(sel('bin-heading')).getByText('A-06').waitFor();
    expect(await text(page, 'bin-heading')).toBe('Bin A-06: 1 lot, earliest expiry first');
    expect(await listed(ui)).toEqual([lots.elsewhere.lot.code]);

    // An unknown bin is refused; what was typed stays, selected, for the next scan to replace.
    await typeLikeScanner(page, 'Z-99');
    expect(await page.locator('.n-alert').innerText()).toContain('Z-99');
    expect(await page.locator(sel('bin-code')).inputValue()).toBe('Z-99');
    expect(await page.locator(sel('bin-stock')).count()).toBe(0);

    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('bin-code')).focus();
    await typeLikeScanner(page, 'A-05');
    await page.locator(sel('bin-heading')).getByText('A-05').waitFor();
    expect(await text(page, 'bin-heading')).toBe('库位 A-05：共 3 个批次，最早到期的在前');
    expect(ui.problems).toEqual([]);
  });

  it('tells by item what orders hold apart from what a new order may still get', { timeout: 60_000 }, async () => {
    const lead = desk.client();
    await lead.result('session.signIn', { username: 'lead', secret: '3333' });
    const order = await lead.result<{ id: string }>('orders.create', { customerId: stock.customerId('CUS-SFO'), lines: [{ itemId: stock.itemId('SOY-500'), quantity: 9 }] });
    await lead.result('allocation.allocate', { orderId: order.id });
    const { page } = ui;
    // The figures are read again on the way back to By item.
    await page.locator(sel('view-items')).click();
    const soy = page.locator(`${sel('item-stock-row')}[data-sku="SOY-500"]`);
    await soy.waitFor();
    const header = await page.locator('th').allInnerTexts();
    const cell = async (title: string) => soy.locator('td').nth(header.indexOf(title)).innerText();
    expect([await cell('可用'), await cell('已分配'), await cell('合计')]).toEqual(['6 件', '9 件', '15 件']);
  });
});
