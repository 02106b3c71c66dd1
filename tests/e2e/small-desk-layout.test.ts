/**
 * The desks' smallest window, 1280×800 (the other end-to-end tests run at 1440×900, where these
 * layouts had room). A lot with a full history: received, moved, picked and shipped twice to a
 * customer with a long name, then counted short. Its page keeps each movement on a line or two
 * and the card inside the window; the order's line table keeps each number column's header on
 * one line. In English and Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, SMALL_DESK, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, shipOrder, signedInPage } from './support/flows';

let browser: Browser;
let desk: Desk;
let lotId: string;
let orderNumber: string;
const pages: DeskPage[] = [];

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  // Received into RCV-01 and moved to A-01.
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 20, expiryDate: inDays(530), bin: 'A-01' });
  lotId = lot.id;
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  for (const quantity of [4, 6]) {
    ({ orderNumber } = await shipOrder(stock, lead, { customer: 'CUS-SHM', sku: 'TEA-250', lotCode: lot.code, bin: 'A-01', quantity }));
  }
  // 10 left in A-01, 9 counted.
  await stock.clerk.result('counts.submit', { locationId: stock.locationId('A-01'), lines: [{ lotId: lot.id, quantity: 9 }] });
});
afterAll(async () => {
  for (const ui of pages) await ui.context.close();
  await browser?.close();
  await desk?.stop();
});

async function smallDesk(username: string, secret: string, locale: 'en' | 'zh-CN'): Promise<Page> {
  const ui = await signedInPage(browser, desk, { username, secret, locale, viewport: SMALL_DESK });
  pages.push(ui);
  return ui.page;
}

/**
 * How many lines the element's text takes: the distinct tops of its text's boxes (a table cell is
 * as tall as its row, so its own height says nothing).
 */
async function lines(el: Locator): Promise<number> {
  return await el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops: number[] = [];
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.width > 0 && !tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
    }
    return tops.length;
  });
}

describe('at 1280×800 (e2e)', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`the lot page keeps its movement history readable and inside the window (${locale})`, { timeout: 120_000 }, async () => {
      const page = await smallDesk('manager', '4444', locale);
      await page.goto(`${desk.url}/#/stock/lot/${lotId}`);
      const rows = page.locator(sel('movement-row'));
      await expect.poll(() => rows.count()).toBe(7);
      await page.waitForTimeout(300); // naive-ui sizes the table after its first paint

      // The card stays inside the window: the movements table scrolls within it if it must.
      const movements = page.locator(sel('lot-movements'));
      const right = await movements.evaluate((el) => el.closest('.n-card')!.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(SMALL_DESK.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_DESK.width);
      // At 1280 the whole table fits: no column is cut off behind a sideways scroll.
      const [table, wrapper] = await movements.evaluate((el) => [el.querySelector('table')!.getBoundingClientRect().width, el.querySelector('.n-data-table-wrapper')!.getBoundingClientRect().width]);
      expect(table).toBeLessThanOrEqual(wrapper);

      // A row is two lines (the time and a user's name under the date and the first name), a
      // shipment at most four (the customer's name and its code line, two each), not a letter a line.
      for (const row of await rows.all()) {
        const height = (await row.boundingBox())!.height;
        const shipment = (await row.locator(sel('movement-customer')).count()) > 0;
        expect(height, await row.innerText()).toBeLessThan(shipment ? 110 : 60);
        // Bins and documents stay whole on one line.
        for (const column of [3, 4, 6]) {
          if (!shipment || column !== 4) expect(await lines(row.locator('td').nth(column)), await row.innerText()).toBe(1);
        }
      }
      expect(await lines(page.locator(`${sel('lot-movements')} th`).nth(4))).toBe(1);
      const customers = page.locator(`${sel('movement-customer')} .customer-name`);
      expect(await customers.count()).toBe(2);
      for (const name of await customers.all()) expect(await lines(name)).toBeLessThanOrEqual(2);
    });

    it(`the order's number columns keep their headers on one line (${locale})`, { timeout: 120_000 }, async () => {
      const page = await smallDesk('lead', '3333', locale);
      await page.locator(sel('nav-orders')).click();
      await page.locator(sel('orders-shipped')).click();
      await page.locator(sel('order-row'), { hasText: orderNumber }).click();
      const detail = page.locator(`${sel('order-detail')}[data-order="${orderNumber}"]`);
      await detail.locator(sel('order-line')).first().waitFor();
      const headers = detail.locator('th.num');
      expect(await headers.count()).toBe(6);
      for (let i = 0; i < 6; i++) {
        const header = headers.nth(i);
        expect(await lines(header), await header.innerText()).toBe(1);
      }
      // The quantities stay on one line too.
      for (const cell of await detail.locator(`${sel('order-line')} td.num`).all()) expect(await lines(cell), await cell.innerText()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_DESK.width);
    });
  }
});
