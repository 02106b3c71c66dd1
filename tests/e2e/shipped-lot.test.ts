/**
 * A manager answering a customer complaint about a shipped lot: the lot has no stock left, yet
 * searching its exact code on Stock offers it, Enter opens its page, and the ship movement names
 * the customer with the region and channel kept on the shipment, next to the shipment number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let lotCode: string;
let shipmentNumber: string;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 5, expiryDate: inDays(530), bin: 'A-01' });
  lotCode = lot.code;
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  const order = await lead.result<{ id: string }>('orders.create', { customerId: stock.customerId('CUS-SHM'), lines: [{ itemId: stock.itemId('TEA-250'), quantity: 5 }] });
  await lead.result('allocation.allocate', { orderId: order.id });
  await stock.clerk.result('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 5 });
  await stock.clerk.result('packing.scan', { orderId: order.id, scan: lot.code });
  shipmentNumber = (await stock.clerk.result<{ shipmentNumber: string }>('shipping.ship', { orderId: order.id })).shipmentNumber;
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
});
