/**
 * Locations and purchase orders in Chromium (issue 15): a manager creates a zone and a range of
 * bins with a preview, prints their labels (one page per bin, each Code 128 read back by zxing),
 * types a purchase order and imports another from XLSX with its preview; a clerk receives against
 * the typed one at the receiving desk, and the order then shows what was received.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { activeTest, caseScan, chooseLanguage, choosePoLine, createZoneAndRange, loadDemoFromSetup, pickOption, sel, signIn, text, typeLikeScanner } from './support/flows';
import { decodePng } from '../unit/documents/helpers/zxing';

const SHOTS = process.env.LOTDESK_E2E_SCREENSHOTS;

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];
const dir = mkdtempSync(join(tmpdir(), 'lotdesk-bins-e2e-'));

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('locations and purchase orders (e2e)', () => {
  it('a manager creates bins with labels and purchase orders; a clerk receives against one', { timeout: 180_000 }, async () => {
    const ui = await openPage(browser, desk, 'en-US');
    pages.push(ui);
    const { page } = ui;
    await loadDemoFromSetup(page);
    await signIn(page, 'manager', '4444');
    await chooseLanguage(page, 'en');

    // A zone, then a range of bins with its preview.
    expect(await createZoneAndRange(page, { zone: 'C', zoneName: 'Cold room', prefix: 'C', parts: [[1, 3], [1, 2]], count: 6 })).toContain('6 bins: C-01-01 … C-03-02');
    expect(await text(page, 'locations-notice')).toBe('6 bins created: C-01-01 … C-03-02.');
    await page.locator(`${sel('bin-row')}[data-bin="C-03-02"][data-kind="storage"]`).waitFor();

    // Labels of the new bins: filter, select all shown, print.
    await page.locator(sel('bin-filter')).fill('C-0');
    await expect.poll(() => page.locator(sel('bin-row')).count()).toBe(6);
    await page.locator(`${sel('select-all')} input, ${sel('select-all')}`).first().click();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/labels.bins'));
    await page.locator(sel('print-labels')).click();
    const body = (await (await answer).json()) as { ok: boolean; result: { base64: string; fileName: string } };
    expect(body.ok).toBe(true);
    expect(body.result.fileName).toBe('bin-labels-C-01-01-C-03-02.pdf');
    await page.locator(sel('bin-label-preview')).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/locations-en.png`, fullPage: true });
    const file = join(dir, body.result.fileName);
    writeFileSync(file, Buffer.from(body.result.base64, 'base64'));
    execFileSync('pdftoppm', ['-r', '300', '-png', file, join(dir, 'binlabel')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('binlabel') && f.endsWith('.png')).sort();
    const decoded = await Promise.all(pngs.map(async (f) => (await decodePng(readFileSync(join(dir, f)))).map((d) => d.raw)));
    expect(decoded).toEqual([['C-01-01'], ['C-01-02'], ['C-02-01'], ['C-02-02'], ['C-03-01'], ['C-03-02']]);

    // In Chinese, the kinds read as the floor calls them.
    await chooseLanguage(page, 'zh-CN');
    expect(await page.locator(`${sel('bin-row')}[data-bin="C-01-01"] ${sel('bin-kind')}`).innerText()).toBe('存储');
    await chooseLanguage(page, 'en');

    // The pick route, by keyboard: the first bin moves down one place, Ctrl+S saves.
    await page.locator(sel('nav-pick-route')).click();
    await page.locator(sel('route-row')).first().waitFor();
    const order = async () => page.locator(sel('route-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bin')));
    const [first, second] = await order();
    await page.locator(sel('page-title')).click();
    await page.keyboard.press('Alt+ArrowDown');
    expect((await order()).slice(0, 2)).toEqual([second, first]);
    await page.keyboard.press('Control+s');
    await expect.poll(() => text(page, 'route-notice')).toBe('Route saved.');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/pick-route-en.png` });
    const api = desk.client();
    await api.result('session.signIn', { username: 'manager', secret: '4444' });
    const saved = (await api.result('locations.list', {})) as { code: string; routeOrder: number | null }[];
    expect([second, first].map((code) => saved.find((b) => b.code === code)?.routeOrder)).toEqual([1, 2]);

    // A purchase order typed at the desk.
    await page.locator(sel('nav-purchase-orders')).click();
    await page.locator(sel('po-new')).click();
    await pickOption(page, sel('po-supplier-select'), 'SUP-HZT');
    await page.locator(sel('po-reference')).fill('HZT-2026-12');
    await page.locator(sel('po-expected')).fill('2026-12-20');
    await pickOption(page, sel('po-line-item'), 'TEA-250');
    await page.locator(sel('po-line-quantity')).fill('48');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => text(page, 'po-notice')).toMatch(/^Purchase order PO-\d{8}-0001 created\.$/);
    const typed = (await page.locator(sel('po-detail')).getAttribute('data-number'))!;

    // Another imported from an XLSX file, with the preview first.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('PO');
    sheet.addRow(['Supplier', 'Reference', 'Expected date', 'SKU', 'Quantity']);
    sheet.addRow(['SUP-GRN', 'GRN-7', new Date(Date.UTC(2026, 11, 22)), 'RICE-BULK', 500]);
    sheet.addRow(['SUP-GRN', 'GRN-7', new Date(Date.UTC(2026, 11, 22)), 'OIL-5L', 40]);
    const xlsx = join(dir, 'po.xlsx');
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.keyboard.press('Alt+I');
    await page.locator(sel('po-import-file')).setInputFiles(xlsx);
    await page.locator(sel('po-import-preview')).waitFor();
    expect(await page.locator(sel('po-import-line')).count()).toBe(2);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/po-import-en.png` });
    await page.keyboard.press('F8');
    await expect.poll(() => text(page, 'po-notice')).toBe('1 purchase order imported.');
    await expect.poll(() => page.locator(sel('po-detail')).getAttribute('data-number')).toMatch(/^PO-\d{8}-0002$/);
    await expect.poll(() => page.locator(`${sel('po-row')}[data-number="${typed}"]`).count()).toBe(1);
    expect(ui.problems).toEqual([]);

    // The clerk receives against the typed order.
    const clerkUi = await openPage(browser, desk, 'en-US');
    pages.push(clerkUi);
    const clerk = clerkUi.page;
    await signIn(clerk, 'clerk', '1111');
    await chooseLanguage(clerk, 'en');
    await choosePoLine(clerk, typed);
    await clerk.keyboard.press('F2');
    await expect.poll(() => activeTest(clerk)).toBe('scan');
    await typeLikeScanner(clerk, caseScan({ batch: 'HZT-E2E', count: 24 }));
    await clerk.locator(sel('parsed-ais')).waitFor();
    await clerk.keyboard.press('Enter');
    await clerk.locator(sel('receipt-confirmation')).waitFor();
    expect(clerkUi.problems).toEqual([]);

    // The order shows what was received, and may now only be closed short.
    await page.locator(`${sel('po-row')}[data-number="${typed}"]`).click();
    await expect.poll(() => page.locator(`${sel('po-detail')}[data-number="${typed}"]`).count()).toBe(1);
    await expect.poll(() => text(page, 'po-line-received')).toBe('24 pcs');
    expect(await page.locator(sel('po-edit')).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/po-detail-en.png` });
    await page.locator(sel('po-close-short')).click();
    await page.locator(sel('po-reason')).fill('Rest not available');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'po-notice')).toBe('Purchase order closed short.');
    await expect.poll(() => page.locator(sel('po-detail')).getAttribute('data-status')).toBe('closed');
  });
});
