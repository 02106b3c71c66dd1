/**
 * English counts of one read singular on the order import screen: "1 order from 1 row",
 * "Import 1 order", "1 problem in 2 rows" (they read "1 orders from 1 rows" and so on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, sel, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage | undefined;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await demoStock(desk);
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const csv = (rows: string[][]) => ({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n') });
const HEADER = ['Customer', 'Reference', 'SKU', 'Quantity', 'Requested date', 'Lot'];

describe('plural counts (e2e)', () => {
  it('the order import counts one order, one row and one problem in the singular', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('import-orders-open')).click();
    await page.locator(sel('import-file')).setInputFiles(csv([HEADER, ['CUS-SFO', 'PO-1', 'TEA-250', '4', '', '']]));
    await page.locator(sel('import-preview')).waitFor();
    expect(await page.locator(`${sel('import-preview')} p`).innerText()).toBe('1 order from 1 row, all checked.');
    expect(await text(page, 'import-orders')).toMatch(/^Import 1 order\s*F8$/);

    await page.locator(sel('import-file')).setInputFiles(csv([HEADER, ['CUS-SFO', 'PO-1', 'TEA-250', '4', '', ''], ['CUS-SFO', 'PO-2', 'NO-SUCH-SKU', '1', '', '']]));
    await page.locator(sel('import-report')).waitFor();
    expect(await page.locator(`${sel('import-report')} .n-alert`).innerText()).toMatch(/^1 problem in 2 rows\. /);
    expect(ui.problems).toEqual([]);
  });
});
