/**
 * Supplier quality and production records in Chromium (issue 17, items 6 and 7). The manager opens
 * the dashboard on the known grain history (tests/support/qc-history.ts), sees Golden Grain's
 * figures, chooses the row, sees the yield chart and the moisture control chart drawn (SVG) with
 * their figures, and exports the workbook (read back with exceljs). The lead makes a gift box with
 * its production record: the sealing temperature typed too hot is marked out of spec at once, a
 * text in it is refused at the field, and the lot page shows the record of the lot made on hold.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { inDays, sel, signedInPage, text, typeLikeScanner } from './support/flows';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { writeGrainHistory } from '../support/qc-history';
import { insertPlan } from '../support/qc';

let browser: Browser;
let desk: Desk;
let dir: string;
const pages: DeskPage[] = [];
const components: { id: string; code: string; gtin: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-e2e-sq-'));
  const file = join(dir, 'desk.db');
  // The history is written into the desk's file before the server opens it.
  const { station, dispatch } = openDesk(file);
  const client = () => createClient((name, input) => dispatch(auth, name, input));
  const auth = {};
  await client().call('station.loadDemo');
  // The gift box's components, in their bins.
  await client().call('session.signIn', { username: 'clerk', secret: '1111' });
  const cat = { items: await client().call('catalog.items'), bins: await client().call('catalog.locations'), suppliers: await client().call('catalog.parties', { kind: 'supplier' }) };
  for (const [sku, bin, days] of [['TEA-250', 'A-01', 400], ['SOY-500', 'A-02', 300]] as const) {
    const item = cat.items.find((i) => i.sku === sku)!;
    const r = await client().call('receiving.receive', { itemId: item.id, supplierId: cat.suppliers.find((p) => p.code === 'SUP-HZT')!.id, quantity: 10, unit: 'pcs', expiryDate: inDays(days) });
    await client().call('stock.move', { toLocationId: cat.bins.find((b) => b.code === bin)!.id, lines: [{ lotId: r.lot.id, fromLocationId: r.location.id, quantity: 10 }] });
    components.push({ id: r.lot.id, code: r.lot.code, gtin: item.gtin! });
  }
  writeGrainHistory(station.db);
  insertPlan(station.db, {
    sku: 'GIFT-TEA', sampling: { kind: 'fixed', n: 2 }, triggers: ['production'],
    characteristics: [
      { code: 'TEMP', kind: 'numeric', stage: 'process', unit: '°C', lower: 60, upper: 80, decimals: 1 },
      { code: 'TIME', kind: 'numeric', stage: 'process', unit: 'min', lower: 10, upper: 20, decimals: 0 },
    ],
  });
  station.close();
  [browser, desk] = await Promise.all([launchBrowser(), startDesk({ dbFile: file })]);
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function saved(download: Download): Promise<Buffer> {
  const path = join(dir, `download-${Date.now()}`);
  await download.saveAs(path);
  return readFileSync(path);
}

describe('supplier quality and production records (e2e)', () => {
  it('shows a supplier’s figures and control charts, and exports them', { timeout: 120_000 }, async () => {
    const ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'en' });
    pages.push(ui);
    const { page } = ui;
    await page.locator('nav a[href="#/supplier-quality"]').click();
    await page.locator(sel('supplier-quality-page')).waitFor();
    await page.locator(sel('supplier-quality-from')).fill('2026-01-01');
    await page.locator(sel('supplier-quality-to')).fill('2026-12-31');
    await page.locator(sel('supplier-quality-show')).click();
    const grain = page.locator(`${sel('supplier-quality-row')}[data-supplier="SUP-GRN"]`);
    await expect.poll(() => grain.innerText()).toMatch(/SUP-GRN · Golden Grain.*\s+RICE-BULK · Jasmine rice, bulk\s+6\s+1\s+1\s+5\s+40 %/);
    await grain.click();
    // The yield chart: bars and a line drawn as SVG.
    const yieldChart = page.locator(`${sel('supplier-quality-yield')} svg`);
    await yieldChart.waitFor();
    await expect.poll(() => yieldChart.locator('path').count()).toBeGreaterThan(3);
    await expect.poll(async () => (await yieldChart.textContent()) ?? '').toContain('2026-02');
    const moist = page.locator(`${sel('supplier-quality-control')}[data-code="MOIST"]`);
    await expect.poll(() => moist.locator(sel('supplier-quality-stats')).innerText()).toBe('n = 10 · mean 12.8 % · s = 1.109 · range 11.8–15 · CL 12.8 · LCL 9.327 · UCL 16.273');
    expect(await moist.locator(sel('supplier-quality-out-of-spec')).innerText()).toBe('2 lot means out of spec');
    const chart = moist.locator('svg');
    await expect.poll(async () => (await chart.textContent()) ?? '').toMatch(/L1.*L5|UCL/s);
    await expect.poll(async () => (await chart.textContent()) ?? '').toContain('Upper spec 12.5');
    expect(await page.locator(`${sel('supplier-quality-control')}[data-code="BROKEN"]`).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('supplier-quality-export')).click()]);
    expect(download.suggestedFilename()).toBe('supplier-quality-SUP-GRN-RICE-BULK-2026-01-01-2026-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await saved(download)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Suppliers', 'Months', 'Characteristics', 'Lot means']);
    expect((wb.getWorksheet('Suppliers')!.getRow(2).values as unknown[]).slice(1)).toEqual(['SUP-GRN', 'Golden Grain 金谷粮油', 'RICE-BULK', 'Jasmine rice, bulk', 6, 1, 1, 5, 2, 0.4]);

    // A period that ends before it starts is refused in words.
    await page.locator(sel('supplier-quality-to')).fill('2025-01-01');
    await page.locator(sel('supplier-quality-show')).click();
    await expect.poll(() => text(page, 'supplier-quality-error')).toBe('The period ends before it starts.');
  });

  it('records a kit’s production with live in/out-of-spec marking, and shows it on the lot page', { timeout: 120_000 }, async () => {
    const ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'zh-CN' });
    pages.push(ui);
    const { page } = ui;
    await page.goto(`${desk.url}#/lot-changes`);
    await page.locator(sel('mode-make')).click();
    await page.locator(sel('make-item')).click();
    await page.locator('.n-base-select-option', { hasText: 'GIFT-TEA' }).click();
    await page.locator(sel('production-form')).waitFor();
    const temp = page.locator(`${sel('production-parameter')}[data-code="TEMP"]`);
    await temp.waitFor();
    await page.locator(sel('production-line')).fill('PACK-1');
    await page.locator(sel('production-shift')).fill('夜班');
    const tempValue = page.locator(`${sel('production-value')}[data-code="TEMP"]`);
    await tempValue.fill('热');
    await expect.poll(() => temp.innerText()).toContain('TEMP：“热”不是数字。');
    await tempValue.fill('86.5');
    await expect.poll(() => temp.getAttribute('data-state')).toBe('out');
    await expect.poll(() => text(page, 'production-hold-warning')).toContain('冻结');
    await page.locator(`${sel('production-value')}[data-code="TIME"]`).fill('15');
    await expect.poll(() => page.locator(`${sel('production-parameter')}[data-code="TIME"]`).getAttribute('data-state')).toBe('in');
    await page.locator(sel('make-quantity')).fill('2');
    for (const lot of components) {
      await page.locator(sel('scan')).focus();
      await typeLikeScanner(page, `]C101${lot.gtin}10${lot.code}`);
      await page.locator(`${sel('part')}[data-lot-id="${lot.id}"]`).waitFor();
    }
    await page.locator(sel('target-bin')).fill('QA-01');
    await page.locator(sel('submit-transform')).click();
    await page.locator(sel('new-lot')).waitFor();
    await page.locator(sel('new-lot')).click();
    const card = page.locator(sel('lot-production'));
    await card.waitFor();
    expect(await text(page, 'lot-production-verdict')).toBe('超出规格：批次已冻结');
    expect(await text(page, 'lot-production-line')).toBe('PACK-1');
    expect(await text(page, 'lot-production-operator')).toBe('Sam Carter');
    expect(await card.locator(`${sel('lot-production-parameter')}[data-code="TEMP"]`).getAttribute('data-in-spec')).toBe('false');
    expect(await card.locator(`${sel('lot-production-parameter')}[data-code="TIME"]`).getAttribute('data-in-spec')).toBe('true');
  });
});
