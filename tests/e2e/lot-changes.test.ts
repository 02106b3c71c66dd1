/**
 * Lot changes end to end in Chromium against the real serve-mode server: a lead splits a lot by
 * scanning (Enter in the quantity moves on to the target bin, a bin label fills it wherever the
 * cursor is, an unknown bin is refused at the scan and again at F8), then saves the new lot's
 * label from the result; in Chinese, a component of an item not on the bill of materials is
 * refused at the scan, and the kit's label offered with the result names the quantity made. A
 * component's quantity starts at the BOM's quantity × the quantity made, at most what its bin has
 * free (saying so), and follows the quantity made until typed over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { activeTest, demoStock, inDays, sel, signedInPage, TEA_GTIN, text, typeLikeScanner } from './support/flows';
import type { ReceiveResult } from '../../src/contract/results';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];
const lots: Record<string, ReceiveResult> = {};
const gtins: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  lots.tea = await stock.receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(300), bin: 'A-02' });
  lots.kitTea = await stock.receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(300) });
  lots.soy = await stock.receive({ sku: 'SOY-500', quantity: 10, expiryDate: inDays(300) });
  lots.oil = await stock.receive({ sku: 'OIL-5L', quantity: 6, expiryDate: inDays(300), supplier: 'SUP-GRN' });
  // 6 tea in A-07, 2 of them allocated to an order (the earliest tea to expire): 4 free.
  lots.fewTea = await stock.receive({ sku: 'TEA-250', quantity: 6, expiryDate: inDays(100), bin: 'A-07' });
  lots.kitSoy = await stock.receive({ sku: 'SOY-500', quantity: 10, expiryDate: inDays(300) });
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  const order = await lead.result<{ id: string }>('orders.create', { customerId: stock.customerId('CUS-SFO'), lines: [{ itemId: stock.itemId('TEA-250'), quantity: 2 }] });
  await lead.result('allocation.allocate', { orderId: order.id });
  for (const i of await stock.clerk.result<{ sku: string; gtin: string | null }[]>('catalog.items')) if (i.gtin) gtins[i.sku] = i.gtin;
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-lot-changes-'));
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A saved PDF as pdftotext reads it. */
async function pdfText(download: Download, name: string): Promise<string> {
  const file = join(dir, name);
  await download.saveAs(file);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Saves the label the result offers with Ctrl+S, as its button says. */
async function saveResultLabel(page: Page, name: string): Promise<{ fileName: string; text: string }> {
  const download = page.locator(`${sel('transform-result')} ${sel('label-download')}`);
  // The PDF is drawn by the core: give it time on a busy machine.
  await expect.poll(() => download.isEnabled(), { timeout: 20_000 }).toBe(true);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  return { fileName: saved.suggestedFilename(), text: await pdfText(saved, name) };
}

async function openLotChanges(locale: 'en' | 'zh-CN'): Promise<Page> {
  const ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale });
  pages.push(ui);
  const { page } = ui;
  await page.locator(sel('nav-lot-changes')).click();
  await page.locator(sel('transform-page')).waitFor();
  return page;
}

/** Lot changes in make mode for the gift box, its BOM shown. */
async function makeGiftBoxes(locale: 'en' | 'zh-CN'): Promise<Page> {
  const page = await openLotChanges(locale);
  await page.locator(sel('mode-make')).click();
  await page.locator(sel('make-item')).click();
  await page.keyboard.type('GIFT');
  await page.locator('.n-base-select-option', { hasText: 'GIFT-TEA' }).click();
  await expect.poll(() => text(page, 'bom')).toBe('SOY-500, TEA-250');
  return page;
}

