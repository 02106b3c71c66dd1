/**
 * Outbound end to end in Chromium against the real serve-mode server: stock received and put away
 * by the clerk through the API, then a lead creates an order at the desk, allocates it (FEFO),
 * picks by scanning — a later-expiring lot is refused naming the lot that must go first and its
 * bin, then picked on the lead's PIN — checks every case at packing (the difference shown until
 * the last case), ships, and the delivery note names the lots; the override report lists the
 * approval; and the picking desk refuses the same lot in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoGtin } from '../../src/app/demo/demo-data';
import type { ReceiveResult } from '../../src/contract/results';
import { chooseLanguage, demoStock, inDays, sel, signedInPage, TEA_GTIN, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

const SOY_GTIN = demoGtin('30027');
const lots: Record<'early' | 'late' | 'soy', ReceiveResult> = {} as never;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const { receive } = await demoStock(desk);
  // The earlier-expiring tea lot lies at the far end of the walking route, the later one on the way.
  lots.early = await receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(200), bin: 'B-01' });
  lots.late = await receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(400), bin: 'A-02' });
  lots.soy = await receive({ sku: 'SOY-500', quantity: 6, expiryDate: inDays(400), bin: 'A-01' });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

async function choose(page: Page, test: string, option: string, index = 0): Promise<void> {
  await page.locator(sel(test)).nth(index).click();
  await page.locator('.n-base-select-option:visible', { hasText: option }).first().click();
}

const label = (gtin: string, lot: ReceiveResult) => `]C101${gtin}10${lot.lot.code}`;

describe('outbound desks (e2e)', () => {
  it('order, FEFO allocation, picking with a refused lot and a lead override, check, pack, ship', { timeout: 180_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;

    // ── A new order typed at the desk (F6), saved with F8.
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('orders-page')).waitFor();
    await page.keyboard.press('F6');
    await page.locator(sel('order-form')).waitFor();
    // Every field says what goes in it (naive-ui's default is "Please Input").
    const hint = (test: string) => page.locator(sel(test)).first().getAttribute('placeholder');
    expect([await hint('order-reference'), await hint('line-quantity')]).toEqual(["The customer's PO number (optional)", 'Quantity']);
    await choose(page, 'order-customer', 'CUS-SFO');
    await page.locator(sel('order-reference')).fill('PO-E2E');
    await choose(page, 'line-item', 'TEA-250');
    await page.locator(sel('line-quantity')).fill('6');
    await page.locator(sel('add-line')).click();
    await choose(page, 'line-item', 'SOY-500', 1);
    await page.locator(sel('line-quantity')).nth(1).fill('4');
    await page.keyboard.press('F8');
    const detail = page.locator(sel('order-detail'));
    await detail.waitFor();
    const orderNumber = (await detail.getAttribute('data-order'))!;
    expect(orderNumber).toMatch(/^SO-\d{8}-\d{4}$/);
    expect(await page.locator(`${sel('order-line')}[data-sku="TEA-250"] ${sel('line-short')}`).innerText()).toBe('6 pcs');

    // ── Allocate (F9): FEFO takes the earlier-expiring tea lot, nothing short.
    await page.keyboard.press('F9');
    await page.locator(sel('allocation-result')).waitFor();
    const teaAllocation = await page.locator(`${sel('allocation-line')}[data-sku="TEA-250"]`).innerText();
    expect(teaAllocation).toContain(`${lots.early.lot.code} from B-01: 6 pcs`);
    expect(await page.locator(sel('allocation-short')).count()).toBe(0);
    expect(await page.locator(`${sel('order-line')}[data-sku="TEA-250"] ${sel('line-short')}`).innerText()).toBe('0 pcs');

    // ── Picking: the list follows the walking route (A aisle up, B aisle down).
    await page.locator(sel('nav-picking')).click();
    await page.locator(sel('picking-page')).waitFor();
    await choose(page, 'order-choice', orderNumber);
    await page.locator(sel('pick-list')).waitFor();
    expect(await page.locator(sel('pick-row')).evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-bin')} ${r.getAttribute('data-lot')}`))).toEqual([
      `A-01 ${lots.soy.lot.code}`,
      `B-01 ${lots.early.lot.code}`,
    ]);
    // An unknown bin label is named as such; a lot before its bin is refused; then bin, then lot.
    await typeLikeScanner(page, 'Z-99');
    await expect.poll(() => text(page, 'pick-error')).toBe('There is no bin "Z-99" at this site. Scan the bin label again.');
    await typeLikeScanner(page, label(SOY_GTIN, lots.soy));
    await expect.poll(() => text(page, 'pick-error')).toBe('Scan the bin label first.');
    await typeLikeScanner(page, 'A-01');
    expect(await text(page, 'pick-step')).toBe('At bin A-01: scan the lot label.');
    await typeLikeScanner(page, label(SOY_GTIN, lots.soy));
    await page.locator(`${sel('picked')}[data-lot="${lots.soy.lot.code}"]`).waitFor();
    expect(await page.locator(sel('pick-row')).count()).toBe(1);

    // The later tea lot on the way is refused, naming the lot that must go first and its bin.
    await typeLikeScanner(page, 'A-02');
    await typeLikeScanner(page, label(TEA_GTIN, lots.late));
    await page.locator(sel('pick-refused')).waitFor();
    const refusal = await text(page, 'pick-refused');
    expect(refusal).toContain(`Lot ${lots.early.lot.code} expires`);
    expect(refusal).toContain(`must go before ${lots.late.lot.code}; it is in bin B-01.`);

    // A wrong PIN is refused in the dialog; the lead's PIN approves the pick.
    await page.keyboard.press('F8');
    await page.locator(sel('override-dialog')).waitFor();
    expect([await hint('override-username'), await hint('override-pin'), await hint('override-reason')]).toEqual([
      "The lead's user name",
      'The lead types the PIN',
      'Why this lot goes first (3 characters or more)',
    ]);
    await page.locator(sel('override-username')).fill('lead');
    await page.locator(sel('override-pin')).fill('9999');
    await page.locator(sel('override-reason')).fill('Customer collects today, B aisle blocked');
    await page.locator(sel('override-approve')).click();
    expect(await text(page, 'override-error')).toBe('The lead name or PIN is wrong. Nothing was picked.');
    // The refused PIN is emptied, so the next try is typed afresh.
    expect(await page.locator(sel('override-pin')).inputValue()).toBe('');
    await page.locator(sel('override-pin')).fill('3333');
    await page.locator(sel('override-approve')).click();
    await page.locator(sel('picked-override')).waitFor();
    expect(await text(page, 'picked-override')).toContain(`instead of ${lots.early.lot.code}`);
    await page.locator(sel('pick-done')).waitFor();

    // ── Packing: every case scanned again; the difference shows until the last one.
    await page.locator(sel('nav-packing')).click();
    await page.locator(sel('packing-page')).waitFor();
    await choose(page, 'order-choice', orderNumber);
    await page.locator(sel('pack-check')).waitFor();
    await typeLikeScanner(page, label(SOY_GTIN, lots.soy));
    await page.locator(`${sel('check-line')}[data-lot="${lots.soy.lot.code}"][data-match="yes"]`).waitFor();
    expect(await page.locator(`${sel('check-line')}[data-lot="${lots.late.lot.code}"] ${sel('check-difference')}`).innerText()).toBe('6 pcs not scanned yet');
    expect(await text(page, 'not-ready')).toBe('1 lot differs from the pick');
    expect(await page.locator(sel('ship')).isDisabled()).toBe(true);
    await typeLikeScanner(page, label(TEA_GTIN, lots.late));
    await page.locator(sel('ready-to-ship')).waitFor();
    // The package lists each lot with its item: the soy lot and the first tea lot share a code.
    expect(lots.soy.lot.code).toBe(lots.early.lot.code);
    expect(await page.locator(sel('package-line')).evaluateAll((lines) => lines.map((l) => (l as HTMLElement).innerText).sort())).toEqual(
      [`SOY-500 · ${lots.soy.lot.code} · 4 pcs`, `TEA-250 · ${lots.late.lot.code} · 6 pcs`].sort(),
    );
    // The SSCC label of the package, as a PDF in place.
    const sscc = (await page.locator(sel('package')).first().getAttribute('data-sscc'))!;
    expect(sscc).toMatch(/^\d{18}$/);
    await page.locator(sel('sscc-label')).first().click();
    await page.locator(sel('sscc-label-preview')).waitFor();
    expect(await text(page, 'sscc-label-print')).toBe('Print label');

    // ── Ship (F9); the delivery note shows in place and names the lots.
    await page.keyboard.press('F9');
    await page.locator(sel('shipped')).waitFor();
    await page.locator(sel('delivery-note-preview')).waitFor();
    // The delivery note's own button text, not the label's.
    expect(await text(page, 'delivery-note-print')).toBe('Print delivery note');
    expect(await page.locator(sel('shipped-line')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot')).sort())).toEqual(
      [lots.late.lot.code, lots.soy.lot.code].sort(),
    );

    const api = desk.client();
    await api.result('session.signIn', { username: 'lead', secret: '3333' });
    const order = (await api.result<{ rows: { id: string; number: string }[] }>('orders.list', { status: 'shipped', search: orderNumber })).rows.find((o) => o.number === orderNumber)!;
    const shipped = await api.result<{ shipments: { id: string }[] }>('orders.get', { orderId: order.id });
    const note = await api.result<{ base64: string }>('shipping.deliveryNote', { shipmentId: shipped.shipments[0].id, locale: 'en' });
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-note-'));
    try {
      writeFileSync(join(dir, 'note.pdf'), Buffer.from(note.base64, 'base64'));
      const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'note.pdf'), '-'], { encoding: 'utf8' });
      expect(pdf).toContain('Delivery note');
      expect(pdf).toContain(orderNumber);
      // Lot codes are numbered per item, so each lot is checked on its item's row.
      const row = (sku: string) => pdf.split('\n').find((l) => l.includes(sku)) ?? '';
      expect(row('TEA-250')).toContain(lots.late.lot.code);
      expect(row('TEA-250')).toContain('6 pcs');
      expect(row('SOY-500')).toContain(lots.soy.lot.code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // ── Orders from a file: a bad row is reported by row and column; a clean file imports.
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('orders-page')).waitFor();
    await page.locator(sel('import-orders-open')).click();
    const csv = (rows: string[]) => ({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(['Customer,Reference,SKU,Quantity', ...rows].join('\n')) });
    await page.locator(sel('import-file')).setInputFiles(csv(['CUS-SFO,PO-F1,TEA-250,3', 'CUS-SFO,PO-F1,TEA-999,1']));
    const problem = page.locator(`${sel('import-problem')}[data-row="3"]`);
    await problem.waitFor();
    expect(await problem.innerText()).toContain('Unknown SKU "TEA-999". Use a SKU from the item list.');
    await page.locator(sel('import-file')).setInputFiles(csv(['CUS-SFO,PO-F1,TEA-250,3', 'CUS-SFO,PO-F1,SOY-500,1']));
    await page.locator(sel('import-preview')).waitFor();
    expect(await page.locator(sel('import-line')).count()).toBe(2);
    await page.keyboard.press('F8');
    await page.locator(`${sel('order-detail')} ${sel('order-line')}[data-sku="SOY-500"]`).waitFor();
    expect(await page.locator(sel('order-line')).count()).toBe(2);

    // ── The override report lists the approved pick.
    await page.locator(sel('nav-overrides')).click();
    await page.locator(sel('overrides-page')).waitFor();
    const row = page.locator(`${sel('override-row')}[data-lot="${lots.late.lot.code}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(lots.early.lot.code);
    expect(await row.innerText()).toContain('Customer collects today, B aisle blocked');

    // ── The picking desk in Chinese: a second order, the same later lot refused.
    const customers = await api.result<{ id: string; code: string }[]>('catalog.parties', { kind: 'customer' });
    const items = await api.result<{ id: string; sku: string }[]>('catalog.items');
    const second = await api.result<{ id: string; number: string }>('orders.create', {
      customerId: customers.find((c) => c.code === 'CUS-SFO')!.id,
      lines: [{ itemId: items.find((i) => i.sku === 'TEA-250')!.id, quantity: 2 }],
    });
    await api.result('allocation.allocate', { orderId: second.id });
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('nav-picking')).click();
    await page.locator(sel('picking-page')).waitFor();
    expect(await text(page, 'page-title')).toBe('拣货');
    await choose(page, 'order-choice', second.number);
    await page.locator(`${sel('pick-row')}[data-bin="B-01"]`).waitFor();
    expect(await text(page, 'pick-step')).toBe('请扫描库位标签。');
    await typeLikeScanner(page, 'A-02');
    expect(await text(page, 'pick-step')).toBe('在库位 A-02：请扫描批次标签。');
    await typeLikeScanner(page, label(TEA_GTIN, lots.late));
    await page.locator(sel('pick-refused')).waitFor();
    const zh = await text(page, 'pick-refused');
    expect(zh).toContain(`批次 ${lots.early.lot.code} 于`);
    expect(zh).toContain(`必须先于 ${lots.late.lot.code} 出库；它在库位 B-01。`);
    expect(zh).toContain('组长批准');

    expect(ui.problems).toEqual([]);
  });
});
