/**
 * The trace screen (issue 16) in Chromium. A tea lot was received, four packs shipped to Shanghai
 * and three split off into a lot of their own. A lead scans the lot on the trace screen and sees
 * the graph (the page says what it drew), groups it by customer, searches, switches to the table,
 * filters it and exports it (CSV and XLSX read back), and runs the diversion check: found in
 * Shanghai (where it went: not flagged) and in Berlin (flagged). A manager in Chinese opens the
 * trace from the lot page and checks a region typed as free text. Cytoscape is loaded only when a
 * trace is drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, shipOrder, signedInPage, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage | undefined;
let lotCode: string;
let lotId: string;
let childCode: string;
let shipmentNumber: string;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(530), bin: 'A-01' });
  lotCode = lot.code;
  lotId = lot.id;
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  ({ shipmentNumber } = await shipOrder(stock, lead, { customer: 'CUS-SHM', sku: 'TEA-250', lotCode, bin: 'A-01', quantity: 4 }));
  const split = await lead.result<{ lot: { code: string } }>('lots.split', { lotId, fromLocationId: stock.locationId('A-01'), quantity: 3, toLocationId: stock.locationId('A-02') });
  childCode = split.lot.code;
}, 180_000);
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const drawnNodes = async (page: Page) => Number(await page.locator(sel('trace-graph')).getAttribute('data-nodes'));

async function saved(download: Download): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-export-'));
  try {
    await download.saveAs(join(dir, 'file'));
    return readFileSync(join(dir, 'file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function chooseRegion(page: Page, region: string): Promise<void> {
  await page.locator(sel('diversion-region')).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(region);
  // The customers' regions read "CN-SH (1)": the typed text alone would be a free-text region.
  await page.locator('.n-base-select-option:visible', { hasText: `${region} (` }).click();
  // A scanner's keys must reach the screen, not a select still open or focused (a loaded CI machine closes it late).
  await page.locator('.n-base-select-menu').waitFor({ state: 'hidden' });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('the trace screen (e2e)', () => {
  it('a lead scans a lot, sees its graph and table, searches, exports and checks for diversion', { timeout: 180_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.locator(sel('nav-stock')).click();
    await page.locator(sel('stock-page')).waitFor();
    expect(scripts.filter((u) => u.includes('cytoscape'))).toEqual([]);

    await page.locator(sel('nav-trace')).click();
    await page.locator(sel('trace-page')).waitFor();
    expect(await text(page, 'trace-empty')).toContain('Scan a lot label');
    // A wedge scan of the plain lot code, wherever the cursor is.
    await typeLikeScanner(page, lotCode);
    await expect.poll(() => page.locator(sel('trace-root')).getAttribute('data-lot'), { timeout: 20_000 }).toBe(lotCode);
    expect(await text(page, 'trace-totals')).toBe('1 lots, 1 shipments to 1 customers, 1 receipts from 1 suppliers, 1 levels deep');
    // Root, the split lot, the receipt and its supplier, the shipment and its customer.
    await expect.poll(() => drawnNodes(page), { timeout: 30_000 }).toBe(6);
    expect(await page.locator(`${sel('trace-graph')} canvas`).count()).toBeGreaterThan(0);
    expect(Number(await page.locator(sel('trace-graph')).getAttribute('data-edges'))).toBe(5);
    expect(scripts.some((u) => u.includes('cytoscape'))).toBe(true);
    expect(await text(page, 'trace-drawn')).toMatch(/^6 nodes drawn in \d+ ms$/);

    // Grouped, the shipment folds into its customer and the receipt into its supplier; shown again on request.
    await page.locator(sel('trace-group')).click();
    await expect.poll(() => drawnNodes(page)).toBe(4);
    await page.locator(sel('trace-show-shipments')).click();
    await expect.poll(() => drawnNodes(page)).toBe(6);

    // Only the lot code going backward: the split lot is not an ancestor.
    await page.locator(sel('trace-direction-backward')).click();
    await expect.poll(() => drawnNodes(page)).toBe(3);
    await page.locator(sel('trace-direction-both')).click();
    await expect.poll(() => drawnNodes(page)).toBe(6);

    await page.locator(sel('trace-search')).fill('cus-shm');
    await expect.poll(() => page.locator(sel('trace-graph-matches')).getAttribute('data-count')).toBe('1');
    expect(await text(page, 'trace-graph-matches')).toBe('1 found');

    // The table view of the same data, filtered by the same search.
    await page.locator(sel('trace-tab-table')).click();
    await page.locator(sel('trace-tables')).waitFor();
    await page.locator(sel('trace-search')).fill(childCode);
    await expect.poll(() => page.locator(sel('trace-lot-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot')))).toEqual([childCode]);
    await page.locator(sel('trace-search')).fill('');
    await expect.poll(() => page.locator(sel('trace-lot-row')).count()).toBe(2);
    await page.locator('.n-tabs-tab', { hasText: 'Shipments (1)' }).click();
    await expect.poll(() => page.locator(sel('trace-shipment-row')).getAttribute('data-shipment')).toBe(shipmentNumber);

    // CSV of the table shown (the shipments), XLSX of all three.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator(sel('trace-export-csv')).click()]);
    expect(csv.suggestedFilename()).toBe(`trace-${lotCode}-both-shipments.csv`);
    const lines = (await saved(csv)).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Shipment,Shipped at (UTC),Lot,Customer code,Customer,Region,Channel,Quantity,Unit');
    expect(lines.slice(1).map((l) => l.split(','))).toEqual([[shipmentNumber, expect.any(String), lotCode, 'CUS-SHM', 'Shanghai Fresh Mart 上海鲜超市', 'CN-SH', 'retail', '4', 'pcs']]);
    await expect.poll(() => text(page, 'trace-exported')).toBe(`Saved trace-${lotCode}-both-shipments.csv (1 rows).`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator(sel('trace-export-xlsx')).click()]);
    expect(xlsx.suggestedFilename()).toBe(`trace-${lotCode}-both.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await saved(xlsx)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Lots', 'Shipments', 'Receipts']);
    expect((wb.getWorksheet('Lots')!.getColumn(3).values as unknown[]).slice(1)).toEqual(['Lot', lotCode, childCode]);

    // Diversion: found in Shanghai, where it was shipped, then in Berlin, where it was not.
    expect(await text(page, 'trace-tab-diversion')).toBe('Diversion check');
    await page.locator(sel('trace-tab-diversion')).click();
    await page.locator(sel('diversion-panel')).waitFor();
    await chooseRegion(page, 'CN-SH');
    await page.locator(sel('diversion-scan')).fill(lotCode);
    await page.locator(sel('diversion-scan')).press('Enter');
    await expect.poll(() => page.locator(sel('diversion-verdict')).getAttribute('data-flagged')).toBe('false');
    expect(await text(page, 'diversion-verdict')).toBe('1 of them went to CN-SH: found where it was sold.');
    expect(await page.locator(sel('diversion-row')).evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-customer'), r.getAttribute('data-in-region')]))).toEqual([['CUS-SHM', 'true']]);
    await chooseRegion(page, 'DE-BE');
    // The case is scanned this time: the scan goes to the check while it is open.
    await typeLikeScanner(page, lotCode);
    await expect.poll(() => page.locator(sel('diversion-verdict')).getAttribute('data-flagged')).toBe('true');
    expect(await text(page, 'diversion-verdict')).toBe(`Possible diversion: none of the 1 shipments of ${lotCode} and what was made from it went to DE-BE.`);
    expect(await page.locator(sel('diversion-region-unknown')).count()).toBe(0);
    expect(ui.problems).toEqual([]);
  });

  it('a manager in Chinese opens the trace from the lot page and checks a region typed as free text', { timeout: 180_000 }, async () => {
    await ui?.context.close();
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'zh-CN' });
    const { page } = ui;
    await page.goto(`${desk.url}/#/stock/lot/${lotId}`);
    await page.locator(sel('lot-page')).waitFor();
    expect(await text(page, 'lot-trace')).toBe('追溯');
    await page.locator(sel('lot-trace')).click();
    await page.locator(sel('trace-page')).waitFor();
    await expect.poll(() => page.locator(sel('trace-root')).getAttribute('data-lot'), { timeout: 20_000 }).toBe(lotCode);
    await expect.poll(() => drawnNodes(page), { timeout: 30_000 }).toBe(6);
    expect(await text(page, 'trace-drawn')).toMatch(/^已绘制 6 个节点，用时 \d+ 毫秒$/);
    expect(await text(page, 'trace-totals')).toContain('1 个批次');
    expect(await text(page, 'trace-tab-diversion')).toBe('防窜货检查');
    await page.locator(sel('trace-tab-diversion')).click();
    // No region: the core says what is missing.
    await page.locator(sel('diversion-scan')).fill(lotCode);
    await page.locator(sel('diversion-check')).click();
    await expect.poll(() => text(page, 'diversion-error')).toBe('请说明货物被发现的地区：选择或输入地区。');
    await page.locator(sel('diversion-region')).click();
    await page.keyboard.type('云南');
    await page.keyboard.press('Enter');
    await page.locator(sel('diversion-check')).click();
    await expect.poll(() => page.locator(sel('diversion-verdict')).getAttribute('data-flagged')).toBe('true');
    expect(await text(page, 'diversion-verdict')).toBe(`疑似窜货：${lotCode} 及其下游批次的 1 笔发货均未发往 云南。\n我们在 云南 没有客户。`);
    expect(await text(page, 'diversion-region-unknown')).toBe('我们在 云南 没有客户。');
    // An unknown lot is a translated error.
    await page.locator(sel('diversion-scan')).fill('NO-SUCH-LOT');
    await page.locator(sel('diversion-check')).click();
    await expect.poll(() => text(page, 'diversion-error')).toContain('NO-SUCH-LOT');
    expect(ui.problems).toEqual([]);
  });
});
