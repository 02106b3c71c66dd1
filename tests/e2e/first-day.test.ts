/**
 * The first day of a desk, from an EMPTY database (issue 15's acceptance test), in Chromium: the
 * admin sets up the site on the Setup screen, creates a clerk with a PIN, an item typed on the
 * Items screen and another imported from XLSX (in Chinese), a supplier and a customer (in
 * Chinese), a zone, a range of bins and a receiving bin, a purchase order typed and another
 * imported from XLSX; the clerk signs in with the new PIN, receives against the typed order (in
 * Chinese) and the lot label appears; the Audit screen filtered by user shows who created what,
 * before → after, in both languages.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import {
  activeTest,
  caseScan,
  chooseLanguage,
  choosePoLine,
  chooseValue,
  createUser,
  createZoneAndRange,
  fillSetup,
  gtin13,
  labelAnswer,
  labelShown,
  nextYearEnd,
  pickOption,
  sel,
  shownChanges,
  signIn,
  submitSetupAndSignIn,
  text,
  typeLikeScanner,
} from './support/flows';
import { dateOf } from '../../src/domain/dates';

let browser: Browser;
let desk: Desk;
let ui: DeskPage | undefined;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const TYPED_GTIN = gtin13('695000000401');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheet(name: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function userId(username: string): Promise<string> {
  const client = desk.client();
  await client.result('session.signIn', { username: 'boss', secret: 'secret-pass' });
  const users = await client.result<{ id: string; username: string }[]>('users.list', {});
  return users.find((u) => u.username === username)!.id;
}

async function auditOf(page: Page, username: string): Promise<void> {
  await chooseValue(page, 'audit-filter-user', await userId(username));
  await page.locator(sel('audit-filter-apply')).click();
}

/** The shown records' changes by their action (the newest record of each action). */
async function byCommand(page: Page): Promise<Map<string, string[]>> {
  const commands = await page.locator(sel('audit-command')).allInnerTexts();
  const changes = await shownChanges(page);
  const out = new Map<string, string[]>();
  commands.forEach((c, i) => {
    if (!out.has(c.trim())) out.set(c.trim(), changes[i] ?? []);
  });
  return out;
}

