/**
 * The Stock screen over more lots than one page: it says how many rows the whole list has and
 * pages through them; a search says when more match than it has shown; Stock by item opens an
 * item's lots counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import type { StockPage } from '../../src/contract/results';
import { STOCK_PAGE } from '../../src/contract/pages';
import { chooseLanguage, demoStock, inDays, sel, signedInPage, text } from './support/flows';

/** Tea lots, and one soy lot besides. */
const LOTS = STOCK_PAGE + 20;
const ALL = LOTS + 1;
let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let newestFirst: StockPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const { receive, clerk } = await demoStock(desk);
  await receive({ sku: 'SOY-500', quantity: 1, expiryDate: inDays(100) }); // another item's lot, the oldest
  for (let i = 0; i < LOTS; i++) await receive({ sku: 'TEA-250', quantity: 1, expiryDate: inDays(200 + i) });
  newestFirst = await clerk.result<StockPage>('stock.list', { limit: ALL });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const firstLot = (page: Page) => page.locator(sel('stock-row')).first().getAttribute('data-lot');
const toPage = (page: Page, n: number) => page.locator(`${sel('stock-pager')} .n-pagination-item`, { hasText: String(n) }).click();

describe('stock list (e2e)', () => {
  it('shows the whole list\'s row count and pages through it; a search says when more match', { timeout: 120_000 }, async () => {
    expect(newestFirst.total).toBe(ALL);
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-stock')).click();
    await page.locator(sel('stock-page')).waitFor();
    await expect.poll(() => text(page, 'stock-count')).toBe(`${ALL} rows`);
    expect(await page.locator(sel('stock-row')).count()).toBe(STOCK_PAGE);
    expect(await firstLot(page)).toBe(newestFirst.rows[0].lot.code);

    // Page 2 holds the oldest lots: the rest of the list.
    await toPage(page, 2);
    await expect.poll(() => page.locator(sel('stock-row')).count()).toBe(ALL - STOCK_PAGE);
    expect(await firstLot(page)).toBe(newestFirst.rows[STOCK_PAGE].lot.code);

    // A search of three characters or more is found through the indexes and counted at once.
    await page.locator(sel('stock-search')).fill('TEA-250');
    await expect.poll(() => text(page, 'stock-count')).toBe(`${LOTS} rows`);
    // A shorter one reads lots: not counted while more rows match than were shown; its last page knows the count.
    await page.locator(sel('stock-search')).fill('TE');
    await expect.poll(() => text(page, 'stock-count')).toBe(`Rows 1–${STOCK_PAGE}; more match: type more to narrow the search`);
    await toPage(page, 2);
    await expect.poll(() => text(page, 'stock-count')).toBe(`${LOTS} rows`);

    // Stock by item opens the item's lots narrowed to the item: counted, not searched.
    await page.locator(sel('nav-stock-overview')).click();
    await page.locator(`${sel('item-stock-row')}[data-sku="TEA-250"]`).click();
    await page.locator(sel('stock-item-filter')).waitFor();
    await expect.poll(() => text(page, 'stock-item-filter')).toContain('Item: TEA-250');
    await expect.poll(() => text(page, 'stock-count')).toBe(`${LOTS} rows`);
    expect(await page.locator(sel('stock-search')).inputValue()).toBe('');

    await chooseLanguage(page, 'zh-CN');
    expect(await text(page, 'stock-count')).toBe(`共 ${LOTS} 行`); // still TEA-250's lots
    expect(ui.problems).toEqual([]);
  });
});