describe('lot changes (e2e)', () => {
  it('splits by scanning: Enter goes to the bin, a bin scan fills it, an unknown bin is refused; the label is offered', { timeout: 120_000 }, async () => {
    const page = await openLotChanges('en');
    await typeLikeScanner(page, `]C101${TEA_GTIN}10${lots.tea.lot.code}`);
    const quantity = page.locator(`[data-test="part-quantity"][data-lot-id="${lots.tea.lot.id}"]`);
    await quantity.waitFor();
    await expect.poll(() => activeTest(page)).toBe('part-quantity');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeTest(page)).toBe('target-bin');
    expect(await quantity.inputValue()).toBe('4');

    // A label that names no bin (nor lot) is an unknown bin, and F8 does not save to the source bin.
    // A person picks the scanner up after typing (keys within 50 ms of the typing would be one burst).
    await page.waitForTimeout(200);
    await typeLikeScanner(page, 'ZZ-99');
    await expect.poll(() => text(page, 'transform-error')).toBe('There is no bin "ZZ-99" at this site. Scan the bin label again.');
    await page.keyboard.press('F8');
    await expect.poll(() => text(page, 'transform-error')).toBe('There is no bin "ZZ-99" at this site. Scan the bin label again.');
    expect(await page.locator(sel('transform-result')).count()).toBe(0);
    expect(await page.locator(sel('part')).count()).toBe(1);

    // The bin label, scanned with the cursor in the quantity, fills the target bin, not a lot lookup.
    await quantity.focus();
    await typeLikeScanner(page, 'A-05');
    await expect.poll(() => page.locator(sel('target-bin')).inputValue()).toBe('A-05');
    expect(await page.locator(sel('transform-error')).count()).toBe(0);
    expect(await quantity.inputValue()).toBe('4');
    await page.keyboard.press('F8');
    await page.locator(sel('transform-result')).waitFor();
    const newCode = await text(page, 'new-lot');
    expect(await text(page, 'transform-result')).toContain('4 pcs → A-05');

    // The new lot's label, right there: saved with Ctrl+S, it names the lot and the 4 pcs split off.
    const label = await saveResultLabel(page, 'split.pdf');
    expect(label.fileName).toBe(`label-TEA-250-${newCode}.pdf`);
    expect(label.text).toContain(newCode);
    expect(label.text).toMatch(/\b4 pcs/);
  });

  it('in Chinese, refuses a component not on the bill of materials at the scan; the kit label names the quantity made', { timeout: 120_000 }, async () => {
    const page = await makeGiftBoxes('zh-CN');
    await page.locator(sel('make-quantity')).fill('3');
    for (const [lot, sku] of [[lots.kitTea, 'TEA-250'], [lots.soy, 'SOY-500']] as const) {
      await page.locator(sel('scan')).focus();
      await typeLikeScanner(page, `]C101${gtins[sku]}10${lot.lot.code}`);
      await page.locator(`${sel('part')}[data-lot-id="${lot.lot.id}"]`).waitFor();
    }
    await page.locator(sel('scan')).focus();
    // Oil has no GTIN: its plain lot code names lots of several items, and the oil is chosen from the list.
    await typeLikeScanner(page, lots.oil.lot.code);
    await page.locator(`${sel('lot-choice-option')}[data-sku="OIL-5L"]`).click();
    await expect.poll(() => text(page, 'transform-error')).toBe(`批次 ${lots.oil.lot.code} 是 OIL-5L，不是 GIFT-TEA 的组件。请扫描物料清单上物料的批次。`);
    expect(await page.locator(sel('part')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot-id')))).toEqual([lots.kitTea.lot.id, lots.soy.lot.id]);

    // Twelve boxes would need more tea than the lot has free: said in Chinese.
    await page.locator(sel('make-quantity')).fill('12');
    await expect.poll(() => text(page, 'part-short')).toBe(`此批次在 ${lots.kitTea.location.code} 只有 10 件可用，需要 12 件。`);
    await page.locator(sel('make-quantity')).fill('3');
    for (const lot of [lots.kitTea, lots.soy]) await page.locator(`[data-test="part-quantity"][data-lot-id="${lot.lot.id}"]`).fill('3');
    await typeLikeScanner(page, 'A-06');
    await expect.poll(() => page.locator(sel('target-bin')).inputValue()).toBe('A-06');
    // A refused component quantity puts the cursor in that component's quantity, text selected.
    const soyQuantity = page.locator(`[data-test="part-quantity"][data-lot-id="${lots.soy.lot.id}"]`);
    await soyQuantity.fill('abc');
    await page.locator(sel('scan')).focus();
    await page.keyboard.press('F8');
    await page.locator(sel('transform-error')).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-lot-id'))).toBe(lots.soy.lot.id);
    await page.keyboard.type('3');
    expect(await soyQuantity.inputValue()).toBe('3');
    await page.keyboard.press('F8');
    await page.locator(sel('transform-result')).waitFor();
    const kitCode = await text(page, 'new-lot');
    expect(await text(page, 'transform-result')).toContain('A-06');
    const label = await saveResultLabel(page, 'kit.pdf');
    expect(label.fileName).toBe(`label-GIFT-TEA-${kitCode}.pdf`);
    expect(label.text).toContain(kitCode);
    expect(label.text).toMatch(/\b3 ?件/);
  });

  it('a kit component starts at the BOM quantity × kits, at most what its bin has free, and follows the kits until typed over', { timeout: 120_000 }, async () => {
    const page = await makeGiftBoxes('en');
    const quantity = (lot: ReceiveResult) => page.locator(`[data-test="part-quantity"][data-lot-id="${lot.lot.id}"]`);
    const scan = async (lot: ReceiveResult, sku: string) => {
      await page.locator(sel('scan')).focus();
      await typeLikeScanner(page, `]C101${gtins[sku]}10${lot.lot.code}`);
      await quantity(lot).waitFor();
    };

    // No kit count yet: nothing to propose. Typed, the tea follows it (1 per gift box), never the whole lot.
    await scan(lots.fewTea, 'TEA-250');
    expect(await quantity(lots.fewTea).inputValue()).toBe('');
    await page.locator(sel('make-quantity')).fill('3');
    await expect.poll(() => quantity(lots.fewTea).inputValue()).toBe('3');
    await scan(lots.kitSoy, 'SOY-500');
    expect(await quantity(lots.kitSoy).inputValue()).toBe('3');
    expect(await page.locator(sel('part-short')).count()).toBe(0);

    // Six kits: A-07 has only 4 tea free (2 are allocated), which is proposed and said.
    await page.locator(sel('make-quantity')).fill('6');
    await expect.poll(() => quantity(lots.kitSoy).inputValue()).toBe('6');
    expect(await quantity(lots.fewTea).inputValue()).toBe('4');
    expect(await text(page, 'part-short')).toBe('Only 4 pcs of this lot are free in A-07; 6 pcs are needed.');
    expect(await page.locator(sel('part-short')).getAttribute('data-lot-id')).toBe(lots.fewTea.lot.id);

    // A quantity typed over stays when the kit count changes; the proposed one follows.
    await quantity(lots.kitSoy).fill('5');
    await page.locator(sel('make-quantity')).fill('2');
    await expect.poll(() => quantity(lots.fewTea).inputValue()).toBe('2');
    expect(await quantity(lots.kitSoy).inputValue()).toBe('5');
    expect(await page.locator(sel('part-short')).count()).toBe(0);
  });
});
