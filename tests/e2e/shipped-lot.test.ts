/**
 * A manager answering a customer complaint about a shipped lot: the lot has no stock left, yet
 * searching its exact code on Stock offers it, Enter opens its page, and the ship movement names
 * the customer with the region and channel kept on the shipment, next to the shipment number.
 * On Orders, the shipment number typed on the Open tab says the order is among the shipped ones;
 * the order lists its shipment (lot, SSCC) and prints its delivery note again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, demoStock, inDays, sel, shipOrder, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let lotCode: string;
let shipmentNumber: string;
let orderNumber: string;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 5, expiryDate: inDays(530), bin: 'A-01' });
  lotCode = lot.code;
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  ({ orderNumber, shipmentNumber } = await shipOrder(stock, lead, { customer: 'CUS-SHM', sku: 'TEA-250', lotCode: lot.code, bin: 'A-01', quantity: 5 }));
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('a shipped lot (e2e)', () => {
  it('is reached from Stock by its code and its page names the customer it went to', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'zh-CN' });
    const { page } = ui;
    await page.locator(sel('nav-stock')).click();
    await page.locator(sel('stock-page')).waitFor();
    await page.locator(sel('stock-search')).fill(lotCode);
    await page.locator(sel('stock-empty-lot')).waitFor();
    expect(await text(page, 'stock-without-stock')).toContain('此批号已无库存的批次');
    expect(await page.locator(sel('stock-row')).count()).toBe(0);
    expect(await text(page, 'stock-count')).toBe('共 0 行');
    // Enter on the one lot the code names opens it, as it does for a lot with stock.
    await page.locator(sel('stock-search')).press('Enter');
    await page.locator(sel('lot-page')).waitFor();
    expect(await text(page, 'lot-page-code')).toBe(lotCode);
    const ship = page.locator(sel('movement-row'), { hasText: shipmentNumber });
    expect(await ship.locator(sel('movement-customer')).innerText()).toBe('Shanghai Fresh Mart 上海鲜超市\nCUS-SHM · CN-SH · retail');
    expect(await ship.innerText()).toContain('发货');
    // Times read with their date as every date on screen does (2026年11月26日 16:48:23), not 2026/11/26.
    expect(await text(page, 'lot-facts')).toMatch(/收货时间\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/);
    expect(await ship.innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/);
  });

  it('on Orders: a shipment number says which tab holds its order, which lists the shipment and prints its delivery note again', { timeout: 120_000 }, async () => {
    await ui?.context.close();
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('orders-page')).waitFor();
    // The Open tab has no match: it says where the match is, and offers that tab.
    await page.locator(sel('orders-search')).fill(shipmentNumber);
    await expect.poll(() => text(page, 'no-orders')).toBe(`No open order matches "${shipmentNumber}"; 1 in Shipped.`);
    await page.locator(sel('orders-other-tab')).click();
    const row = page.locator(sel('order-row'), { hasText: orderNumber });
    await row.waitFor();
    expect(await page.locator(sel('order-row')).count()).toBe(1);
    await row.click();

    const shipment = page.locator(`${sel('order-shipment')}[data-shipment="${shipmentNumber}"]`);
    await shipment.waitFor();
    expect(await shipment.locator(sel('shipment-line')).evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-sku'), r.getAttribute('data-lot')]))).toEqual([['TEA-250', lotCode]]);
    expect(await shipment.locator(sel('shipment-line')).innerText()).toContain('5 pcs');
    expect(await text(page, 'shipment-ssccs')).toMatch(/^SSCC \d{18}$/);
    expect(await text(page, 'shipment-at')).toMatch(/^shipped \w{3} \d{1,2}, \d{4}/);

    // The delivery note the packing desk printed, saved again from the order.
    await shipment.locator(sel('shipment-note')).click();
    const download = shipment.locator(sel('delivery-note-download'));
    await expect.poll(() => download.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await text(page, 'delivery-note-print')).toBe('Print delivery note');
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(saved.suggestedFilename()).toBe(`delivery-note-${shipmentNumber}.pdf`);
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-orders-note-'));
    try {
      await saved.saveAs(join(dir, 'note.pdf'));
      const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'note.pdf'), '-'], { encoding: 'utf8' });
      expect(pdf).toContain('Delivery note');
      expect(pdf).toContain(shipmentNumber);
      expect(pdf.split('\n').find((l) => l.includes('TEA-250'))).toContain(lotCode);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Nothing anywhere: said so, with no tab to offer; the same in Chinese.
    await page.locator(sel('orders-search')).fill('SHP-NOWHERE');
    await expect.poll(() => text(page, 'no-orders')).toBe('No order matches "SHP-NOWHERE".');
    expect(await page.locator(sel('orders-other-tab')).count()).toBe(0);
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('orders-open')).click();
    await page.locator(sel('orders-search')).fill(shipmentNumber);
    await expect.poll(() => text(page, 'no-orders')).toBe(`没有匹配“${shipmentNumber}”的未完成订单；已发货订单中有 1 个。`);
    expect(await text(page, 'orders-other-tab')).toBe('查看已发货订单');
    expect(ui.problems).toEqual([]);
  });
});
