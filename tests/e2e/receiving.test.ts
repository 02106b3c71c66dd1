/**
 * The receiving desk end to end, in Chromium against the real serve-mode server: first start,
 * demo data, a clerk signs in with a PIN, receives lots by scanning GS1 barcodes typed the way a
 * keyboard-wedge scanner types them, sees the new lot and its label, and finds it in stock —
 * in English and in Chinese; a bad quantity is refused with a translated field error, and Enter in
 * an empty expiry date or quantity says what is missing, as F8 does.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import {
  activeTest,
  caseScan,
  chooseLanguage,
  choosePoLine,
  labelAnswer,
  labelShown,
  loadDemoFromSetup,
  nextYearEnd,
  palletScan,
  sel,
  signIn,
  text,
  typeLikeScanner,
} from './support/flows';
import { expectHanInShippedFont } from './support/fonts';
import { dateOf } from '../../src/domain/dates';
import { demoGtin } from '../../src/app/demo/demo-data';

const SHOTS = process.env.LOTDESK_E2E_SCREENSHOTS;

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  desk = await startDesk();
});
afterEach(async () => {
  await ui?.context.close();
  await desk?.stop();
});

describe('receiving desk (e2e)', () => {
  it('first start → demo data → clerk receives a scanned lot against PO-1001 → finds it in stock (English)', { timeout: 120_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;

    expect(await text(page, 'setup-title')).toBe('Welcome to LotDesk');
    await loadDemoFromSetup(page);
    expect(await text(page, 'sign-in-title')).toBe('Sign in');

    await signIn(page, 'clerk', '1111');
    // The clerk's own language (Chinese in the demo data) applies at sign-in…
    expect(await text(page, 'page-title')).toBe('收货');
    // …and the switch in the header changes it.
    await chooseLanguage(page, 'en');
    expect(await text(page, 'page-title')).toBe('Receiving');
    expect(await text(page, 'current-role')).toBe('Receiving clerk');

    await choosePoLine(page, 'PO-1001');
    expect(await text(page, 'po-line-received')).toBe('0 pcs');

    // A case label, typed by the scanner: fast keys, Ctrl+] for GS, Enter.
    await page.keyboard.press('F2');
    await expect.poll(() => activeTest(page)).toBe('scan');
    await typeLikeScanner(page, caseScan({ batch: 'ABC123', count: 24 }));
    await page.locator(sel('parsed-ais')).waitFor();
    for (const ai of ['01', '17', '10', '30']) await page.locator(sel(`ai-${ai}`)).waitFor();
    expect(await text(page, 'ai-10')).toContain('Batch or lot number');
    expect(await page.locator(sel('supplier-lot')).inputValue()).toBe('ABC123');
    expect(await page.locator(sel('quantity')).inputValue()).toBe('24');
    expect(await page.locator(sel('expiryDate')).inputValue()).toBe(dateOf(nextYearEnd()));
    expect(await activeTest(page)).toBe('quantity');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/receiving-scanned-en.png` });

    // Enter receives.
    const label = labelAnswer(ui);
    await page.keyboard.press('Enter');
    await page.locator(sel('receipt-confirmation')).waitFor();
    const lotCode = await text(page, 'lot-code');
    expect(lotCode).toMatch(/\S{4,}/);
    await page.locator(`${sel('receipt-confirmation')} ${sel('status-released')}`).waitFor();
    expect(await text(page, 'lot-bin')).toBe('RCV-01');
    expect(await text(page, 'lot-quantity')).toBe('24 pcs');
    const shown = await labelShown(ui, label);
    expect(shown.src).toMatch(/^blob:/);
    expect(shown.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(shown.pdf.length).toBeGreaterThan(1000);
    expect(await page.locator(sel('receipt-line')).count()).toBe(1);
    expect(await text(page, 'po-line-received')).toBe('24 pcs');
    // Ready for the next case at once.
    expect(await activeTest(page)).toBe('scan');
    const receipt = await text(page, 'receipt-number');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/receiving-en.png` });

    // The next case of the same delivery, from a pallet label: same receipt, a second line.
    await typeLikeScanner(page, palletScan({ serial: 7, batch: 'ABC124', count: 12 }));
    await page.locator(sel('ai-00')).waitFor();
    expect(await page.locator(sel('quantity')).inputValue()).toBe('12');
    await page.keyboard.press('F8');
    await page.locator(sel('receipt-line')).nth(1).waitFor();
    expect(await text(page, 'receipt-number')).toBe(receipt);
    const secondLot = await text(page, 'lot-code');
    expect(secondLot).not.toBe(lotCode);

    // A milk case (Nordic Dairy's PO-1002) while this tea delivery is open: the desk says so and
    // keeps the tea line (it showed the milk line's bare id); F8 would be refused by the core.
    await typeLikeScanner(page, caseScan({ batch: 'MLK-1', count: 6, gtin: demoGtin('20011') }));
    await page.locator(sel('scan-notice')).waitFor();
    expect(await text(page, 'scan-notice')).toBe('The scanned item MILK-1L is on an order of Nordic Dairy AB, not of this delivery. Finish this delivery (F9) before receiving it.');
    expect(await text(page, 'po-line-received')).toBe('36 pcs'); // still the tea line: 24 + 12
    await page.keyboard.press('Escape');

    // Stock: search the lot, open it.
    await page.keyboard.press('Alt+2');
    await page.locator(sel('stock-page')).waitFor();
    expect(await text(page, 'page-title')).toBe('Stock');
    await page.locator(sel('stock-search')).fill(lotCode);
    const row = page.locator(`${sel('stock-row')}[data-lot="${lotCode}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('ABC123');
    expect(rowText).toContain('Released');
    expect(rowText).toContain('24 pcs');
    expect(rowText).toContain('RCV-01');
    await expect.poll(() => page.locator(sel('stock-row')).count()).toBe(1);
    await row.click();
    await page.locator(sel('lot-page')).waitFor();
    expect(await text(page, 'lot-page-code')).toBe(lotCode);
    expect(await text(page, 'movement-row')).toContain('Receipt');

    expect(ui.problems).toEqual([]);
  });

  it('the same flow in Chinese', { timeout: 120_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;

    await chooseLanguage(page, 'zh-CN');
    expect(await text(page, 'setup-title')).toBe('欢迎使用 LotDesk');
    await page.locator(sel('load-demo')).click();
    await page.locator(sel('demo-users')).waitFor();
    expect(await text(page, 'demo-user-clerk')).toContain('收货员');
    await page.locator(sel('go-sign-in')).click();
    expect(await text(page, 'sign-in-title')).toBe('登录');

    await signIn(page, 'clerk', '1111');
    expect(await text(page, 'page-title')).toBe('收货');
    expect(await text(page, 'mode-po')).toContain('按采购订单');
    expect(await text(page, 'current-role')).toBe('收货员');

    await choosePoLine(page, 'PO-1001');
    // Focus is in the supplier-lot field: the scanner's burst is still caught as a scan, and the
    // characters it typed into that field are taken back out.
    expect(await activeTest(page)).toBe('supplier-lot');
    await typeLikeScanner(page, palletScan({ serial: 42, batch: 'CN2024A', count: 36 }));
    await page.locator(sel('parsed-ais')).waitFor();
    expect(await text(page, 'ai-10')).toContain('批号');
    expect(await text(page, 'ai-37')).toContain('贸易项目数量');
    expect(await page.locator(sel('supplier-lot')).inputValue()).toBe('CN2024A');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/receiving-scanned-zh.png` });
    const label = labelAnswer(ui);
    await page.keyboard.press('Enter');

    await page.locator(sel('receipt-confirmation')).waitFor();
    const lotCode = await text(page, 'lot-code');
    expect(await text(page, 'receipt-confirmation')).toContain('收货成功');
    expect(await page.locator(`${sel('receipt-confirmation')} ${sel('status-released')}`).innerText()).toBe('已放行');
    expect(await text(page, 'lot-quantity')).toBe('36 件');
    // The receipt tag is set in the monospace stack: its Chinese is in the shipped font too.
    await expectHanInShippedFont(page, sel('receipt-number'));
    expect((await labelShown(ui, label)).pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/receiving-zh.png` });

    await page.locator(sel('nav-stock')).click();
    await page.locator(sel('stock-page')).waitFor();
    expect(await text(page, 'page-title')).toBe('库存');
    await page.locator(sel('stock-search')).fill('CN2024A');
    const row = page.locator(`${sel('stock-row')}[data-lot="${lotCode}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('已放行');
    await row.click();
    await page.locator(sel('lot-page-code')).waitFor();
    expect(await text(page, 'lot-page-code')).toBe(lotCode);
    expect(await text(page, 'movement-row')).toContain('收货');

    // The choice survives a reload, and so does the session.
    await page.reload();
    await page.locator(sel('lot-page')).waitFor();
    expect(await text(page, 'page-title')).toContain('批次');

    expect(ui.problems).toEqual([]);
  });

  it('a bad quantity shows the translated field error and receives nothing', { timeout: 120_000 }, async () => {
    await desk.client().result('station.loadDemo');
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'clerk', '1111');
    await chooseLanguage(page, 'en');
    await choosePoLine(page, 'PO-1001');

    await page.locator(sel('supplier-lot')).fill('LOT-Q0');
    await page.locator(sel('expiryDate')).fill(dateOf(nextYearEnd()));
    await page.locator(sel('quantity')).fill('0');
    await page.locator(sel('quantity')).press('Enter');
    const feedback = page.locator(`${sel('field-quantity')} .n-form-item-feedback`);
    await expect.poll(() => feedback.innerText()).toBe('The quantity must be more than zero.');

    await page.locator(sel('quantity')).fill('1.5');
    await page.keyboard.press('F8');
    await expect.poll(() => feedback.innerText()).toBe('This is counted in whole pcs: enter a whole number.');

    // The error follows the language.
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => feedback.innerText()).toBe('此处按整件计数，请输入整数。');

    await page.locator(sel('quantity')).fill('abc');
    await page.keyboard.press('F8');
    await expect.poll(() => feedback.innerText()).toBe('请用数字输入数量，小数用小数点（如 1000 或 2.5），不要加千位分隔符。');

    // Enter in the empty expiry date the item needs says what F8 says, and the focus stays there.
    await page.locator(sel('quantity')).fill('3');
    await page.locator(sel('expiryDate')).fill('');
    await page.locator(sel('expiryDate')).press('Enter');
    const expiryFeedback = page.locator(`${sel('field-expiryDate')} .n-form-item-feedback`);
    await expect.poll(() => expiryFeedback.innerText()).toBe('此物料有保质期：请输入有效期或生产日期。');
    expect(await activeTest(page)).toBe('expiryDate');
    // So does Enter in an empty quantity, the first field still missing (the expiry's refusal cleared the quantity's).
    await expect.poll(async () => (await feedback.allInnerTexts()).join('')).toBe('');
    await page.locator(sel('expiryDate')).fill(dateOf(nextYearEnd()));
    await page.locator(sel('quantity')).fill('');
    await page.locator(sel('quantity')).press('Enter');
    await expect.poll(() => feedback.innerText()).toBe('请用数字输入数量，小数用小数点（如 1000 或 2.5），不要加千位分隔符。');
    expect(await activeTest(page)).toBe('quantity');

    expect(await page.locator(sel('receipt-confirmation')).count()).toBe(0);
    expect(await page.locator(sel('receipt-line')).count()).toBe(0);

    // Nothing was written: no stock, no receipt, no receive in the audit trail.
    const manager = desk.client();
    await manager.result('session.signIn', { username: 'manager', secret: '4444' });
    expect(await manager.result('stock.list', {})).toEqual({ rows: [], total: 0, more: false, withoutStock: [] });
    const audit = await manager.result<{ command: string }[]>('audit.recent', {});
    expect(audit.filter((a) => a.command === 'receiving.receive')).toEqual([]);

    expect(ui.problems).toEqual([]);
  });
});
