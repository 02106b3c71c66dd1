/**
 * Master data in Chromium (issue 15): on the demo station a manager creates an item typed at
 * the Items screen (a wrong GTIN check digit refused in English first), finds it again by
 * scanning its GS1 label, imports two items from an XLSX file with the preview (in Chinese),
 * and creates a supplier and a customer, each with a contact, the customer with its shelf-life rule.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, gtin13, sel, signedInPage, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const TYPED = gtin13('695000000301');

async function itemsXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('物料');
  ws.addRow(['物料编码', '商品条码', '英文名称', '中文名称', '单位', '保质期（天）', '需质检']);
  ws.addRow(['OOLONG-100', gtin13('695000000302'), 'Oolong tea 100 g', '乌龙茶 100 克', 'pcs', 540, '否']);
  ws.addRow(['FLOUR-25', gtin13('695000000303'), 'Rice flour 25 kg', '米粉 25 公斤', 'kg', 365, '是']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('items and parties (e2e)', () => {
  it('creates an item typed, finds it by scan, imports two from XLSX, creates a supplier and a customer with contacts', { timeout: 180_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'en' });
    const { page } = ui;
    const fill = async (test: string, value: string) => page.locator(sel(test)).fill(value);

    await page.locator(sel('nav-items')).click();
    await page.locator(sel('item-row')).first().waitFor();
    expect(await text(page, 'page-title')).toBe('Items');
    await page.keyboard.press('F6');
    await page.locator(sel('item-form')).waitFor();
    await fill('item-sku', 'JASMINE-50');
    await fill('item-gtin', TYPED.slice(0, 12) + ((Number(TYPED[12]) + 1) % 10));
    await fill('item-name', 'Jasmine pearls 50 g');
    await fill('item-name-zh', '茉莉龙珠 50 克');
    await page.locator(sel('item-unit')).selectOption('pcs');
    await page.locator(sel('item-strategy')).selectOption('FIFO');
    await fill('item-shelf-life', '720');
    await page.locator(sel('item-zone')).selectOption('A');
    await page.locator(sel('item-qc')).check();
    await page.locator(sel('item-name')).press('Enter');
    await expect.poll(() => text(page, 'item-error')).toBe('This GTIN’s check digit is wrong: check the number on the barcode.');
    await fill('item-gtin', TYPED);
    await page.locator(sel('item-gtin')).press('Enter');
    await expect.poll(() => text(page, 'items-notice')).toBe('Item JASMINE-50 created.');
    await page.locator(`${sel('item-row')}[data-sku="JASMINE-50"]`).waitFor();

    // A GS1-128 case label scanned anywhere on the screen finds the item and opens it.
    await page.locator(sel('page-title')).click();
    await typeLikeScanner(page, `]C101${'0' + TYPED}17281231` + '10B-77');
    await expect.poll(async () => page.locator(sel('item-sku')).inputValue()).toBe('JASMINE-50');
    expect(await page.locator(sel('item-row')).count()).toBe(1);
    await page.keyboard.press('Escape');

    // In Chinese: two items from an XLSX with Chinese headers, previewed, then imported.
    await chooseLanguage(page, 'zh-CN');
    expect(await text(page, 'page-title')).toBe('物料');
    await page.locator(sel('master-file-input')).setInputFiles({ name: '物料.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await itemsXlsx() });
    await expect.poll(() => text(page, 'master-file-counts')).toBe('新增 2 条，修改 0 条，未变 0 条。点击导入前不会写入任何数据。');
    await page.locator(sel('master-file-import')).click();
    await expect.poll(() => text(page, 'master-file-notice')).toBe('已导入：新增 2 条，修改 0 条，未变 0 条。');
    await fill('items-search', '乌龙');
    await page.locator(sel('items-search')).press('Enter');
    // The list shows the imported item alone (in Chinese, its English name beside it).
    await expect.poll(() => text(page, 'item-row-name')).toBe('乌龙茶 100 克 Oolong tea 100 g');
    expect(await page.locator(sel('item-row')).count()).toBe(1);

    // A supplier with a contact (in Chinese), then a customer with a contact and its shelf-life rule (in English).
    await page.locator(sel('nav-parties')).click();
    await page.locator(sel('party-row')).first().waitFor();
    await page.locator(sel('party-new')).click();
    await fill('party-code', 'SUP-FJ');
    await fill('party-name', 'Fujian Tea Garden');
    await fill('party-name-zh', '福建茶园');
    await fill('party-gln', '0614141000013');
    await page.locator(sel('contact-add')).click();
    await page.locator(sel('contact-name')).fill('林芳');
    await page.locator(sel('contact-email')).fill('lin@example.cn');
    await page.locator(sel('party-save')).click();
    await expect.poll(() => text(page, 'party-error')).toBe('此 GLN 的校验位错误，请检查号码。');
    await fill('party-gln', '0614141000012');
    await page.locator(sel('party-gln')).press('Enter');
    await expect.poll(() => text(page, 'parties-notice')).toBe('已创建 SUP-FJ。');
    const supplierRow = page.locator(`${sel('party-row')}[data-code="SUP-FJ"]`);
    expect(await supplierRow.locator(sel('party-row-name')).innerText()).toBe('福建茶园');
    expect(await supplierRow.locator(sel('party-row-contacts')).innerText()).toBe('林芳');

    await chooseLanguage(page, 'en');
    await page.locator(sel('kind-customer')).click();
    await page.locator(`${sel('party-row')}[data-code="CUS-SHM"]`).waitFor();
    await page.keyboard.press('F6');
    await fill('party-code', 'CUS-WH');
    await fill('party-name', 'Wuhan Mart');
    await fill('party-region', 'CN-HB');
    await fill('party-channel', 'retail');
    await fill('party-min-days', '45');
    await page.locator(sel('contact-add')).click();
    await page.locator(sel('contact-name')).fill('Zhou Min');
    await page.locator(sel('contact-phone')).fill('+86 27 5555 0101');
    await page.locator(sel('contact-phone')).press('Enter');
    await expect.poll(() => text(page, 'parties-notice')).toBe('CUS-WH created.');
    expect(await page.locator(`${sel('party-row')}[data-code="CUS-WH"]`).locator(sel('party-row-contacts')).innerText()).toBe('Zhou Min');

    // What the core holds, read through the API as another manager's session.
    const api = desk.client();
    await api.result('session.signIn', { username: 'manager', secret: '4444' });
    const customers = await api.result<{ code: string; minShelfLifeDays: number | null; contacts: { name: string; phone: string | null }[] }[]>('parties.list', { kind: 'customer' });
    expect(customers.find((c) => c.code === 'CUS-WH')).toMatchObject({ minShelfLifeDays: 45, contacts: [{ name: 'Zhou Min', phone: '+86 27 5555 0101' }] });
    const found = await api.result<{ items: { sku: string; qcRequired: boolean; removalStrategy: string; defaultZone: string | null }[] }>('items.search', { search: 'JASMINE-50' });
    expect(found.items[0]).toMatchObject({ sku: 'JASMINE-50', qcRequired: true, removalStrategy: 'FIFO', defaultZone: 'A' });
    expect(ui.problems).toEqual([]);
  });
});
