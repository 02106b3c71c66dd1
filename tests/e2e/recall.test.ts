/**
 * A manager runs a recall at the desk (issue 16): from the lot's page to the Recall screen, a mock
 * recall started from a scanned label lists the customer the lot went to; the manager sees the
 * lot's graph on the Trace screen (opened from the lot page), comes back to the drill and exports it as PDF
 * (read back with pdftotext); then a real recall of the same lot, typed by its code, puts it to
 * 'recalled' — and the picker's scan of it at the picking desk is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { TEA_GTIN, chooseLanguage, demoStock, inDays, sel, shipOrder, signedInPage, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let manager: DeskPage;
let picker: DeskPage;
let lotId: string;
let lotCode: string;
let pickOrder: string;
const dir = mkdtempSync(join(tmpdir(), 'lotdesk-recall-e2e-'));

async function choose(page: Page, test: string, option: string): Promise<void> {
  await page.locator(sel(test)).click();
  await page.locator('.n-base-select-option:visible', { hasText: option }).first().click();
}

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(530), bin: 'A-01' });
  ({ id: lotId, code: lotCode } = lot);
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  await shipOrder(stock, lead, { customer: 'CUS-SHM', sku: 'TEA-250', lotCode, bin: 'A-01', quantity: 2 });
  // An order allocated before the recall: the picker will come to pick it.
  const order = await lead.result<{ id: string; number: string }>('orders.create', { customerId: stock.customerId('CUS-SFO'), lines: [{ itemId: stock.itemId('TEA-250'), quantity: 1, lotId }] });
  await lead.result('allocation.allocate', { orderId: order.id });
  pickOrder = order.number;
});
afterAll(async () => {
  await manager?.context.close();
  await picker?.context.close();
  await browser?.close();
  await desk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('recall (e2e)', () => {
  it('mock recall from a scanned lot, its graph and PDF, then a real recall the picking desk obeys', { timeout: 180_000 }, async () => {
    manager = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'en' });
    const { page } = manager;
    // The lot page offers the recall; the Recall screen opens with the lot as a root.
    await page.goto(`${desk.url}/#/stock/lot/${lotId}`);
    await page.locator(sel('lot-recall')).click();
    await page.locator(sel('recall-page')).waitFor();
    expect(await page.locator(sel('recall-root')).count()).toBe(1);
    await page.locator(sel('recall-root')).locator('.n-tag__close, .n-base-close').first().click();
    expect(await page.locator(sel('recall-root')).count()).toBe(0);

    // A mock recall from the lot's label, scanned.
    await page.locator(sel('recall-lot')).locator('input').focus();
    await typeLikeScanner(page, `]C101${TEA_GTIN}10${lotCode}`);
    await expect.poll(() => page.locator(sel('recall-root')).count()).toBe(1);
    await page.locator(sel('recall-reason')).locator('textarea').fill('Drill: supplier alert on tea');
    await page.locator(sel('recall-start-button')).click();
    const detail = page.locator(sel('recall-detail'));
    await detail.waitFor();
    expect(await text(page, 'recall-number')).toMatch(/^MRC-\d{8}-001$/);
    const customer = page.locator(`${sel('recall-customer')}[data-customer="CUS-SHM"]`);
    await customer.waitFor();
    expect(await customer.locator(sel('recall-customer-lot')).innerText()).toBe(`${lotCode}: 2 pcs / 0 pcs`);
    expect(await page.locator(`${sel('recall-lot-row')}[data-lot="${lotCode}"]`).getAttribute('data-status')).toBe('released');
    await page.locator(sel('recall-reconcile')).click();
    await page.locator(sel('recall-duration')).waitFor();
    // The list reloads after the reconcile: its row shows the drill's time once it has.
    await expect.poll(() => page.locator(`${sel('recall-row')}[data-recall^="MRC-"]`).locator(sel('recall-row-duration')).innerText()).toMatch(/^\d+ s$/);

    // The manager looks at the graph of what the lot reached: the lot page's trace, then back to the drill.
    await page.goto(`${desk.url}/#/stock/lot/${lotId}`);
    await page.locator(sel('lot-trace')).click();
    await page.locator(sel('trace-page')).waitFor();
    await expect.poll(() => page.locator(sel('trace-root')).getAttribute('data-lot'), { timeout: 20_000 }).toBe(lotCode);
    // The lot, its receipt and supplier, the shipment and the customer it went to.
    await expect.poll(async () => Number(await page.locator(sel('trace-graph')).getAttribute('data-nodes')), { timeout: 30_000 }).toBe(5);
    expect(await page.locator(`${sel('trace-graph')} canvas`).count()).toBeGreaterThan(0);
    expect(await text(page, 'trace-drawn')).toMatch(/^5 nodes drawn in \d+ ms$/);
    expect(await text(page, 'trace-totals')).toContain('1 shipments to 1 customers');
    await page.locator(sel('nav-recall')).click();
    await page.locator(`${sel('recall-row')}[data-recall^="MRC-"]`).click();
    await expect.poll(() => text(page, 'recall-number')).toMatch(/^MRC-\d{8}-001$/);

    // The report, built in the core and saved by the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('recall-pdf')).click()]);
    const file = join(dir, 'recall-e2e.pdf');
    await download.saveAs(file);
    const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(pdf).toContain('Mock recall report');
    expect(pdf).toContain('CUS-SHM');
    expect(pdf).toContain(`${lotCode}: 2 pcs`);
    await page.locator(sel('recall-pdf-ready')).waitFor();

    // A real recall of the same lot, typed by its code: it goes to recalled at once.
    await page.locator(sel('recall-lot')).locator('input').fill(lotCode);
    await page.locator(sel('recall-lot')).locator('input').press('Enter');
    await expect.poll(() => page.locator(sel('recall-root')).count()).toBe(1);
    await page.locator(sel('recall-reason')).locator('textarea').fill('Pesticide residue above the limit');
    await page.locator(sel('recall-mock')).click();
    await page.locator(sel('recall-start-button')).click();
    await expect.poll(() => text(page, 'recall-number')).toMatch(/^RCL-\d{8}-001$/);
    expect(await text(page, 'recall-kind')).toBe('Real');
    await expect.poll(() => page.locator(`${sel('recall-lot-row')}[data-lot="${lotCode}"]`).getAttribute('data-status')).toBe('recalled');
    // The same screen in Chinese.
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => text(page, 'page-title')).toBe('召回');
    expect(await text(page, 'recall-kind')).toBe('正式');
    expect(await page.locator(`${sel('recall-row')}[data-recall^="MRC-"]`).locator(sel('recall-row-duration')).innerText()).toMatch(/^\d+ 秒$/);
    expect(manager.problems).toEqual([]);

    // The picker at the picking desk: the recalled lot's scan is refused.
    picker = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    const p = picker.page;
    await p.locator(sel('nav-picking')).click();
    await p.locator(sel('picking-page')).waitFor();
    await choose(p, 'order-choice', pickOrder);
    await p.locator(sel('pick-row')).first().waitFor();
    await typeLikeScanner(p, 'A-01');
    await typeLikeScanner(p, `]C101${TEA_GTIN}10${lotCode}`);
    // Refused by the lot's status (an error of the scan, not a first-expiry warning a lead could override).
    await p.locator(sel('pick-error')).waitFor();
    const refused = await text(p, 'pick-error');
    expect(refused).toContain(lotCode);
    expect(refused.toLowerCase()).toContain('recalled');
  });
});