describe('the first day on an empty desk (e2e)', () => {
  it('admin sets up site, users, items, parties, bins and orders; the clerk receives and prints; the audit tells who did what', { timeout: 300_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    const fill = async (test: string, value: string) => page.locator(sel(test)).fill(value);

    // The Setup screen: site, prefix, station and the first admin.
    await page.locator(sel('setup-form')).waitFor();
    await chooseLanguage(page, 'en');
    await fillSetup(page, {
      siteCode: 'DC1',
      siteName: 'Wuhan DC 武汉仓',
      gln: '0614141000012',
      companyPrefix: '0614141',
      stationName: 'Dock 1',
      admin: { username: 'boss', displayName: 'Zhang Min 张敏', password: 'secret-pass' },
    });
    await submitSetupAndSignIn(page, { username: 'boss', password: 'secret-pass' });

    // A receiving clerk with a PIN.
    await page.locator(sel('nav-users')).click();
    await page.locator(`${sel('user-row')}[data-user="boss"]`).waitFor();
    await createUser(page, { username: 'zhao', displayName: 'Zhao Lei 赵磊', secret: '5678' });

    // An item typed on the Items screen (nothing listed yet).
    await page.locator(sel('nav-items')).click();
    await expect.poll(() => text(page, 'page-title')).toBe('Items');
    expect(await page.locator(sel('item-row')).count()).toBe(0);
    await page.keyboard.press('F6');
    await page.locator(sel('item-form')).waitFor();
    await fill('item-sku', 'GREEN-100');
    await fill('item-gtin', TYPED_GTIN);
    await fill('item-name', 'Green tea 100 g');
    await fill('item-name-zh', '绿茶 100 克');
    await page.locator(sel('item-unit')).selectOption('pcs');
    await fill('item-shelf-life', '540');
    await page.locator(sel('item-gtin')).press('Enter');
    await expect.poll(() => text(page, 'items-notice')).toBe('Item GREEN-100 created.');
    await page.locator(`${sel('item-row')}[data-sku="GREEN-100"]`).waitFor();
    await page.keyboard.press('Escape');

    // In Chinese: one item from an XLSX file with Chinese headers, previewed, then imported.
    await chooseLanguage(page, 'zh-CN');
    expect(await text(page, 'page-title')).toBe('物料');
    const items = await sheet('物料', [
      ['物料编码', '商品条码', '英文名称', '中文名称', '单位', '保质期（天）', '需质检'],
      ['BLACK-200', gtin13('695000000402'), 'Black tea 200 g', '红茶 200 克', 'pcs', 720, '否'],
    ]);
    await page.locator(sel('master-file-input')).setInputFiles({ name: '物料.xlsx', mimeType: XLSX, buffer: items });
    await expect.poll(() => text(page, 'master-file-counts')).toBe('新增 1 条，修改 0 条，未变 0 条。点击导入前不会写入任何数据。');
    await page.locator(sel('master-file-import')).click();
    await expect.poll(() => text(page, 'master-file-notice')).toBe('已导入：新增 1 条，修改 0 条，未变 0 条。');
    await expect.poll(() => page.locator(sel('item-row')).count()).toBe(2);

    // Still in Chinese: a supplier and a customer on the Parties screen.
    await page.locator(sel('nav-parties')).click();
    await page.locator(sel('party-new')).click();
    await fill('party-code', 'SUP-FJ');
    await fill('party-name', 'Fujian Tea Garden');
    await fill('party-name-zh', '福建茶园');
    await page.locator(sel('contact-add')).click();
    await page.locator(sel('contact-name')).fill('林芳');
    await page.locator(sel('contact-email')).fill('lin@example.cn');
    await page.locator(sel('contact-email')).press('Enter');
    await expect.poll(() => text(page, 'parties-notice')).toBe('已创建 SUP-FJ。');
    await page.locator(`${sel('party-row')}[data-code="SUP-FJ"]`).waitFor();
    await page.locator(sel('kind-customer')).click();
    await page.keyboard.press('F6');
    await fill('party-code', 'CUS-WH');
    await fill('party-name', 'Wuhan Mart');
    await fill('party-name-zh', '武汉超市');
    await fill('party-region', 'CN-HB');
    await page.locator(sel('party-region')).press('Enter');
    await expect.poll(() => text(page, 'parties-notice')).toBe('已创建 CUS-WH。');
    await page.locator(`${sel('party-row')}[data-code="CUS-WH"]`).waitFor();

    // Back in English: a zone, a range of bins with its preview, and a receiving bin.
    await chooseLanguage(page, 'en');
    expect(await createZoneAndRange(page, { zone: 'A', zoneName: 'Ambient', prefix: 'A', parts: [[1, 2], [1, 3]], count: 6 })).toContain('6 bins: A-01-01 … A-02-03');
    expect(await text(page, 'locations-notice')).toBe('6 bins created: A-01-01 … A-02-03.');
    // The bin list reloads after the range (and resets the new-bin row): fill that row only once it has.
    await page.locator(`${sel('bin-row')}[data-bin="A-02-03"]`).waitFor();
    await pickOption(page, sel('new-bin-zone'), 'A');
    await fill('new-bin-code', 'RCV-01');
    await chooseValue(page, 'new-bin-kind', 'receiving');
    await page.locator(sel('create-bin')).click();
    await page.locator(`${sel('bin-row')}[data-bin="RCV-01"][data-kind="receiving"]`).waitFor();
    expect(await page.locator(`${sel('bin-row')}[data-kind="storage"]`).count()).toBe(6);

    // A purchase order typed, for the typed item…
    await page.locator(sel('nav-purchase-orders')).click();
    await page.locator(sel('po-new')).click();
    await pickOption(page, sel('po-supplier-select'), 'SUP-FJ');
    await page.locator(sel('po-reference')).fill('FJ-001');
    await pickOption(page, sel('po-line-item'), 'GREEN-100');
    await page.locator(sel('po-line-quantity')).fill('48');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => text(page, 'po-notice')).toMatch(/^Purchase order PO-\d{8}-0001 created\.$/);
    const typed = (await page.locator(sel('po-detail')).getAttribute('data-number'))!;
    // …and another imported from XLSX, for the imported one, previewed first.
    const po = await sheet('PO', [
      ['Supplier', 'Reference', 'SKU', 'Quantity'],
      ['SUP-FJ', 'FJ-002', 'BLACK-200', 120],
    ]);
    await page.keyboard.press('Alt+I');
    await page.locator(sel('po-import-file')).setInputFiles({ name: 'po.xlsx', mimeType: XLSX, buffer: po });
    await page.locator(sel('po-import-preview')).waitFor();
    expect(await page.locator(sel('po-import-line')).count()).toBe(1);
    await page.keyboard.press('F8');
    await expect.poll(() => text(page, 'po-notice')).toBe('1 purchase order imported.');
    expect(await page.locator(sel('po-detail')).getAttribute('data-number')).toMatch(/^PO-\d{8}-0002$/);
    await expect.poll(() => page.locator(sel('po-row')).count()).toBe(2);

    // The clerk signs in with the new PIN and receives against the typed order, in Chinese.
    await page.locator(sel('sign-out')).click();
    await signIn(page, 'zhao', '5678');
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => text(page, 'page-title')).toBe('收货');
    await choosePoLine(page, typed);
    await page.keyboard.press('F2');
    await expect.poll(() => activeTest(page)).toBe('scan');
    await typeLikeScanner(page, caseScan({ gtin: `0${TYPED_GTIN}`, batch: 'FJ-B1', count: 24 }));
    await page.locator(sel('parsed-ais')).waitFor();
    expect(await page.locator(sel('quantity')).inputValue()).toBe('24');
    const label = labelAnswer(ui);
    await page.keyboard.press('Enter');
    const shown = await labelShown(ui, label);
    await page.locator(sel('receipt-confirmation')).waitFor();
    expect(await text(page, 'lot-bin')).toBe('RCV-01');
    expect(await text(page, 'po-line-received')).toBe('24 件');
    const lotCode = await text(page, 'lot-code');
    const receipt = /RCV-\d{8}-\d{4}/.exec(await text(page, 'receipt-number'))![0];
    expect(shown.src).toMatch(/^blob:/);
    expect(shown.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The Audit screen: the admin's records, then the clerk's.
    await page.locator(sel('sign-out')).click();
    await signIn(page, 'boss', 'secret-pass');
    await chooseLanguage(page, 'en');
    await page.locator(sel('nav-audit')).click();
    await page.locator(sel('audit-row')).first().waitFor();
    await auditOf(page, 'boss');
    await expect.poll(async () => (await byCommand(page)).get('Set up the station')).toBeDefined();
    expect(new Set(await page.locator(sel('audit-user')).allInnerTexts())).toEqual(new Set(['Zhang Min 张敏']));
    const whatTheAdminDid = (await page.locator(sel('audit-command')).allInnerTexts()).filter((c) => !['Sign-in', 'Signed out', 'Changed language'].includes(c));
    expect(whatTheAdminDid).toEqual([
      'Imported purchase orders',
      'Created a purchase order',
      'Created a bin',
      'Created a range of bins',
      'Created a zone',
      'Created a supplier or customer',
      'Created a supplier or customer',
      'Imported items',
      'Created an item',
      'Created a user',
      'Set up the station',
    ]);
    const admin = await byCommand(page);
    expect(admin.get('Created a user')).toEqual(['User zhao | user name: — → zhao; name: — → Zhao Lei 赵磊; role: — → Receiving clerk; signs in with: — → PIN; active: — → yes']);
    expect(admin.get('Created an item')).toEqual([
      'Item GREEN-100 | SKU: — → GREEN-100; GTIN: — → 0' + TYPED_GTIN + '; name: — → Green tea 100 g; Chinese name: — → 绿茶 100 克; unit: — → pcs; shelf life (days): — → 540; QC on receipt: — → no; removal rule: — → FEFO; catch weight: — → no; active: — → yes',
    ]);
    expect(admin.get('Imported items')?.[0]).toMatch(/^Item BLACK-200 \| SKU: — → BLACK-200; /);
    const parties = (await shownChanges(page)).flat().filter((c) => c.startsWith('Supplier/customer '));
    expect(parties).toEqual([
      'Supplier/customer CUS-WH | kind: — → customer; code: — → CUS-WH; name: — → Wuhan Mart; Chinese name: — → 武汉超市; region: — → CN-HB; active: — → yes',
      'Supplier/customer SUP-FJ | kind: — → supplier; code: — → SUP-FJ; name: — → Fujian Tea Garden; Chinese name: — → 福建茶园; contacts: — → 林芳 lin@example.cn; active: — → yes',
    ]);
    expect(admin.get('Created a range of bins')).toHaveLength(6);
    expect(admin.get('Created a bin')).toEqual(['Bin RCV-01 | code: — → RCV-01; zone: — → A; kind: — → Receiving dock; active: — → yes']);
    expect(admin.get('Created a purchase order')).toEqual([`Purchase order ${typed} | supplier: — → SUP-FJ; reference: — → FJ-001; status: — → Open; line 1: — → GREEN-100 48 pcs`]);
    expect(admin.get('Imported purchase orders')?.[0]).toMatch(/^Purchase order PO-\d{8}-0002 \| supplier: — → SUP-FJ; reference: — → FJ-002; .*line 1: — → BLACK-200 120 pcs$/);

    // The clerk's: the lot she received, then the same in Chinese.
    await auditOf(page, 'zhao');
    await expect.poll(async () => (await byCommand(page)).get('Received goods')).toEqual([
      `Lot ${lotCode} | item: — → GREEN-100; supplier lot: — → FJ-B1; expiry date: — → ${dateOf(nextYearEnd())}; status: — → Released; document: — → ${receipt}; scanned by: — → typed`,
    ]);
    expect(new Set(await page.locator(sel('audit-user')).allInnerTexts())).toEqual(new Set(['Zhao Lei 赵磊']));
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(async () => (await byCommand(page)).get('收货')).toEqual([
      `批次 ${lotCode} | 物料: — → GREEN-100; 供应商批号: — → FJ-B1; 有效期至: — → ${dateOf(nextYearEnd())}; 状态: — → 已放行; 单据: — → ${receipt}; 扫描来源: — → 手工输入`,
    ]);
    await auditOf(page, 'boss');
    await expect.poll(async () => (await byCommand(page)).get('创建物料')).toEqual([
      '物料 GREEN-100 | 物料编码: — → GREEN-100; 商品条码: — → 0' + TYPED_GTIN + '; 名称: — → Green tea 100 g; 中文名称: — → 绿茶 100 克; 单位: — → pcs; 保质期（天）: — → 540; 收货需质检: — → 否; 出库规则: — → FEFO; 称重计量: — → 否; 启用: — → 是',
    ]);
    expect((await shownChanges(page)).flat().filter((c) => c.startsWith('库位 RCV-01'))).toEqual(['库位 RCV-01 | 代码: — → RCV-01; 库区: — → A; 类型: — → 收货区; 启用: — → 是']);
    expect(ui.problems).toEqual([]);
  });
});
